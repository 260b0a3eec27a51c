/**
 * Settings and service profiles: what the gateway reads from config/ and the environment before it starts.
 */
package org.epgugateway.config;
