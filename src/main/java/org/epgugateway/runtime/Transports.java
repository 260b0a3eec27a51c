package org.epgugateway.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.main.Main;
import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.SettingsException;
import org.epgugateway.delivery.LocalOutbox;
import org.epgugateway.delivery.Outbox;
import org.epgugateway.delivery.OutputPermissions;
import org.epgugateway.sftp.HostKeyRejectedException;
import org.epgugateway.sftp.SftpConnector;
import org.epgugateway.sftp.SftpInboxPolls;
import org.epgugateway.sftp.SftpOutbox;
import org.epgugateway.sftp.SftpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How drops arrive and answers leave, chosen by configuration: the local folders, or an SFTP server for the inbox,
 * for the outbox and dead-letter folder, or both. The folder contract is the same either way.
 */
final class Transports implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Transports.class);

    private final SftpSettings sftp;
    private final SftpConnector connector;
    private final SftpInboxPolls inboxPolls;
    private final Outbox outbox;
    private final String inbox;

    private Transports(SftpSettings sftp, SftpConnector connector, SftpInboxPolls inboxPolls, Outbox outbox,
            String inbox) {
        this.sftp = sftp;
        this.connector = connector;
        this.inboxPolls = inboxPolls;
        this.outbox = outbox;
        this.inbox = inbox;
    }

    /**
     * Reads the transport settings and, for SFTP, checks the server's host key before anything starts.
     *
     * @throws SettingsException when the SFTP server's host key is unknown or changed
     */
    static Transports from(Path home, GatewaySettings settings, Clock clock) {
        SftpSettings sftp = SftpSettings.from(settings, home);
        SftpConnector connector = sftp.enabled() ? checkedConnector(sftp) : null;
        Outbox outbox = sftp.outboxEnabled()
                ? new SftpOutbox(connector, sftp.outboxPath(), sftp.deadLetterPath(), sftp.retries(), clock)
                : new LocalOutbox(home.resolve(settings.get("gateway.outbox", "data/outbox")),
                        home.resolve(settings.get("gateway.dead-letter", "data/dead-letter")),
                        sftp.inboxEnabled() ? OutputPermissions.UNCHANGED
                                : OutputPermissions.like(home.resolve(settings.get("gateway.inbox", "data/inbox"))));
        String inbox = sftp.inboxEnabled() ? connector.describe() + "/" + sftp.inboxPath()
                : home.resolve(settings.get("gateway.inbox", "data/inbox")).toAbsolutePath().toString();
        return new Transports(sftp, connector, new SftpInboxPolls(clock), outbox, inbox);
    }

    Outbox outbox() {
        return outbox;
    }

    /** Where drops come from, for logs. */
    String describeInbox() {
        return inbox;
    }

    /**
     * Binds what the SFTP route reads from the registry; its secrets live only in these beans, so they never appear
     * in an endpoint URI or a property.
     */
    void bind(Main main) {
        main.bind("sftpPassword", sftp.password());
        main.bind("sftpPrivateKeyPassphrase", sftp.privateKeyPassphrase());
        main.bind("sftpInboxPolls", inboxPolls);
    }

    /** The choice of intake route and the SFTP route's settings, as Camel properties. */
    Map<String, String> camelProperties(GatewaySettings settings) {
        return SftpRoutes.properties(sftp, settings);
    }

    /** Readiness checks of the SFTP links in use. */
    List<HealthCheck> healthChecks() {
        List<HealthCheck> checks = new ArrayList<>();
        if (outbox instanceof SftpOutbox remote) {
            checks.add(new SftpOutboxHealthCheck(remote));
        }
        if (sftp.inboxEnabled()) {
            checks.add(new SftpInboxHealthCheck(inboxPolls, inbox));
        }
        return checks;
    }

    @Override
    public void close() {
        if (outbox instanceof SftpOutbox remote) {
            remote.close();
        }
    }

    /**
     * Checks the SFTP server's host key before anything starts: an unknown or changed key stops the gateway; an
     * unreachable server or a refused login does not (SFTP work keeps trying and readiness says DOWN meanwhile).
     */
    private static SftpConnector checkedConnector(SftpSettings sftp) {
        SftpConnector connector = new SftpConnector(sftp);
        try {
            connector.verifyHostKey();
            LOG.info("SFTP server {} reached; its host key is in {}", connector.describe(), sftp.knownHostsFile());
        } catch (HostKeyRejectedException e) {
            throw new SettingsException(e.getMessage(), e);
        } catch (IOException e) {
            LOG.warn("SFTP server {} is not usable at start: {}; starting anyway, SFTP work waits until it answers "
                    + "(readiness shows it DOWN meanwhile)", connector.describe(), e.getMessage());
        }
        return connector;
    }
}
