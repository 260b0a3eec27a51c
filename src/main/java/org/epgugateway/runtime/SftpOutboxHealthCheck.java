package org.epgugateway.runtime;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.epgugateway.sftp.SftpOutbox;

/**
 * Readiness of the SFTP outbox: the gateway cannot hand answers over while the server is out of reach.
 */
final class SftpOutboxHealthCheck extends AbstractHealthCheck {

    /** How long a probe waits for a write in progress before it reports the last known state. */
    private static final Duration PROBE_WAIT = Duration.ofSeconds(1);

    private final SftpOutbox outbox;

    SftpOutboxHealthCheck(SftpOutbox outbox) {
        super("gateway", "sftp-outbox");
        this.outbox = outbox;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("outbox", outbox.describe());
        SftpOutbox.LinkState link = outbox.probe(PROBE_WAIT);
        builder.detail("checked.at", link.at().toString());
        if (link.up()) {
            builder.up();
        } else {
            builder.message("The SFTP outbox is unreachable: " + link.message()).down();
        }
    }
}
