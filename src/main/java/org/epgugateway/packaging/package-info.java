/**
 * Turns the documents built for an upload into the files of its archive, signed as the service profile says.
 */
package org.epgugateway.packaging;
