package org.epgugateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.epgugateway.emulator.ApiKeyState;
import org.epgugateway.emulator.Endpoint;
import org.epgugateway.testsupport.GatewayHarness;
import org.epgugateway.testsupport.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway pointed at the wrong key or the wrong address: drops wait with the reason in {@code status.json} instead
 * of ending in the dead-letter folder for a fault of the configuration, and the operator is told what to correct.
 */
class RemoteMisconfigurationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void an_api_key_esia_does_not_know_holds_drops_without_using_attempts_until_the_key_is_activated(
            @TempDir Path root) throws Exception {
        UUID key = UUID.randomUUID();
        Map<String, String> settings = Map.of("esia.api-key", key.toString(),
                "epgu.circuit.open-time", "1s",
                // two attempts would dead-letter a drop quickly if a refused key used them up
                "retry.max-attempts", "2");
        try (LogCapture logs = LogCapture.start();
             GatewayHarness harness = GatewayHarness.start(root, s -> s, settings)) {
            harness.drop("proceedings-found.xml", GatewayHarness.sample("proceedings-found.xml"));
            harness.drop("no-proceedings.xml", GatewayHarness.sample("no-proceedings.xml"));

            JsonNode waiting = awaitRetry(harness, "proceedings-found", "ESIA-037218");
            awaitRetry(harness, "no-proceedings", "ESIA-037218");
            HttpResponse<String> ready = await().atMost(Duration.ofSeconds(15)).until(
                    () -> get(harness, "/observe/health/ready"), r -> r.body().contains("esia.api-key"));
            await().atMost(Duration.ofSeconds(20)).until(
                    () -> harness.emulator().journal().requests(Endpoint.ESIA_TOKEN) >= 4);

            assertThat(waiting.path("state").asText()).isEqualTo("VALIDATED");
            assertThat(waiting.path("error").isNull()).isTrue();
            JsonNode retry = waiting.path("retry");
            assertThat(retry.path("stage").asText()).isEqualTo("submit");
            assertThat(retry.path("attempts").asInt()).isZero();
            assertThat(retry.path("message").asText()).contains("esia.api-key").doesNotContain(key.toString());
            assertThat(retry.path("nextAttemptAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*\\+03:00");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("remote-services").contains("ESIA refuses the gateway's credentials")
                    .doesNotContain(key.toString());
            assertThat(deadLetters(harness)).isEmpty();
            assertThat(harness.status("proceedings-found").path("retry").path("attempts").asInt()).isZero();
            assertThat(logs.lines().stream().filter(line -> line.startsWith("ERROR") || line.startsWith("WARN"))
                    .filter(line -> line.contains("ESIA-037218"))).as("one line when the refusal began")
                    .singleElement().satisfies(line -> assertThat(line).startsWith("ERROR")
                            .contains("esia.api-key").contains("Drops wait"));

            harness.emulator().setApiKeyState(key, ApiKeyState.ACTIVE);

            JsonNode found = harness.awaitFinal("proceedings-found");
            JsonNode none = harness.awaitFinal("no-proceedings");
            assertThat(found.path("state").asText()).isEqualTo("DONE");
            assertThat(none.path("state").asText()).isEqualTo("DONE");
            assertThat(found.has("retry")).as("no wait once the drop moved on").isFalse();
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> get(harness, "/observe/health/ready").statusCode() == 200);
            assertThat(logs.text()).contains("ESIA accepts the gateway's credentials again; calls resume")
                    .as("the API key is a secret").doesNotContain(key.toString());
        }
    }

    @Test
    void an_epgu_url_answering_a_bare_404_is_a_passing_failure_that_names_the_address(@TempDir Path root)
            throws Exception {
        Map<String, String> slowRetries = Map.of("retry.initial-delay", "10m", "retry.max-delay", "10m");
        try (GatewayHarness harness = GatewayHarness.start(root, s -> s, emulator -> withEpguUrl(slowRetries,
                emulator.baseUrl().resolve("not-epgu/")))) {
            String wrongPlace = harness.setting("epgu.url");
            harness.drop("proceedings-found.xml", GatewayHarness.sample("proceedings-found.xml"));

            JsonNode waiting = awaitRetry(harness, "proceedings-found", "HTTP_404");

            assertThat(waiting.path("state").asText()).isEqualTo("VALIDATED");
            JsonNode retry = waiting.path("retry");
            assertThat(retry.path("attempts").asInt()).isEqualTo(1);
            assertThat(retry.path("message").asText()).contains(wrongPlace + "api/gusmev/order")
                    .contains("check epgu.url");
            assertThat(deadLetters(harness)).isEmpty();
        }
    }

    private static Map<String, String> withEpguUrl(Map<String, String> settings, URI epguUrl) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("epgu.url", epguUrl.toString());
        return all;
    }

    private static JsonNode awaitRetry(GatewayHarness harness, String folder, String code) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode status = harness.status(folder);
            return status != null && code.equals(status.path("retry").path("code").asText());
        });
        return harness.status(folder);
    }

    private static List<Path> deadLetters(GatewayHarness harness) throws Exception {
        if (!Files.exists(harness.deadLetter())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(harness.deadLetter())) {
            return files.toList();
        }
    }

    private static HttpResponse<String> get(GatewayHarness harness, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.managementPort() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
