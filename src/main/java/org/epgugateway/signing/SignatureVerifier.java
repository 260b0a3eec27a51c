package org.epgugateway.signing;

import java.io.InputStream;

/**
 * Verifies detached CMS signatures: the signature itself, and, where configured, the signer's chain, revocation and
 * the signature timestamp.
 */
public interface SignatureVerifier {

    /**
     * Verifies a signature over content held in memory.
     *
     * @return who signed and when; never null
     * @throws SignatureVerificationException when the signature does not verify; its reason tells why
     */
    VerifiedSignature verify(byte[] signature, byte[] content);

    /**
     * Verifies a signature over content read once from the stream, which is never held in memory whole.
     *
     * @param content read to its end and left open for the caller to close
     * @return who signed and when; never null
     * @throws java.io.UncheckedIOException when reading the content fails
     * @throws SignatureVerificationException when the signature does not verify; its reason tells why
     */
    VerifiedSignature verify(byte[] signature, InputStream content);
}
