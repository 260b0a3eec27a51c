/**
 * Taking custody of drops: spool copy, store row and the outbox folder name, before the inbox file is released.
 */
package org.epgugateway.intake;
