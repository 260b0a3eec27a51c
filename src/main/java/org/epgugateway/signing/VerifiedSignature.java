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
 * @param certificateBound true when a signed signingCertificateV2 attribute names the signer's certificate, as
 *        CAdES requires; false for plain CMS, where the certificate could be swapped for another of the same key
 */
public record VerifiedSignature(X509Certificate signer, Optional<Instant> signingTime, Optional<Instant> timestamp,
        boolean trustChecked, boolean certificateBound) {

    public VerifiedSignature {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(signingTime, "signingTime");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** A CAdES-BES signature whose chain was not checked. */
    public VerifiedSignature(X509Certificate signer, Optional<Instant> signingTime) {
        this(signer, signingTime, Optional.empty(), false, true);
    }
}
