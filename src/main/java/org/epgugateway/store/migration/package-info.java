/**
 * Database migrations written in Java, for steps SQL files cannot express.
 */
package org.epgugateway.store.migration;
