package org.epgugateway.epgu;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling a remote service that keeps failing or that refuses the gateway's own credentials: after a run of
 * failures (no answer, or a 5xx), or at once after a refusal, calls fail at once for a while; then one trial call is
 * let through, and its outcome closes the circuit or opens it again. Drops that meet an open circuit wait without
 * using up their attempts.
 */
public final class CircuitBreaker {

    /** Where the circuit is. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /**
     * The service refused the gateway itself (for ESIA: its API key, the key's signature or the certificate), so no
     * call can succeed until an operator acts or the service's side changes.
     *
     * @param code the service's code of the refusal, e.g. {@code ESIA-037218}
     * @param description what is wrong and which setting to check, in words an operator can act on; no secrets
     */
    public record Refusal(String code, String description) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private final String name;
    private final int failureThreshold;
    private final Duration openDuration;
    private final Clock clock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openUntil = Instant.MIN;
    private boolean trialInFlight;
    private Refusal refusal;

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
     * @throws CircuitOpenException with code {@code CIRCUIT_OPEN} (or the code of the refusal that opened the
     *     circuit) and the time left as its retry-after
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
        throw paused(now);
    }

    /** The call got an answer that shows the service works (a 2xx or a 4xx other than a refusal). */
    public synchronized void onSuccess() {
        if (refusal != null) {
            LOG.info("{} accepts the gateway's credentials again; calls resume", name);
        } else if (state != State.CLOSED) {
            LOG.info("{} answers again; calls resume", name);
        }
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
        refusal = null;
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

    /**
     * The service answered, but refused the gateway's own credentials. Every call would be refused the same way,
     * so calls pause at once for the open time, as after a run of failures; then one trial call shows whether the
     * refusal still holds, so a key put right on the service's side resumes work without a restart. The refusal is
     * logged when it begins or its code changes, not at every trial.
     *
     * @return the exception to throw for the refused call; never null
     */
    public synchronized CircuitOpenException onRefusal(Refusal refused) {
        if (refusal == null || !refusal.code().equals(refused.code())) {
            LOG.error("{}. Drops wait without using up their attempts; calls to {} are tried again every {} s",
                    refused.description(), name, Math.max(1, openDuration.toSeconds()));
        } else {
            LOG.debug("{} still refuses the gateway's credentials ({})", name, refused.code());
        }
        refusal = refused;
        state = State.OPEN;
        consecutiveFailures = 0;
        openUntil = clock.instant().plus(openDuration);
        trialInFlight = false;
        return paused(clock.instant());
    }

    public synchronized State state() {
        if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /**
     * The refusal that holds the circuit open until a trial call is answered without one; it outlasts the open time,
     * since only an answer shows it was put right.
     */
    public synchronized Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }

    public synchronized Instant openUntil() {
        return openUntil;
    }

    public String name() {
        return name;
    }

    private CircuitOpenException paused(Instant now) {
        Duration left = now.isBefore(openUntil) ? Duration.between(now, openUntil) : openDuration;
        String pause = "calls are paused until " + openUntil.truncatedTo(ChronoUnit.SECONDS) + " ("
                + Math.max(1, left.toSeconds()) + " s)";
        if (refusal != null) {
            return new CircuitOpenException(refusal.code(), refusal.description() + "; " + pause
                    + ", then tried again", left);
        }
        return new CircuitOpenException("CIRCUIT_OPEN", name + " keeps failing; " + pause, left);
    }
}
