package org.epgugateway.signing;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A CMS signature that verified: who signed, and when the signer says it signed.
 *
 * @param signer the signer's certificate, as carried in the signature
 * @param signingTime the signed signingTime attribute; empty when the signature has none
 */
public record VerifiedSignature(X509Certificate signer, Optional<Instant> signingTime) {

    public VerifiedSignature {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(signingTime, "signingTime");
    }
}
