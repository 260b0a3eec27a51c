package org.epgugateway.signing;

import java.io.InputStream;
import java.security.cert.X509Certificate;

/**
 * Makes detached CMS signatures; what the gateway signs tokens and files with, whichever key source is configured.
 *
 * <p>Implementations are thread-safe. Content given as a stream is read once and never held in memory whole.
 */
public interface Signer {

    /**
     * Signs content held in memory.
     *
     * @return the DER-encoded CMS SignedData without the content; never null
     * @throws SigningException when the key or the signing device fails
     */
    byte[] signDetached(byte[] content);

    /**
     * Signs content read once from the stream.
     *
     * @param content read to its end and left open for the caller to close
     * @return the DER-encoded CMS SignedData without the content; never null
     * @throws java.io.UncheckedIOException when reading the content fails
     * @throws SigningException when the key or the signing device fails
     */
    byte[] signDetached(InputStream content);

    /** The certificate whose key signs. */
    X509Certificate certificate();
}
