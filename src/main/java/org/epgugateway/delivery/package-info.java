/**
 * What back-office systems read: status.json, result files in the outbox and dead-letter files.
 */
package org.epgugateway.delivery;
