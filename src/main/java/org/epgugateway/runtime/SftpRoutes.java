package org.epgugateway.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.sftp.SftpSettings;

/**
 * Chooses the intake route file (local inbox or SFTP inbox) and hands the SFTP route its settings as Camel
 * properties, with defaults filled in, paths made absolute and durations in milliseconds. Secrets are not among
 * them: the route reads those from registry beans.
 */
final class SftpRoutes {

    /** The route file of the local inbox folder. */
    static final String LOCAL_INTAKE = "**/intake.camel.yaml";
    /** The route file of the SFTP inbox. */
    static final String SFTP_INTAKE = "**/intake-sftp.camel.yaml";

    private static final String EXCLUDE_KEY = "camel.main.routes-exclude-pattern";

    private SftpRoutes() {
    }

    static Map<String, String> properties(SftpSettings sftp, GatewaySettings settings) {
        Map<String, String> properties = new HashMap<>();
        String operatorExcludes = settings.get(EXCLUDE_KEY, "");
        String excluded = sftp.inboxEnabled() ? LOCAL_INTAKE : SFTP_INTAKE;
        properties.put(EXCLUDE_KEY, operatorExcludes.isEmpty() ? excluded : operatorExcludes + "," + excluded);

        properties.put("sftp.host", sftp.host());
        properties.put("sftp.port", Integer.toString(sftp.port()));
        properties.put("sftp.user", sftp.user());
        properties.put("sftp.inbox.path", sftp.inboxPath());
        properties.put("sftp.known-hosts-file", sftp.knownHostsFile() == null ? ""
                : sftp.knownHostsFile().toAbsolutePath().toString());
        properties.put("sftp.private-key-file", sftp.usesKey() ? sftp.privateKeyFile().toAbsolutePath().toString()
                : "");
        properties.put("sftp.preferred-authentications", sftp.preferredAuthentications());
        properties.put("sftp.connect-timeout", millis(sftp.connectTimeout()));
        properties.put("sftp.read-timeout", millis(sftp.readTimeout()));
        properties.put("sftp.inbox.poll-delay", millis(settings.getDuration("sftp.inbox.poll-delay",
                Duration.ofSeconds(5))));
        properties.put("sftp.inbox.backoff-multiplier", Integer.toString(Math.max(1,
                settings.getInt("sftp.inbox.backoff-multiplier", 6))));
        return properties;
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }
}
