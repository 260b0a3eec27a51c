package org.epgugateway.epgu;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may pass: a timeout, a reset connection, a 5xx, a 429 or an EPGU limit. Worth another attempt
 * after a pause.
 */
public class EpguTransientException extends EpguException {

    private final Duration retryAfter;

    public EpguTransientException(String code, int httpStatus, String message, Duration retryAfter, Throwable cause) {
        super(code, httpStatus, message, cause);
        this.retryAfter = retryAfter;
    }

    public EpguTransientException(String code, int httpStatus, String message) {
        this(code, httpStatus, message, null, null);
    }

    /** The pause the server asked for ({@code Retry-After}), when it asked. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
