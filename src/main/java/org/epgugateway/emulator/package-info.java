/**
 * A contract-faithful emulator of ESIA and the EPGU API for demo, tests and offline development.
 */
package org.epgugateway.emulator;
