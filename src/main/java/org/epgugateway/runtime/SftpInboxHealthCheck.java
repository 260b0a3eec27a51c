package org.epgugateway.runtime;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.epgugateway.sftp.SftpInboxPolls;

/**
 * Readiness of the SFTP inbox: DOWN from start until a poll lists the remote inbox, and again whenever a poll fails
 * (server away, login or host key refused).
 */
final class SftpInboxHealthCheck extends AbstractHealthCheck {

    private final SftpInboxPolls polls;
    private final String inbox;

    SftpInboxHealthCheck(SftpInboxPolls polls, String inbox) {
        super("gateway", "sftp-inbox");
        this.polls = polls;
        this.inbox = inbox;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        SftpInboxPolls.Outcome last = polls.last();
        builder.detail("inbox", inbox);
        builder.detail("checked.at", last.at().toString());
        if (last.up()) {
            builder.up();
        } else {
            builder.message("The SFTP inbox cannot be polled: " + last.message()).down();
        }
    }
}
