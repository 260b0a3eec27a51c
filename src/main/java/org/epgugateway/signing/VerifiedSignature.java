package org.epgugateway.signing;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A CMS signature that verified: who signed, when the signer says it signed, and what else was checked.
 *
 * @param signer the signer's certificate, as carried in the signature
 * @param signingTime the signed signingTime attribute; empty when the signature has none
 * @param timestamp the time of the verified signature timestamp (CAdES-T); empty when the signature has none
 * @param trustChecked true when the signer's chain to a configured trust root, and revocation where configured,
 *        were checked; false when no trust roots are configured
 */
public record VerifiedSignature(X509Certificate signer, Optional<Instant> signingTime, Optional<Instant> timestamp,
        boolean trustChecked) {

    public VerifiedSignature {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(signingTime, "signingTime");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** A signature without a timestamp whose chain was not checked. */
    public VerifiedSignature(X509Certificate signer, Optional<Instant> signingTime) {
        this(signer, signingTime, Optional.empty(), false);
    }
}
