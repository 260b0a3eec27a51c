package org.epgugateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as an operator runs it: {@code java -jar target/epgu-gateway.jar [command]}, from the installation
 * folder or from any other.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of("target", "epgu-gateway.jar").toAbsolutePath();

    @TempDir
    Path temp;

    @Test
    void gateway_without_urls_stops_at_start_naming_the_missing_keys() throws Exception {
        Run run = java(Map.of(), 60);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("Missing configuration")
                .contains("esia.url (ESIA_URL)", "epgu.url (EPGU_URL)", "esia.api-key (ESIA_API_KEY)",
                        "signing.keystore (SIGNING_KEYSTORE)", "signing.keystore-password (SIGNING_KEYSTORE_PASSWORD)");
    }

    @Test
    void environment_variables_override_the_configuration_file() throws Exception {
        Run run = java(Map.of("ESIA_URL", "http://127.0.0.1:9/", "EPGU_URL", "http://127.0.0.1:9/"), 60);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("esia.api-key (ESIA_API_KEY)")
                .doesNotContain("esia.url (ESIA_URL)").doesNotContain("epgu.url (EPGU_URL)");
    }

    @Test
    void a_malformed_number_stops_the_gateway_at_start_naming_the_setting() throws Exception {
        Run run = java(Map.of("GATEWAY_WORKERS", "four"), 60);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("epgu-gateway cannot start: Invalid configuration: gateway.workers "
                + "(GATEWAY_WORKERS) must be a whole number, not 'four'").doesNotContain("concurrentConsumers");
    }

    @Test
    void an_unknown_emulator_key_stops_the_emulator_with_a_message_instead_of_a_stack_trace() throws Exception {
        Run run = java(Map.of(), 60, List.of("-Demulator.portt=9000"), Path.of(""), "emulator");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("epgu-gateway emulator cannot start: Emulator setting emulator.portt")
                .doesNotContain("\tat org.");
    }

    @Test
    void demo_runs_from_another_working_folder_with_the_installations_files() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));

        Run run = java(Map.of(), 120, List.of(), elsewhere, "demo", "--folder", "demo");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("All samples landed.");
        assertThat(elsewhere.resolve("demo/run/outbox/proceedings-found/answer.xml")).exists();
    }

    @Test
    void demo_lands_every_sample_and_exits_zero() throws Exception {
        long started = System.nanoTime();

        Run run = java(Map.of(), 120, "demo", "--folder", temp.resolve("demo").toString());

        System.out.printf("demo took %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("All samples landed.");
        assertThat(temp.resolve("demo/run/outbox/proceedings-found/answer.xml")).exists();
        assertThat(temp.resolve("demo/run/dead-letter/delivery-error.xml.error.json")).exists();
    }

    private Run java(Map<String, String> environment, int timeoutSeconds, String... args) throws Exception {
        return java(environment, timeoutSeconds, List.of(), Path.of(""), args);
    }

    private Run java(Map<String, String> environment, int timeoutSeconds, List<String> jvmOptions, Path workingFolder,
            String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path log = temp.resolve("process-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(workingFolder.toAbsolutePath().toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar did not finish in " + timeoutSeconds + " s:\n" + read(log));
        }
        return new Run(process.exitValue(), read(log));
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private record Run(int exitCode, String output) {
    }
}
