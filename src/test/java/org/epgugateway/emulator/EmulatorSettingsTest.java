package org.epgugateway.emulator;

import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading {@code emulator.*} properties: every documented key, the defaults, and clear errors.
 */
class EmulatorSettingsTest {

    private static final String KEY = "5a0c9e1d-2b3f-4a5c-8d7e-6f1a2b3c4d5e";
    private static final String BLOCKED = "7b1d0f2e-3c4a-4b6d-9e8f-7a2b3c4d5e6f";

    @Test
    void reads_every_documented_key() {
        Properties properties = new Properties();
        properties.setProperty("emulator.host", "0.0.0.0");
        properties.setProperty("emulator.port", "9000");
        properties.setProperty("emulator.trusted-ca", "ca/one.pem, ca/two.pem");
        properties.setProperty("emulator.api-keys", KEY + ", " + BLOCKED + ":blocked");
        properties.setProperty("emulator.token-ttl", "PT1H");
        properties.setProperty("emulator.step-delay", "PT0.5S");
        properties.setProperty("emulator.chunk-window", "PT2M");
        properties.setProperty("emulator.default-outcome", "refused");
        properties.setProperty("emulator.outcome.00012312312", "smev-error");
        properties.setProperty("emulator.outcome.00011122200", "none");
        properties.setProperty("emulator.user-limit.enabled", "true");
        properties.setProperty("emulator.answer-cache.enabled", "true");
        properties.setProperty("emulator.schemas", "elsewhere");
        properties.setProperty("emulator.lenient-signature", "true");
        properties.setProperty("emulator.status-list-zone", "UTC");
        properties.setProperty("camel.main.name", "ignored");

        EmulatorSettings settings = EmulatorSettings.fromProperties(properties);

        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(9000);
        assertThat(settings.trustedCas()).containsExactly(Path.of("ca/one.pem"), Path.of("ca/two.pem"));
        assertThat(settings.apiKeys()).containsExactly(Map.entry(UUID.fromString(KEY), ApiKeyState.ACTIVE),
                Map.entry(UUID.fromString(BLOCKED), ApiKeyState.BLOCKED));
        assertThat(settings.tokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.stepDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.chunkWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.outcomeFor("00012312312")).isEqualTo(Outcome.SMEV_ERROR);
        assertThat(settings.outcomeFor("00011122200")).isEqualTo(Outcome.NONE);
        assertThat(settings.outcomeFor("00055566600")).isEqualTo(Outcome.REFUSED);
        assertThat(settings.outcomeFor("00000000000")).isEqualTo(Outcome.REFUSED);
        assertThat(settings.userLimitEnabled()).isTrue();
        assertThat(settings.answerCacheEnabled()).isTrue();
        assertThat(settings.schemas()).isEqualTo(Path.of("elsewhere"));
        assertThat(settings.lenientSignature()).isTrue();
        assertThat(settings.statusListZone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void defaults_follow_the_contract() {
        EmulatorSettings settings = EmulatorSettings.fromProperties(new Properties());

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(8780);
        assertThat(settings.trustedCas()).isEmpty();
        assertThat(settings.apiKeys()).isEmpty();
        assertThat(settings.tokenTtl()).isEqualTo(Duration.ofHours(3));
        assertThat(settings.stepDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.chunkWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.defaultOutcome()).isEqualTo(Outcome.NONE);
        assertThat(settings.outcomes()).containsOnly(
                Map.entry("00011122200", Outcome.FOUND),
                Map.entry("00033344400", Outcome.NONE),
                Map.entry("00055566600", Outcome.REFUSED),
                Map.entry("00077788800", Outcome.DELIVERY_ERROR));
        assertThat(settings.userLimitEnabled()).isFalse();
        assertThat(settings.answerCacheEnabled()).isFalse();
        assertThat(settings.schemas()).isEqualTo(Path.of("schemas"));
        assertThat(settings.lenientSignature()).isFalse();
        assertThat(settings.statusListZone()).isEqualTo(ZoneId.of("Europe/Moscow"));
    }

    @Test
    void the_documented_properties_file_is_readable() throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/emulator.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }

        EmulatorSettings settings = EmulatorSettings.fromProperties(properties);

        assertThat(settings.port()).isEqualTo(8780);
        assertThat(settings.stepDelay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void an_unknown_emulator_key_is_an_error_naming_it() {
        Properties properties = new Properties();
        properties.setProperty("emulator.step-delays", "PT1S");

        assertThatThrownBy(() -> EmulatorSettings.fromProperties(properties))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("emulator.step-delays")
                .hasMessageContaining("unknown key");
    }

    @Test
    void an_unreadable_value_is_an_error_naming_the_key() {
        for (Map.Entry<String, String> bad : List.of(
                Map.entry("emulator.port", "eighty"),
                Map.entry("emulator.token-ttl", "3 hours"),
                Map.entry("emulator.api-keys", "not-a-uuid"),
                Map.entry("emulator.api-keys", KEY + ":suspended"),
                Map.entry("emulator.default-outcome", "maybe"),
                Map.entry("emulator.outcome.123", "found"),
                Map.entry("emulator.user-limit.enabled", "yes"),
                Map.entry("emulator.chunk-window", "PT0S"))) {
            Properties properties = new Properties();
            properties.setProperty(bad.getKey(), bad.getValue());

            assertThatThrownBy(() -> EmulatorSettings.fromProperties(properties))
                    .as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad.getKey());
        }
    }

    @Test
    void withers_leave_the_original_unchanged() {
        EmulatorSettings original = EmulatorSettings.defaults();

        EmulatorSettings changed = original.withStepDelay(Duration.ZERO).withOutcome("00012312312", Outcome.FOUND);

        assertThat(original.stepDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(original.outcomeFor("00012312312")).isEqualTo(Outcome.NONE);
        assertThat(changed.stepDelay()).isZero();
        assertThat(changed.outcomeFor("00012312312")).isEqualTo(Outcome.FOUND);
    }
}
