package org.epgugateway.signing;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a probe with the configured key and verifies it as a receiver would, and tells how many days the signing
 * certificate has left; the gateway runs it at start and again for readiness.
 *
 * <p>Results are kept for the given interval, so frequent readiness probes do not reach a token or a signer
 * command every time. Thread-safe.
 */
public final class SigningSelfCheck {

    private static final Logger LOG = LoggerFactory.getLogger(SigningSelfCheck.class);

    /**
     * One run's outcome.
     *
     * @param passed true when the probe was signed and verified
     * @param message what an operator reads: what passed, or what failed and why
     * @param certificate the signing certificate
     * @param checkedAt when the probe ran
     */
    public record Result(boolean passed, String message, X509Certificate certificate, Instant checkedAt) {

        /** When the signing certificate expires. */
        public Instant notAfter() {
            return certificate.getNotAfter().toInstant();
        }
    }

    private final Signer signer;
    private final SignatureVerifier verifier;
    private final String keySource;
    private final Duration interval;
    private final Duration expiryWarning;
    private final Clock clock;
    private Result latest;

    /**
     * @param signer the configured signer, without timestamps: the check must not depend on the TSA
     * @param verifier the configured verifier, so that trust and revocation are checked as for received signatures
     * @param keySource names the key source in messages
     * @param interval how long a result is reused
     * @param expiryWarning how long before expiry the check warns
     */
    public SigningSelfCheck(Signer signer, SignatureVerifier verifier, String keySource, Duration interval,
            Duration expiryWarning, Clock clock) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.keySource = Objects.requireNonNull(keySource, "keySource");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.expiryWarning = Objects.requireNonNull(expiryWarning, "expiryWarning");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The latest result, or a new one when there is none or it is older than the interval. */
    public synchronized Result current() {
        if (latest == null || !clock.instant().isBefore(latest.checkedAt().plus(interval))) {
            return run();
        }
        return latest;
    }

    /** Runs the check now, logs its outcome and keeps it. */
    public synchronized Result run() {
        Instant now = clock.instant();
        X509Certificate certificate = signer.certificate();
        String subject = OrganisationCertificate.describe(certificate);
        byte[] probe = ("epgu-gateway signing self-check " + now).getBytes(StandardCharsets.UTF_8);
        Result result;
        try {
            VerifiedSignature verified = verifier.verify(signer.signDetached(probe), probe);
            if (!verified.signer().equals(certificate)) {
                throw new SignatureVerificationException(SignatureVerificationException.Reason.WRONG_CERTIFICATE,
                        "the probe was signed by " + OrganisationCertificate.describe(verified.signer()));
            }
            result = new Result(true, "The key of " + subject + " (" + keySource + ") signs and verifies"
                    + (verified.trustChecked() ? " against the trust roots" : "") + "; " + expiry(certificate, now),
                    certificate, now);
            if (daysUntilExpiry(certificate, now) <= expiryWarning.toDays()) {
                LOG.warn("Signing self-check passed, but the certificate needs renewal: {}", result.message());
            } else {
                LOG.info("Signing self-check passed: {}", result.message());
            }
        } catch (RuntimeException e) {
            result = new Result(false, "The key of " + subject + " (" + keySource + ") cannot make a signature "
                    + "that verifies: " + e.getMessage() + "; " + expiry(certificate, now), certificate, now);
            LOG.error("Signing self-check failed; the gateway reports itself not ready: {}", result.message());
        }
        latest = result;
        return result;
    }

    /** Whole days from now until the certificate expires; negative once it has. */
    public long daysUntilExpiry() {
        return daysUntilExpiry(signer.certificate(), clock.instant());
    }

    private static long daysUntilExpiry(X509Certificate certificate, Instant now) {
        return Math.floorDiv(Duration.between(now, certificate.getNotAfter().toInstant()).toSeconds(), 86_400L);
    }

    private static String expiry(X509Certificate certificate, Instant now) {
        long days = daysUntilExpiry(certificate, now);
        return days < 0
                ? "the certificate expired on " + certificate.getNotAfter().toInstant()
                : "the certificate expires on " + certificate.getNotAfter().toInstant() + ", in " + days + " days";
    }
}
