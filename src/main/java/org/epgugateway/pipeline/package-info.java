/**
 * Beans the YAML routes call for each step of a drop's road.
 */
package org.epgugateway.pipeline;
