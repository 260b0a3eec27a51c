package org.epgugateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.epgugateway.emulator.EmulatorSettings;
import org.epgugateway.testsupport.LogCapture;
import org.junit.jupiter.api.Test;

/** How the standalone emulator puts its file, the environment and {@code -D} together. */
class EmulatorCommandTest {

    private static final Path HOME = Path.of("/opt/epgu-gateway");

    @Test
    void an_environment_variable_sets_a_key_the_file_leaves_out() {
        Properties file = properties("emulator.port", "8780");

        Properties merged = EmulatorCommand.properties(file, Map.of("EMULATOR_FAULTS_SEED", "42",
                "EMULATOR_FAULTS_PUSH_CHUNKED_ERROR_RATE", "0.5", "EMULATOR_OUTCOME_00012312312", "refused"),
                new Properties(), HOME);

        assertThat(merged).containsEntry("emulator.faults.seed", "42")
                .containsEntry("emulator.faults.push-chunked.error-rate", "0.5")
                .containsEntry("emulator.outcome.00012312312", "refused")
                .containsEntry("emulator.port", "8780");
        assertThat(EmulatorSettings.fromProperties(merged).faults().seed()).isEqualTo(42);
    }

    @Test
    void a_misspelled_variable_is_ignored_with_a_warning_naming_the_variable_it_probably_meant() {
        List<String> warnings;
        Properties merged;
        try (LogCapture logs = LogCapture.start()) {
            merged = EmulatorCommand.properties(properties("emulator.port", "8780"),
                    Map.of("EMULATOR_PORTT", "9000", "EMULATOR_STEP_DELAI", "PT0S", "PATH", "/usr/bin"),
                    new Properties(), HOME);
            warnings = logs.lines().stream().filter(line -> line.startsWith("WARN")).toList();
        }

        assertThat(merged).containsEntry("emulator.port", "8780").doesNotContainKey("emulator.portt");
        assertThat(warnings).hasSize(2);
        assertThat(warnings).anySatisfy(line -> assertThat(line)
                .contains("Environment variable EMULATOR_PORTT names no emulator setting and is ignored; "
                        + "did you mean EMULATOR_PORT?"));
        assertThat(warnings).anySatisfy(line -> assertThat(line).contains("did you mean EMULATOR_STEP_DELAY?"));
    }

    @Test
    void a_system_property_wins_over_the_environment() {
        Properties system = properties("emulator.faults.seed", "7", "java.version", "17");

        Properties merged = EmulatorCommand.properties(new Properties(), Map.of("EMULATOR_FAULTS_SEED", "42"), system,
                HOME);

        assertThat(merged).containsEntry("emulator.faults.seed", "7").doesNotContainKey("java.version");
    }

    @Test
    void relative_files_resolve_against_the_installation_folder() {
        Properties file = properties("emulator.schemas", "schemas", "emulator.trusted-ca", "keys/ca.pem, /etc/ca.pem",
                "emulator.faults.scenario", "");

        Properties merged = EmulatorCommand.properties(file, Map.of(), new Properties(), HOME);

        assertThat(merged).containsEntry("emulator.schemas", "/opt/epgu-gateway/schemas")
                .containsEntry("emulator.trusted-ca", "/opt/epgu-gateway/keys/ca.pem,/etc/ca.pem")
                .containsEntry("emulator.faults.scenario", "");
    }

    private static Properties properties(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }
}
