package org.epgugateway.epgu;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling a remote service that keeps failing: after a run of failures (no answer, or a 5xx) calls fail at
 * once for a while; then one trial call is let through, and its outcome closes the circuit or opens it again. Drops
 * that meet an open circuit wait without using up their attempts.
 */
public final class CircuitBreaker {

    /** Where the circuit is. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private final String name;
    private final int failureThreshold;
    private final Duration openDuration;
    private final Clock clock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;
    private boolean trialInFlight;

    /**
     * @param name what the circuit protects, for messages ("EPGU", "ESIA")
     * @param failureThreshold consecutive failures that open the circuit; at least 1
     * @param openDuration how long calls fail at once before a trial call
     */
    public CircuitBreaker(String name, int failureThreshold, Duration openDuration, Clock clock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        this.name = name;
        this.failureThreshold = failureThreshold;
        this.openDuration = openDuration;
        this.clock = clock;
    }

    /**
     * Lets a call through, or refuses it while the circuit is open.
     *
     * @throws EpguTransientException with code {@code CIRCUIT_OPEN} and the time left as its retry-after
     */
    public synchronized void beforeCall() {
        if (state == State.CLOSED) {
            return;
        }
        Instant now = clock.instant();
        if (state == State.OPEN && !now.isBefore(openUntil)) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        if (state == State.HALF_OPEN && !trialInFlight) {
            trialInFlight = true;
            return;
        }
        Duration left = now.isBefore(openUntil) ? Duration.between(now, openUntil) : openDuration;
        throw new EpguTransientException("CIRCUIT_OPEN", 0, name + " keeps failing; calls are paused until "
                + openUntil + " (" + Math.max(1, left.toSeconds()) + " s)", left, null);
    }

    /** The call got an answer that shows the service works (a 2xx or a 4xx). */
    public synchronized void onSuccess() {
        if (state != State.CLOSED) {
            LOG.info("{} answers again; calls resume", name);
        }
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    /** The call got no answer or a 5xx. */
    public synchronized void onFailure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            if (state != State.OPEN) {
                LOG.warn("{} failed {} times in a row; pausing calls for {} s", name, consecutiveFailures,
                        openDuration.toSeconds());
            }
            state = State.OPEN;
            openUntil = clock.instant().plus(openDuration);
            trialInFlight = false;
        }
    }

    public synchronized State state() {
        if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
            return State.HALF_OPEN;
        }
        return state;
    }

    public synchronized Instant openUntil() {
        return openUntil;
    }

    public String name() {
        return name;
    }
}
