package org.epgugateway.epgu;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A small HTTP answer held in memory: status, the headers the client looks at, and the body.
 *
 * @param status the HTTP status code
 * @param contentType the {@code Content-Type} header, may be null
 * @param retryAfter the {@code Retry-After} header, may be null
 * @param body the body; empty when there was none
 */
record HttpAnswer(int status, String contentType, String retryAfter, byte[] body) {

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    boolean isJson() {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("json");
    }

    /** The {@code Retry-After} pause in seconds form; the HTTP-date form is not used by EPGU. */
    Optional<Duration> retryAfterDuration() {
        if (retryAfter == null || retryAfter.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
