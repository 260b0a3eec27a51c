/**
 * GOST R 34.10-2012 signing and verification: keys from files, PKCS#11 tokens or an external signer, detached
 * CAdES-BES and CAdES-T signatures, and their checks against trust roots, CRLs and OCSP.
 */
package org.epgugateway.signing;
