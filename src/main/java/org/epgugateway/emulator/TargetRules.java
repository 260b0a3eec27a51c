package org.epgugateway.emulator;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The fault rules of one target: rates and scheduled request numbers of errors, timeouts and resets, latency, and a
 * burst; request numbers count the requests that reached the target, from 1.
 *
 * @param errorRate       share of requests answered with an error from the mix, 0..1
 * @param errorMix        the errors and their weights
 * @param retryAfter      the {@code Retry-After} of injected 429 answers
 * @param latencyMin      the shortest added latency; zero for none
 * @param latencyMax      the longest added latency; equal to the shortest for a fixed latency
 * @param timeoutRate     share of requests held without an answer, 0..1
 * @param timeoutAt       request numbers that time out whatever the rate
 * @param timeoutHold     how long a timed-out request is held before its connection is dropped
 * @param timeoutMode     whether a timeout loses the request or only the answer
 * @param resetRate       share of requests whose connection is dropped while the body is read, 0..1
 * @param resetAt         request numbers that are reset whatever the rate
 * @param resetAfterBytes how many body bytes are read before the connection is dropped
 * @param burst           the burst of this target, or null
 */
record TargetRules(double errorRate, Map<FaultAnswer, Integer> errorMix, Duration retryAfter,
                   Duration latencyMin, Duration latencyMax,
                   double timeoutRate, SortedSet<Long> timeoutAt, Duration timeoutHold, TimeoutMode timeoutMode,
                   double resetRate, SortedSet<Long> resetAt, int resetAfterBytes,
                   Burst burst) {

    static final Map<FaultAnswer, Integer> SERVER_ERRORS = mix(FaultAnswer.INTERNAL_ERROR, FaultAnswer.BAD_GATEWAY,
            FaultAnswer.SERVICE_UNAVAILABLE, FaultAnswer.GATEWAY_TIMEOUT);
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);
    static final Duration DEFAULT_HOLD = Duration.ofMinutes(5);
    static final int DEFAULT_RESET_AFTER_BYTES = 64 * 1024;

    /** The rules of a target nothing is configured for. */
    static final TargetRules NONE = new TargetRules(0, SERVER_ERRORS, DEFAULT_RETRY_AFTER, Duration.ZERO,
            Duration.ZERO, 0, new TreeSet<>(), DEFAULT_HOLD, TimeoutMode.REQUEST_LOST, 0, new TreeSet<>(),
            DEFAULT_RESET_AFTER_BYTES, null);

    /**
     * The next {@code count} requests after the first {@code after} ones are answered with {@code answer}.
     */
    record Burst(FaultAnswer answer, int count, long after) {
    }

    TargetRules {
        errorMix = Collections.unmodifiableMap(new LinkedHashMap<>(errorMix));
        timeoutAt = Collections.unmodifiableSortedSet(new TreeSet<>(timeoutAt));
        resetAt = Collections.unmodifiableSortedSet(new TreeSet<>(resetAt));
        if (errorRate + timeoutRate + resetRate > 1.0 + 1e-9) {
            throw new IllegalArgumentException("error, timeout and reset rates of one target add up to more than 1");
        }
    }

    /** True when the target has a rate-drawn fault, so that one draw per request is needed. */
    boolean drawsFaults() {
        return errorRate > 0 || timeoutRate > 0 || resetRate > 0;
    }

    boolean hasLatency() {
        return latencyMax.compareTo(Duration.ZERO) > 0;
    }

    TargetRules withErrors(double rate, Map<FaultAnswer, Integer> mix) {
        return new TargetRules(rate, mix, retryAfter, latencyMin, latencyMax, timeoutRate, timeoutAt, timeoutHold,
                timeoutMode, resetRate, resetAt, resetAfterBytes, burst);
    }

    TargetRules withRetryAfter(Duration value) {
        return new TargetRules(errorRate, errorMix, value, latencyMin, latencyMax, timeoutRate, timeoutAt,
                timeoutHold, timeoutMode, resetRate, resetAt, resetAfterBytes, burst);
    }

    TargetRules withLatency(Duration min, Duration max) {
        return new TargetRules(errorRate, errorMix, retryAfter, min, max, timeoutRate, timeoutAt, timeoutHold,
                timeoutMode, resetRate, resetAt, resetAfterBytes, burst);
    }

    TargetRules withTimeoutRate(double rate) {
        return new TargetRules(errorRate, errorMix, retryAfter, latencyMin, latencyMax, rate, timeoutAt,
                timeoutHold, timeoutMode, resetRate, resetAt, resetAfterBytes, burst);
    }

    TargetRules withTimeoutAt(SortedSet<Long> numbers) {
        return new TargetRules(errorRate, errorMix, retryAfter, latencyMin, latencyMax, timeoutRate, numbers,
                timeoutHold, timeoutMode, resetRate, resetAt, resetAfterBytes, burst);
    }

    TargetRules withTimeoutHold(Duration hold, TimeoutMode mode) {
        return new TargetRules(errorRate, errorMix, retryAfter, latencyMin, latencyMax, timeoutRate, timeoutAt,
                hold, mode, resetRate, resetAt, resetAfterBytes, burst);
    }

    TargetRules withResetRate(double rate) {
        return new TargetRules(errorRate, errorMix, retryAfter, latencyMin, latencyMax, timeoutRate, timeoutAt,
                timeoutHold, timeoutMode, rate, resetAt, resetAfterBytes, burst);
    }

    TargetRules withResetAt(SortedSet<Long> numbers) {
        return new TargetRules(errorRate, errorMix, retryAfter, latencyMin, latencyMax, timeoutRate, timeoutAt,
                timeoutHold, timeoutMode, resetRate, numbers, resetAfterBytes, burst);
    }

    TargetRules withResetAfterBytes(int bytes) {
        return new TargetRules(errorRate, errorMix, retryAfter, latencyMin, latencyMax, timeoutRate, timeoutAt,
                timeoutHold, timeoutMode, resetRate, resetAt, bytes, burst);
    }

    TargetRules withBurst(Burst value) {
        return new TargetRules(errorRate, errorMix, retryAfter, latencyMin, latencyMax, timeoutRate, timeoutAt,
                timeoutHold, timeoutMode, resetRate, resetAt, resetAfterBytes, value);
    }

    private static Map<FaultAnswer, Integer> mix(FaultAnswer... answers) {
        Map<FaultAnswer, Integer> weights = new LinkedHashMap<>();
        for (FaultAnswer answer : answers) {
            weights.put(answer, 1);
        }
        return Collections.unmodifiableMap(weights);
    }
}
