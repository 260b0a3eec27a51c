package org.epgugateway.runtime;

import static org.epgugateway.config.GatewaySettings.named;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.SettingsException;

/**
 * Tries the management server's address before Camel starts: taken by another process (often a second gateway
 * started by mistake), it would otherwise fail deep inside Camel's start with a stack trace, after the store and the
 * key were opened. Port 0 asks for any free port and is never in use.
 */
final class ManagementPort {

    private static final String HOST = "camel.management.host";
    private static final String PORT = "camel.management.port";

    private ManagementPort() {
    }

    /**
     * @throws SettingsException when the port is not a number, or the address cannot be bound
     */
    static void check(GatewaySettings settings) {
        if (!settings.getBoolean("camel.management.enabled", false)) {
            return;
        }
        // Camel's own defaults, for configurations that leave the keys out
        String host = settings.get(HOST, "0.0.0.0");
        String portText = settings.get(PORT, "9876");
        int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new SettingsException("Invalid configuration: " + named(PORT) + " must be a port number from 0 "
                    + "to 65535, not '" + portText + "'");
        }
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            // as the management server binds: a port left in TIME_WAIT by a stopped gateway is free
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            if (isInUse(e)) {
                throw new SettingsException("Invalid configuration: management port " + host + ":" + port
                        + " is in use: another process listens there, perhaps a gateway already running; stop it or "
                        + "set " + named(PORT) + " to another port");
            }
            throw cannotBind(host, port, e);
        } catch (IOException e) {
            throw cannotBind(host, port, e);
        }
    }

    private static boolean isInUse(BindException e) {
        // the other bind failure is an address this host does not have
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return !message.contains("assign");
    }

    private static SettingsException cannotBind(String host, int port, IOException e) {
        return new SettingsException("Invalid configuration: the management server cannot listen on " + host + ":"
                + port + " (" + e.getMessage() + "): check " + named(HOST) + " and " + named(PORT));
    }
}
