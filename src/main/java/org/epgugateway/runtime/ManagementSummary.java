package org.epgugateway.runtime;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once started where the management server answers, with the address it is really bound to. Camel's own
 * summary always prints 0.0.0.0, which tells an operator the server is reachable from outside when it is bound
 * to loopback; that summary is silenced in the logging configuration.
 */
final class ManagementSummary extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementSummary.class);

    @Override
    public void afterConfigure(BaseMainSupport main) {
        try {
            main.getCamelContext().addStartupListener(new Summary());
        } catch (Exception e) {
            LOG.warn("The management server's address cannot be reported: {}", e.getMessage());
        }
    }

    /** The address as a URL an operator can paste; IPv6 addresses in brackets. */
    private static String baseUrl(String host, int port) {
        String shown = host == null || host.isBlank() ? "0.0.0.0" : host;
        return "http://" + (shown.contains(":") && !shown.startsWith("[") ? "[" + shown + "]" : shown) + ":" + port;
    }

    /** Logs the summary when Camel has started, with the management server among its services. */
    private static final class Summary implements StartupListener {

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            // too early: the management server starts with the context's services
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
            ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
            if (server == null) {
                return; // the management server is off (camel.management.enabled = false)
            }
            List<String> paths = new ArrayList<>();
            if (server.isHealthCheckEnabled()) {
                paths.add(server.getHealthPath() + " (and /live, /ready)");
            }
            if (server.isInfoEnabled()) {
                paths.add(server.getInfoPath());
            }
            if (server.isMetricsEnabled()) {
                paths.add(context.getPropertiesComponent().resolveProperty("camel.metrics.path")
                        .orElse("/observe/metrics"));
            }
            LOG.info("Management server on {}: {}", baseUrl(server.getHost(), boundPort(context, server)),
                    paths.isEmpty() ? "no endpoints enabled" : String.join(", ", paths));
        }

        /** The port the server listens on; with port 0 configured, the one the system picked. */
        private static int boundPort(CamelContext context, ManagementHttpServer server) {
            if (server.getPort() != 0) {
                return server.getPort();
            }
            return context.hasServices(VertxPlatformHttpServer.class).stream()
                    .filter(http -> http.getConfigurationPort() == 0 && http.getPort() != 0)
                    .mapToInt(VertxPlatformHttpServer::getPort).findFirst().orElse(0);
        }
    }
}
