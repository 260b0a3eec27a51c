package org.epgugateway.emulator;

/**
 * The organisation a verified API-key signature speaks for, read from the signer certificate.
 *
 * @param ogrn         the OGRN of the subject (OID 1.2.643.100.1)
 * @param organisation the organisation name (O, else CN) for logs
 */
record SignerIdentity(String ogrn, String organisation) {
}
