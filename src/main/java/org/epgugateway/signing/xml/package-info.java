/**
 * GOST R 34.10-2012 XML signatures (XMLDSig) on Apache Santuario's own API, with the SMEV transform.
 */
package org.epgugateway.signing.xml;
