package org.epgugateway.runtime;

import java.util.List;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.epgugateway.epgu.CircuitBreaker;

/**
 * Readiness of the remote services: DOWN while calls to ESIA or EPGU are paused after a run of failures, so an
 * operator sees at once why drops are waiting.
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
        StringBuilder open = new StringBuilder();
        for (CircuitBreaker circuit : circuits) {
            CircuitBreaker.State state = circuit.state();
            builder.detail(circuit.name(), state.name());
            if (state == CircuitBreaker.State.OPEN) {
                open.append(open.length() == 0 ? "" : "; ").append(circuit.name())
                        .append(" keeps failing, calls paused until ").append(circuit.openUntil());
            }
        }
        if (open.length() == 0) {
            builder.up();
        } else {
            builder.message(open.toString()).down();
        }
    }
}
