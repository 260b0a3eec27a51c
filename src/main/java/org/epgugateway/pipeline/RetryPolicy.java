package org.epgugateway.pipeline;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before another attempt at a step that failed for a passing reason: exponential backoff with
 * jitter, bounded, and a bounded number of attempts.
 *
 * @param maxAttempts attempts (the first included) before the drop goes to the dead-letter folder; at least 1
 * @param initialDelay pause after the first failure
 * @param maxDelay longest pause, also the cap on a server's {@code Retry-After}
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /**
     * The pause before the next attempt.
     *
     * @param failedAttempts attempts failed so far, at least 1
     * @param serverAsked the pause the server asked for, if any; honoured up to {@code maxDelay}
     */
    public Duration delay(int failedAttempts, Optional<Duration> serverAsked) {
        if (serverAsked.isPresent()) {
            return min(serverAsked.get(), maxDelay);
        }
        long base = initialDelay.toMillis() << Math.min(20, Math.max(0, failedAttempts - 1));
        long capped = Math.min(base, maxDelay.toMillis());
        // up to a fifth either way, so drops failing together do not come back together
        long jitter = capped / 5;
        long withJitter = capped + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1));
        return Duration.ofMillis(Math.max(0, withJitter));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
