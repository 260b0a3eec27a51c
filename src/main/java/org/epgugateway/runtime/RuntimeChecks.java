package org.epgugateway.runtime;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.epgugateway.signing.SigningSelfCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the gateway's own readiness checks once Camel is configured, and its gauges once Camel runs.
 */
final class RuntimeChecks extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeChecks.class);

    private final List<HealthCheck> checks;
    private final SigningSelfCheck selfCheck;

    RuntimeChecks(List<HealthCheck> checks, SigningSelfCheck selfCheck) {
        this.checks = List.copyOf(checks);
        this.selfCheck = selfCheck;
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(main.getCamelContext());
        if (registry != null) {
            checks.forEach(registry::register);
        }
        // the metrics registry exists only once Camel has started its services
        try {
            main.getCamelContext().addStartupListener(new GaugeRegistration());
        } catch (Exception e) {
            LOG.warn("The signing gauges cannot be registered: {}", e.getMessage());
        }
    }

    /** Registers the gauges when Camel has started, with the registry camel.metrics.enabled created. */
    private final class GaugeRegistration implements StartupListener {

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            // too early: the metrics service starts with the context's services
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
            MeterRegistry meters = context.getRegistry().findSingleByType(MeterRegistry.class);
            if (meters == null) {
                return; // metrics are off (camel.metrics.enabled = false)
            }
            Gauge.builder("gateway.signing.certificate.days.until.expiry", selfCheck,
                            SigningSelfCheck::daysUntilExpiry)
                    .description("Whole days until the signing certificate expires; negative once it has")
                    .register(meters);
            Gauge.builder("gateway.signing.self.check", selfCheck, check -> check.current().passed() ? 1 : 0)
                    .description("1 when the signing key signed and verified the latest probe, 0 otherwise")
                    .register(meters);
        }
    }
}
