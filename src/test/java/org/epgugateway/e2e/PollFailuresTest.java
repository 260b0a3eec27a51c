package org.epgugateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import org.epgugateway.emulator.Endpoint;
import org.epgugateway.emulator.FaultAnswer;
import org.epgugateway.emulator.FaultKind;
import org.epgugateway.testsupport.GatewayHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once a drop is uploaded its application is filed at the agency: a poll or download that fails, even with an EPGU
 * error code, is recorded and tried again at the next tick; only EPGU's final answers and poll.max-age end the drop.
 */
class PollFailuresTest {

    @TempDir
    Path root;

    @Test
    void refused_and_failing_status_calls_are_retried_until_the_answer_arrives() throws Exception {
        try (GatewayHarness harness = GatewayHarness.start(root)) {
            // each poll asks twice when EPGU says order_access (the token is renewed once): three polls refused,
            // then two polls meet an unavailable EPGU, then EPGU answers again
            harness.emulator().faults().armBurst(Endpoint.ORDER_DETAILS, FaultAnswer.ORDER_ACCESS, 6);
            harness.emulator().faults().armBurst(Endpoint.ORDER_DETAILS, FaultAnswer.SERVICE_UNAVAILABLE, 2);

            harness.drop("filed.xml", GatewayHarness.sample("proceedings-found.xml"));
            AtomicReference<JsonNode> waiting = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                JsonNode status = harness.status("filed");
                if (status != null && status.has("retry")) {
                    waiting.set(status);
                }
                return waiting.get() != null;
            });
            JsonNode status = harness.awaitFinal("filed", Duration.ofSeconds(60));

            JsonNode retry = waiting.get().path("retry");
            assertThat(waiting.get().path("state").asText()).isEqualTo("SUBMITTED");
            assertThat(retry.path("stage").asText()).isEqualTo("poll");
            assertThat(retry.path("code").asText()).isIn("order_access", "HTTP_503");
            assertThat(retry.path("attempts").asInt()).isPositive();
            assertThat(retry.path("nextAttemptAt").asText()).isNotEmpty();
            assertThat(status.path("state").asText()).isEqualTo("DONE");
            assertThat(status.has("retry")).isFalse();
            assertThat(status.path("files")).isNotEmpty();
            assertThat(harness.deadLetter().resolve("filed.xml")).doesNotExist();
            assertThat(harness.emulator().journal().faults(FaultKind.ORDER_ACCESS, Endpoint.ORDER_DETAILS))
                    .isEqualTo(6);
            assertThat(harness.emulator().journal().requests(Endpoint.ORDER_CREATE)).isEqualTo(1);
            assertThat(harness.emulator().journal().requests(Endpoint.PUSH_CHUNKED)).isEqualTo(1);
        }
    }

    @Test
    void a_refused_answer_download_is_tried_again_at_the_next_tick() throws Exception {
        try (GatewayHarness harness = GatewayHarness.start(root)) {
            // one download refused even after the token was renewed, then one that EPGU cannot serve
            harness.emulator().faults().armBurst(Endpoint.DOWNLOAD, FaultAnswer.ORDER_ACCESS, 2);
            harness.emulator().faults().armBurst(Endpoint.DOWNLOAD, FaultAnswer.BAD_GATEWAY, 1);

            harness.drop("download.xml", GatewayHarness.sample("no-proceedings.xml"));
            JsonNode status = harness.awaitFinal("download", Duration.ofSeconds(60));

            assertThat(status.path("state").asText()).isEqualTo("DONE");
            assertThat(status.path("files")).isNotEmpty();
            assertThat(harness.deadLetter().resolve("download.xml")).doesNotExist();
            assertThat(harness.emulator().journal().faults(FaultKind.ORDER_ACCESS, Endpoint.DOWNLOAD)).isEqualTo(2);
            assertThat(harness.emulator().journal().requests(Endpoint.PUSH_CHUNKED)).isEqualTo(1);
        }
    }

    @Test
    void an_order_whose_polls_always_fail_ends_when_it_is_too_old() throws Exception {
        try (GatewayHarness harness = GatewayHarness.start(root, settings -> settings, Map.of("poll.max-age", "6s"))) {
            harness.emulator().faults().armBurst(Endpoint.ORDER_DETAILS, FaultAnswer.ORDER_ACCESS, 10_000);

            harness.drop("never-answered.xml", GatewayHarness.sample("proceedings-found.xml"));
            JsonNode status = harness.awaitFinal("never-answered", Duration.ofSeconds(60));

            assertThat(status.path("state").asText()).isEqualTo("FAILED");
            assertThat(status.path("error").path("stage").asText()).isEqualTo("poll");
            assertThat(status.path("error").path("code").asText()).isEqualTo("ORDER_TOO_OLD");
            assertThat(status.path("error").path("message").asText()).contains("6 seconds", "order_access");
            assertThat(status.has("retry")).isFalse();
            assertThat(harness.deadLetter().resolve("never-answered.xml")).exists();
            // several polls were refused before the age ended the drop, and nothing was uploaded twice
            assertThat(harness.emulator().journal().faults(FaultKind.ORDER_ACCESS, Endpoint.ORDER_DETAILS))
                    .isGreaterThanOrEqualTo(4);
            assertThat(harness.emulator().journal().requests(Endpoint.PUSH_CHUNKED)).isEqualTo(1);
        }
    }
}
