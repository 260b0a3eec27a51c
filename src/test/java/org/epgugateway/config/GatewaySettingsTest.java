package org.epgugateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings resolve as operators expect: {@code -D} over the environment over the file, secrets from files.
 */
class GatewaySettingsTest {

    @TempDir
    Path temp;

    private static Properties file(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    @Test
    void environment_variable_named_after_the_key_overrides_the_file() {
        GatewaySettings settings = GatewaySettings.of(file("gateway.dead-letter", "data/dead"),
                Map.of("GATEWAY_DEAD_LETTER", "/srv/dead"), new Properties());

        assertThat(settings.find("gateway.dead-letter")).contains("/srv/dead");
    }

    @Test
    void system_property_overrides_the_environment() {
        GatewaySettings settings = GatewaySettings.of(file("epgu.env", "SVCDEV"), Map.of("EPGU_ENV", "DEV"),
                file("epgu.env", "PROD"));

        assertThat(settings.find("epgu.env")).contains("PROD");
        assertThat(settings.resolved().getProperty("epgu.env")).isEqualTo("PROD");
    }

    @Test
    void blank_values_count_as_missing_and_required_keys_name_their_variable() {
        GatewaySettings settings = GatewaySettings.of(file("esia.url", "  "), Map.of(), new Properties());

        assertThat(settings.find("esia.url")).isEmpty();
        assertThatThrownBy(() -> settings.require("esia.url")).hasMessageContaining("esia.url (ESIA_URL)");
    }

    @Test
    void a_secret_can_come_from_the_file_named_by_its_file_key() throws Exception {
        Path secret = Files.writeString(temp.resolve("password"), "s3cret\n");
        GatewaySettings settings = GatewaySettings.of(file(), Map.of("SIGNING_KEYSTORE_PASSWORD_FILE",
                secret.toString()), new Properties());

        assertThat(settings.findSecret("signing.keystore-password", temp)).contains("s3cret");
        assertThat(settings.find("signing.keystore-password")).isEmpty();
    }

    @Test
    void durations_accept_short_and_iso_forms_and_reject_others() {
        GatewaySettings settings = GatewaySettings.of(file("a", "500ms", "b", "2h", "c", "PT30S", "d", "soon"),
                Map.of(), new Properties());

        assertThat(settings.getDuration("a", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.getDuration("b", Duration.ZERO)).isEqualTo(Duration.ofHours(2));
        assertThat(settings.getDuration("c", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> settings.getDuration("d", Duration.ZERO))
                .hasMessageContaining("d (D) must be a duration");
    }

    @Test
    void the_millisecond_keys_take_durations_and_still_read_plain_numbers_as_milliseconds() {
        GatewaySettings settings = GatewaySettings.of(file("gateway.inbox.stable-time", "1s",
                "gateway.inbox.poll-delay", "250", "gateway.resume-interval", "PT2M"), Map.of(), new Properties());

        assertThat(settings.getDurationOrMillis("gateway.inbox.stable-time", Duration.ZERO))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.getDurationOrMillis("gateway.inbox.poll-delay", Duration.ZERO))
                .isEqualTo(Duration.ofMillis(250));
        assertThat(settings.getDurationOrMillis("gateway.resume-interval", Duration.ZERO))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.getDurationOrMillis("gateway.unset", Duration.ofMillis(7))).isEqualTo(Duration.ofMillis(7));
    }

    @Test
    void a_secret_set_both_directly_and_as_a_file_stops_the_start_naming_both() throws Exception {
        Path secret = Files.writeString(temp.resolve("password"), "from-file");
        GatewaySettings settings = GatewaySettings.of(file(), Map.of("SIGNING_KEYSTORE_PASSWORD", "direct",
                "SIGNING_KEYSTORE_PASSWORD_FILE", secret.toString()), new Properties());

        assertThatThrownBy(() -> settings.findSecret("signing.keystore-password", temp))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("signing.keystore-password (SIGNING_KEYSTORE_PASSWORD)")
                .hasMessageContaining("signing.keystore-password-file (SIGNING_KEYSTORE_PASSWORD_FILE)")
                .hasMessageNotContaining("direct").hasMessageNotContaining("from-file");
    }

    @Test
    void a_blank_override_clears_a_secret_so_its_file_can_be_used() throws Exception {
        Path secret = Files.writeString(temp.resolve("password"), "from-file");
        GatewaySettings settings = GatewaySettings.of(file("store.password", "in-the-file"),
                Map.of("STORE_PASSWORD_FILE", secret.toString()), new Properties())
                .withOverrides(Map.of("store.password", ""));

        assertThat(settings.findSecret("store.password", temp)).contains("from-file");
    }

    @Test
    void a_secret_file_is_read_once_however_often_the_secret_is_asked_for() throws Exception {
        Path secret = Files.writeString(temp.resolve("api-key"), "key-0123456789\n");
        GatewaySettings settings = GatewaySettings.of(file("esia.api-key-file", "api-key"), Map.of(),
                new Properties());

        Optional<String> first = settings.findSecret("esia.api-key", temp);
        Files.delete(secret);
        Optional<String> again = settings.withOverrides(Map.of("gateway.workers", "2"))
                .findSecret("esia.api-key", temp);

        assertThat(first).contains("key-0123456789");
        assertThat(again).contains("key-0123456789");
    }

    @Test
    void a_secret_from_a_named_pipe_can_be_asked_for_twice() throws Exception {
        Path fifo = temp.resolve("keystore-password");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, "Secret123");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.start();
        GatewaySettings settings = GatewaySettings.of(file(), Map.of("SIGNING_KEYSTORE_PASSWORD_FILE",
                fifo.toString()), new Properties());

        // a second read of the pipe would wait for a writer that never comes
        String[] reads = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> new String[] {
            settings.findSecret("signing.keystore-password", temp).orElseThrow(),
            settings.findSecret("signing.keystore-password", temp).orElseThrow()});
        writer.join(5_000);

        assertThat(reads).containsExactly("Secret123", "Secret123");
    }

    @Test
    void overrides_win_over_every_other_source() {
        GatewaySettings settings = GatewaySettings.of(file("poll.cron", "0/10 * * * * ?"),
                Map.of("POLL_CRON", "0/20 * * * * ?"), file("poll.cron", "0/30 * * * * ?"))
                .withOverrides(Map.of("poll.cron", "0/1 * * * * ?"));

        assertThat(settings.find("poll.cron")).contains("0/1 * * * * ?");
    }
}
