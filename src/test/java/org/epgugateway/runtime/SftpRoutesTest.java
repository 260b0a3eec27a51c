package org.epgugateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.sftp.SftpSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which intake route file is loaded, and what the SFTP route is handed: no secret, absolute paths, milliseconds.
 */
class SftpRoutesTest {

    @TempDir
    Path home;

    @Test
    void local_inbox_route_is_loaded_and_the_sftp_one_left_out_while_sftp_intake_is_off() {
        Map<String, String> properties = properties(new Properties());

        assertThat(properties.get("camel.main.routes-exclude-pattern")).isEqualTo(SftpRoutes.SFTP_INTAKE);
    }

    @Test
    void sftp_intake_replaces_the_local_inbox_route_and_keeps_the_operators_own_exclusions() throws IOException {
        Properties file = sftpInbox();
        file.setProperty("camel.main.routes-exclude-pattern", "**/experimental-*.camel.yaml");

        Map<String, String> properties = properties(file);

        assertThat(properties.get("camel.main.routes-exclude-pattern"))
                .isEqualTo("**/experimental-*.camel.yaml," + SftpRoutes.LOCAL_INTAKE);
    }

    @Test
    void sftp_route_gets_absolute_paths_and_millis_but_no_secret() throws IOException {
        Properties file = sftpInbox();
        file.setProperty("sftp.password", "password-value");
        file.setProperty("sftp.inbox.poll-delay", "3s");

        Map<String, String> properties = properties(file);

        assertThat(Path.of(properties.get("sftp.known-hosts-file"))).isAbsolute();
        assertThat(properties.get("sftp.inbox.poll-delay")).isEqualTo("3000");
        assertThat(properties.get("sftp.connect-timeout")).isEqualTo("10000");
        assertThat(properties.values()).doesNotContain("password-value");
    }

    private Properties sftpInbox() throws IOException {
        Properties file = new Properties();
        file.setProperty("sftp.inbox.enabled", "true");
        file.setProperty("sftp.host", "127.0.0.1");
        file.setProperty("sftp.user", "gateway");
        file.setProperty("sftp.password", "x");
        file.setProperty("sftp.known-hosts-file", Files.writeString(home.resolve("known_hosts"), "").toString());
        return file;
    }

    private Map<String, String> properties(Properties file) {
        GatewaySettings settings = GatewaySettings.of(file, Map.of(), new Properties());
        return SftpRoutes.properties(SftpSettings.from(settings, home), settings);
    }
}
