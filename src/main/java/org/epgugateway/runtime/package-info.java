/**
 * Assembles and starts the Camel runtime with the gateway's beans, routes and health checks.
 */
package org.epgugateway.runtime;
