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
 * @param limitWindow the pause after EPGU says a limit is exceeded without saying for how long (EPGU counts
 *     orders per user in ten-minute windows)
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration limitWindow) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** A policy for work that meets no EPGU limits. */
    public RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
        this(maxAttempts, initialDelay, maxDelay, maxDelay);
    }

    /** The pause before the next attempt of work that meets no EPGU limits. */
    public Duration delay(int failedAttempts, Optional<Duration> serverAsked) {
        return delay(failedAttempts, serverAsked, false);
    }

    /**
     * The pause before the next attempt.
     *
     * @param failedAttempts attempts failed so far, at least 1
     * @param serverAsked the pause the server asked for, if any; honoured up to {@code maxDelay}
     * @param limitExceeded whether EPGU answered that a limit is exceeded
     */
    public Duration delay(int failedAttempts, Optional<Duration> serverAsked, boolean limitExceeded) {
        if (serverAsked.isPresent()) {
            return min(serverAsked.get(), maxDelay);
        }
        if (limitExceeded) {
            return withJitter(limitWindow.toMillis());
        }
        long base = initialDelay.toMillis() << Math.min(20, Math.max(0, failedAttempts - 1));
        return withJitter(Math.min(base, maxDelay.toMillis()));
    }

    /** Up to a fifth either way, so drops that failed together do not come back together. */
    static Duration withJitter(long millis) {
        long jitter = millis / 5;
        long spread = jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
        return Duration.ofMillis(Math.max(0, millis + spread));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
