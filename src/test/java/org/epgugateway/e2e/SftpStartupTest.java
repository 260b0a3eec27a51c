package org.epgugateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.epgugateway.config.SettingsException;
import org.epgugateway.testsupport.GatewayHarness;
import org.epgugateway.testsupport.LogCapture;
import org.epgugateway.testsupport.SftpGateway;
import org.epgugateway.testsupport.TestSftpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting the gateway against an SFTP server: a server that is down at boot leaves the gateway up with readiness
 * saying so until it comes back; a server whose host key is not vouched for is refused, and the user's own
 * known_hosts file is never consulted.
 */
class SftpStartupTest {

    private static final String INTAKE_CHECK = "consumer:intake-sftp";
    private static final String INBOX_CHECK = "sftp-inbox";
    private static final String OUTBOX_CHECK = "sftp-outbox";

    @TempDir
    Path root;

    @Test
    void gateway_starts_while_the_server_is_down_reports_it_not_ready_and_recovers_when_it_comes_up()
            throws Exception {
        TestSftpServer server = TestSftpServer.prepare(Files.createDirectories(root.resolve("sftp-server")));
        Map<String, String> settings = SftpGateway.passwordSettings(server, root.resolve("secrets"));
        try (LogCapture logs = LogCapture.start();
                GatewayHarness harness = GatewayHarness.start(root.resolve("gateway"), s -> s, settings)) {

            assertThat(harness.gateway().camelContext().isStarted()).isTrue();
            await().atMost(Duration.ofSeconds(15)).until(() -> state(harness, INTAKE_CHECK)
                    .filter(HealthCheck.State.DOWN::equals).isPresent());
            assertThat(state(harness, INBOX_CHECK)).contains(HealthCheck.State.DOWN);
            assertThat(state(harness, OUTBOX_CHECK)).contains(HealthCheck.State.DOWN);
            assertThat(readinessOverHttp(harness).statusCode()).isEqualTo(503);
            assertThat(logs.text()).contains("is not usable at start");

            server.start();
            server.drop("refused.xml", GatewayHarness.sample("refused.xml"));
            JsonNode status = SftpGateway.awaitFinal(server, "refused");

            assertThat(status.path("state").asText()).isEqualTo("REFUSED");
            await().atMost(Duration.ofSeconds(15)).until(() -> state(harness, INTAKE_CHECK)
                    .filter(HealthCheck.State.UP::equals).isPresent());
            assertThat(state(harness, INBOX_CHECK)).contains(HealthCheck.State.UP);
            assertThat(state(harness, OUTBOX_CHECK)).contains(HealthCheck.State.UP);
            assertThat(logs.text()).doesNotContain(TestSftpServer.PASSWORD);
        } finally {
            server.close();
        }
    }

    @Test
    void unknown_host_key_stops_the_gateway_at_start_with_a_message_naming_the_known_hosts_file()
            throws IOException {
        try (TestSftpServer server = TestSftpServer.start(Files.createDirectories(root.resolve("sftp-server")))) {
            Map<String, String> settings = SftpGateway.keySettings(server, root.resolve("secrets"));
            Path knownHosts = Path.of(settings.get("sftp.known-hosts-file"));
            Files.writeString(knownHosts, "");
            server.drop("refused.xml", GatewayHarness.sample("refused.xml"));

            assertThatThrownBy(() -> GatewayHarness.start(root.resolve("gateway"), s -> s, settings))
                    .isInstanceOf(SettingsException.class)
                    .hasMessageContaining("is not listed in the known-hosts file " + knownHosts)
                    .hasMessageContaining("refusing to connect");
            assertThat(server.logins()).isZero();
            assertThat(server.inbox().resolve("refused.xml")).exists();
        }
    }

    @Test
    void sftp_inbox_refuses_a_server_whose_key_is_only_in_the_users_own_known_hosts() throws Exception {
        TestSftpServer genuine = TestSftpServer.prepare(Files.createDirectories(root.resolve("sftp-server")));
        Map<String, String> settings = SftpGateway.keySettings(genuine, root.resolve("secrets"));
        TestSftpServer impostor = genuine.impostor();
        Path home = Files.createDirectories(root.resolve("home/.ssh")).getParent();
        Files.writeString(home.resolve(".ssh/known_hosts"), impostor.knownHostsLine() + "\n");
        String userHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try (LogCapture logs = LogCapture.start();
                GatewayHarness harness = GatewayHarness.start(root.resolve("gateway"), s -> s, settings)) {
            impostor.start();
            impostor.drop("refused.xml", GatewayHarness.sample("refused.xml"));

            await().atMost(Duration.ofSeconds(15)).until(() -> logs.text().contains("HostKey"));
            Thread.sleep(1000);

            assertThat(impostor.logins()).isZero();
            assertThat(impostor.inbox().resolve("refused.xml")).exists();
            assertThat(impostor.outbox()).doesNotExist();
            assertThat(message(harness, INBOX_CHECK)).contains("HostKey has been changed");
            assertThat(state(harness, INBOX_CHECK)).contains(HealthCheck.State.DOWN);
            assertThat(state(harness, OUTBOX_CHECK)).contains(HealthCheck.State.DOWN);
        } finally {
            System.setProperty("user.home", userHome);
            impostor.close();
        }
    }

    private static Optional<HealthCheck.State> state(GatewayHarness harness, String checkId) {
        CamelContext context = harness.gateway().camelContext();
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(result -> result.getCheck().getId().equals(checkId))
                .map(HealthCheck.Result::getState)
                .findFirst();
    }

    private static String message(GatewayHarness harness, String checkId) {
        CamelContext context = harness.gateway().camelContext();
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(result -> result.getCheck().getId().equals(checkId))
                .map(result -> result.getMessage().orElse(""))
                .findFirst().orElse("");
    }

    private static HttpResponse<String> readinessOverHttp(GatewayHarness harness) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + harness.managementPort() + "/observe/health/ready");
        return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
