/**
 * GOST R 34.10-2012 keys, certificates and CMS signatures.
 */
package org.epgugateway.signing;
