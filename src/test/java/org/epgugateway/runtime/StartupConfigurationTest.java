package org.epgugateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.component.timer.TimerEndpoint;
import org.apache.camel.support.ScheduledPollConsumer;
import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoKeys;
import org.epgugateway.demo.DemoOrganisation;
import org.epgugateway.testsupport.GatewayHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration as the running gateway sees it: files of its installation folder, intervals in the units the
 * routes expect, and secrets from pipes.
 */
class StartupConfigurationTest {

    @TempDir
    Path root;

    @Test
    void routes_profiles_schemas_and_relative_folders_come_from_the_installation_folder() throws Exception {
        Path home = installationCopy(root.resolve("install"));
        Files.writeString(home.resolve("routes/probe.camel.yaml"), """
                # probe: a route only this installation has
                - route:
                    id: probe
                    from:
                      uri: direct:probe
                      steps:
                        - log:
                            message: probe
                """);

        try (GatewayHarness harness = GatewayHarness.start(root.resolve("run"), home, s -> s,
                Map.of("gateway.inbox", "data/inbox"))) {
            CamelContext camel = harness.gateway().camelContext();
            Path inbox = home.resolve("data/inbox");
            drop(inbox, "refused.xml");

            assertThat(camel.getRoute("probe")).as("route read from the installation's routes/").isNotNull();
            assertThat(((FileEndpoint) camel.getRoute("intake").getEndpoint()).getFile().toPath())
                    .isEqualTo(inbox);
            assertThat(harness.awaitFinal("refused").path("state").asText()).isEqualTo("REFUSED");
        }
    }

    @Test
    void durations_reach_the_route_endpoints_as_milliseconds() throws Exception {
        // left to Camel, PT1.5S would become a delay of 0: an inbox scanned without pause
        Map<String, String> settings = Map.of("gateway.resume-interval", "PT1M30S", "gateway.inbox.poll-delay",
                "PT1.5S", "gateway.inbox.stable-time", "300");

        try (GatewayHarness harness = GatewayHarness.start(root, s -> s, settings)) {
            CamelContext camel = harness.gateway().camelContext();

            assertThat(((TimerEndpoint) camel.getRoute("resume").getEndpoint()).getPeriod()).isEqualTo(90_000);
            assertThat(((ScheduledPollConsumer) camel.getRoute("intake").getConsumer()).getDelay()).isEqualTo(1500);
        }
    }

    @Test
    void a_keystore_password_from_a_pipe_is_read_once_and_the_gateway_starts() throws Exception {
        DemoKeys keys = DemoAuthority.ensure(root.resolve("keys"), DemoOrganisation.romashka());
        Path pipe = root.resolve("keystore-password");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(pipe, keys.password());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        Map<String, String> settings = Map.of("signing.keystore-password", "",
                "signing.keystore-password-file", pipe.toString());

        // a second read of the pipe would wait for a writer that never comes
        boolean started = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (GatewayHarness harness = GatewayHarness.start(root, s -> s, settings)) {
                return harness.gateway().camelContext().isStarted();
            }
        });

        assertThat(started).isTrue();
    }

    /** A copy of the shipped installation: configuration, service profiles, routes and schemas. */
    private static Path installationCopy(Path target) throws IOException {
        for (String folder : new String[] {"config", "routes", "schemas"}) {
            Path source = Path.of(folder);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(source.relativize(file).toString().isEmpty() ? folder
                            : folder + "/" + source.relativize(file));
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return target;
    }

    private static void drop(Path inbox, String sample) throws IOException {
        Files.createDirectories(inbox);
        Path part = inbox.resolve(sample + ".part");
        Files.write(part, GatewayHarness.sample(sample));
        Files.move(part, inbox.resolve(sample), StandardCopyOption.ATOMIC_MOVE);
    }
}
