package org.epgugateway.runtime;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.epgugateway.epgu.CircuitBreaker;

/**
 * Readiness of the remote services: DOWN while calls to ESIA or EPGU are paused after a run of failures, and while
 * ESIA refuses the gateway's credentials, so an operator sees at once why drops are waiting and what to correct.
 */
final class CircuitHealthCheck extends AbstractHealthCheck {

    private final List<CircuitBreaker> circuits;

    CircuitHealthCheck(List<CircuitBreaker> circuits) {
        super("gateway", "remote-services");
        this.circuits = circuits;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        StringBuilder down = new StringBuilder();
        for (CircuitBreaker circuit : circuits) {
            CircuitBreaker.State state = circuit.state();
            builder.detail(circuit.name(), state.name());
            Optional<CircuitBreaker.Refusal> refusal = circuit.refusal();
            if (refusal.isPresent()) {
                // a refusal holds until a trial call is answered without one, even after the open time ran out
                builder.detail(circuit.name() + ".refusal", refusal.get().code());
                down.append(down.length() == 0 ? "" : "; ").append(refusal.get().description())
                        .append("; drops wait, and ").append(circuit.name()).append(" is asked again from ")
                        .append(circuit.openUntil().truncatedTo(ChronoUnit.SECONDS));
            } else if (state == CircuitBreaker.State.OPEN) {
                down.append(down.length() == 0 ? "" : "; ").append(circuit.name())
                        .append(" keeps failing, calls paused until ")
                        .append(circuit.openUntil().truncatedTo(ChronoUnit.SECONDS));
            }
        }
        if (down.length() == 0) {
            builder.up();
        } else {
            builder.message(down.toString()).down();
        }
    }
}
