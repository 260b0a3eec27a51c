package org.epgugateway.signing;

import java.util.Objects;

/**
 * Thrown when a CMS signature does not verify; the reason tells the kind of failure and the message the details.
 */
public final class SignatureVerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure, each with its own readable message. */
    public enum Reason {
        /** Not a CMS signature, or one that cannot be read or lacks a part it needs. */
        MALFORMED,
        /** The content is not the signed content: its digest differs from the signed messageDigest. */
        CONTENT_MISMATCH,
        /** The signature value does not verify with the signer's public key. */
        SIGNATURE_INVALID,
        /** The signature names or carries another certificate than the expected signer's. */
        WRONG_CERTIFICATE,
        /** The signer's certificate was not valid at the time that counts. */
        CERTIFICATE_EXPIRED,
        /** The signer's certificate, or one of its chain, is revoked. */
        CERTIFICATE_REVOKED,
        /** The signer's certificate does not chain to a configured trust root. */
        UNTRUSTED,
        /** Revocation checking is configured, but no current answer was to be had. */
        REVOCATION_UNKNOWN,
        /** The signature timestamp (CAdES-T) does not verify or does not cover this signature. */
        TIMESTAMP_INVALID
    }

    private final Reason reason;

    /** A failure of kind {@link Reason#MALFORMED}, for callers that do not tell the kind. */
    public SignatureVerificationException(String message) {
        this(Reason.MALFORMED, message, null);
    }

    /** A failure of kind {@link Reason#MALFORMED}, for callers that do not tell the kind. */
    public SignatureVerificationException(String message, Throwable cause) {
        this(Reason.MALFORMED, message, cause);
    }

    public SignatureVerificationException(Reason reason, String message) {
        this(reason, message, null);
    }

    public SignatureVerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The kind of failure; never null. */
    public Reason reason() {
        return reason;
    }
}
