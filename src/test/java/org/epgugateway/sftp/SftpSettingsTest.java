package org.epgugateway.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.SettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code sftp.*} settings: checked only when SFTP is enabled, every problem named with its environment variable,
 * secrets read from variables or files and never shown.
 */
class SftpSettingsTest {

    @TempDir
    Path home;

    @Test
    void nothing_is_checked_while_sftp_is_off() {
        SftpSettings settings = SftpSettings.from(settings(new Properties(), Map.of()), home);

        assertThat(settings.enabled()).isFalse();
    }

    @Test
    void enabled_sftp_without_server_identity_or_credentials_names_every_missing_key_with_its_variable() {
        Properties file = new Properties();
        file.setProperty("sftp.inbox.enabled", "true");

        assertThatThrownBy(() -> SftpSettings.from(settings(file, Map.of()), home))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("sftp.host (SFTP_HOST)")
                .hasMessageContaining("sftp.user (SFTP_USER)")
                .hasMessageContaining("sftp.known-hosts-file (SFTP_KNOWN_HOSTS_FILE)")
                .hasMessageContaining("sftp.private-key-file (SFTP_PRIVATE_KEY_FILE)")
                .hasMessageContaining("sftp.password-file (SFTP_PASSWORD_FILE)");
    }

    @Test
    void known_hosts_file_that_does_not_exist_is_refused() {
        Properties file = complete();
        file.setProperty("sftp.known-hosts-file", "missing/known_hosts");

        assertThatThrownBy(() -> SftpSettings.from(settings(file, Map.of()), home))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("sftp.known-hosts-file (SFTP_KNOWN_HOSTS_FILE)")
                .hasMessageContaining("cannot be read");
    }

    @Test
    void password_is_read_from_its_file_without_the_trailing_line_break() throws IOException {
        Properties file = complete();
        Files.writeString(home.resolve("password"), "from-file\n");
        file.setProperty("sftp.password-file", "password");

        SftpSettings settings = SftpSettings.from(settings(file, Map.of()), home);

        assertThat(settings.password()).isEqualTo("from-file");
        assertThat(settings.preferredAuthentications()).isEqualTo("password,keyboard-interactive");
    }

    @Test
    void a_password_given_both_directly_and_as_a_file_stops_the_start_naming_both() throws IOException {
        Properties file = complete();
        Files.writeString(home.resolve("password"), "from-file\n");
        file.setProperty("sftp.password-file", "password");

        assertThatThrownBy(() -> SftpSettings.from(settings(file, Map.of("SFTP_PASSWORD", "from-env")), home))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("sftp.password (SFTP_PASSWORD)")
                .hasMessageContaining("sftp.password-file (SFTP_PASSWORD_FILE)");
    }

    @Test
    void configured_key_is_offered_before_the_password() throws IOException {
        Properties file = complete();
        file.setProperty("sftp.private-key-file", Files.writeString(home.resolve("id"), "key").toString());
        file.setProperty("sftp.password", "secret");

        SftpSettings settings = SftpSettings.from(settings(file, Map.of()), home);

        assertThat(settings.preferredAuthentications()).startsWith("publickey,");
    }

    @Test
    void secrets_never_show_in_the_settings_text() throws IOException {
        Properties file = complete();
        file.setProperty("sftp.private-key-file", Files.writeString(home.resolve("id"), "key").toString());
        file.setProperty("sftp.private-key-passphrase", "pass-phrase-value");
        file.setProperty("sftp.password", "password-value");

        String text = SftpSettings.from(settings(file, Map.of()), home).toString();

        assertThat(text).doesNotContain("pass-phrase-value").doesNotContain("password-value").contains("***");
    }

    private Properties complete() {
        Properties file = new Properties();
        file.setProperty("sftp.outbox.enabled", "true");
        file.setProperty("sftp.host", "127.0.0.1");
        file.setProperty("sftp.user", "gateway");
        try {
            file.setProperty("sftp.known-hosts-file", Files.writeString(home.resolve("known_hosts"), "").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    private static GatewaySettings settings(Properties file, Map<String, String> environment) {
        return GatewaySettings.of(file, environment, new Properties());
    }
}
