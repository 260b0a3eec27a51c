package org.epgugateway.signing;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key that can sign, wherever it lives: in memory, on a PKCS#11 token or behind another device.
 *
 * <p>CMS and XMLDSig signers build on this: they hand over the bytes to be signed (the DER of the signed attributes,
 * the canonical SignedInfo) and get back the signature value. The key itself never has to leave its device.
 */
public interface KeyHandle {

    /** The certificate of the key. */
    X509Certificate certificate();

    /** The certificate chain, leaf first; at least the certificate itself. */
    List<X509Certificate> chain();

    /**
     * Digests the bytes with the digest of the key's scheme and signs the digest.
     *
     * @param data the bytes to be signed, not a digest of them
     * @return the signature value as CMS and XMLDSig carry it: for GOST R 34.10-2012 {@code s || r}, each half
     *         big-endian and of fixed length; for ECDSA the DER SEQUENCE of r and s; never null
     * @throws SigningException when the key cannot sign
     */
    byte[] sign(byte[] data);

    /** The signature scheme, from the certificate's public key. */
    default SignatureScheme scheme() {
        return SignatureScheme.of(certificate());
    }
}
