package org.epgugateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
        assertThatThrownBy(() -> settings.getDuration("d", Duration.ZERO)).hasMessageContaining("d must be a duration");
    }

    @Test
    void overrides_win_over_every_other_source() {
        GatewaySettings settings = GatewaySettings.of(file("poll.cron", "0/10 * * * * ?"),
                Map.of("POLL_CRON", "0/20 * * * * ?"), file("poll.cron", "0/30 * * * * ?"))
                .withOverrides(Map.of("poll.cron", "0/1 * * * * ?"));

        assertThat(settings.find("poll.cron")).contains("0/1 * * * * ?");
    }
}
