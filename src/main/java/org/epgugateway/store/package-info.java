/**
 * The order store: drop and order state over JDBC, with schema migrations.
 */
package org.epgugateway.store;
