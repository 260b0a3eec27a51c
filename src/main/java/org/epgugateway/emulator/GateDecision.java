package org.epgugateway.emulator;

import java.time.Duration;

/**
 * What the gate decided about one request: let the endpoint answer, answer in its place, hold the request, or drop
 * the connection.
 */
sealed interface GateDecision {

    /** Let the endpoint answer at once. */
    Pass PASS = new Pass(Duration.ZERO);

    /**
     * Let the endpoint answer, and send its answer after the latency.
     */
    record Pass(Duration latency) implements GateDecision {
    }

    /**
     * Send this reply instead of the endpoint's, after the latency; the endpoint does not run.
     */
    record Answer(HttpReply reply, Duration latency) implements GateDecision {
    }

    /**
     * Send nothing; drop the connection after the hold.
     *
     * @param hold how long; {@link FaultPlan#HOLD_FOREVER} until the emulator stops
     * @param mode whether the endpoint runs first
     */
    record Hold(Duration hold, TimeoutMode mode) implements GateDecision {
    }

    /**
     * Read this many body bytes, then drop the connection; the endpoint does not run.
     */
    record Reset(int afterBytes) implements GateDecision {
    }
}
