package org.epgugateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import org.epgugateway.privacy.Redaction;
import org.epgugateway.testsupport.LogCapture;
import org.junit.jupiter.api.Test;

/** What a standalone emulator tells its operator as it starts. */
class EmulatorStartTest {

    private static final EmulatorSettings LOCAL = EmulatorSettings.defaults().withPort(0)
            .withSchemas(Path.of("schemas"));

    @Test
    void an_emulator_without_api_keys_warns_that_every_token_request_will_be_refused() {
        try (LogCapture logs = LogCapture.start(); EmulatorServer emulator = EmulatorServer.start(LOCAL)) {

            assertThat(logs.lines()).anySatisfy(line -> assertThat(line).startsWith("WARN")
                    .contains("No API key configured (emulator.api-keys)"));
        }
    }

    @Test
    void an_emulator_with_an_api_key_does_not_warn_about_keys() {
        EmulatorSettings settings = LOCAL.withApiKey(UUID.randomUUID(), ApiKeyState.ACTIVE);

        try (LogCapture logs = LogCapture.start(); EmulatorServer emulator = EmulatorServer.start(settings)) {

            assertThat(logs.text()).doesNotContain("No API key configured");
        }
    }

    @Test
    void the_settings_line_keeps_every_non_secret_value_and_its_separator_after_masking() {
        String line = Redaction.mask(LOCAL.withLenientSignature(true).toString());

        assertThat(line).contains("lenientSignature=true, faults=none").doesNotContain("***");
    }
}
