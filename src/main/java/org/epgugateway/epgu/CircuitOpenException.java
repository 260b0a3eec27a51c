package org.epgugateway.epgu;

import java.time.Duration;

/**
 * A call was not made because its circuit is open: the service kept failing, or it refused the gateway's
 * credentials. Nothing was sent, so a drop that meets it waits for the circuit without using up an attempt.
 */
public final class CircuitOpenException extends EpguTransientException {

    /**
     * @param code {@code CIRCUIT_OPEN} after a run of failures, or the service's own code of the refusal
     * @param untilTrial how long until the circuit lets a trial call through
     */
    CircuitOpenException(String code, String message, Duration untilTrial) {
        super(code, 0, message, untilTrial, null);
    }
}
