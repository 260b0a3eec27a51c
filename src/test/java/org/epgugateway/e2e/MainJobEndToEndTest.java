package org.epgugateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.epgugateway.emulator.Endpoint;
import org.epgugateway.testsupport.GatewayHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job end to end: drops go into the inbox, through real HTTP with a real GOST signature to the emulator,
 * and land in the outbox or the dead-letter folder as the folder contract says.
 */
class MainJobEndToEndTest {

    @TempDir
    static Path root;

    private static GatewayHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = GatewayHarness.start(root);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void proceedings_found_answer_lands_unzipped_beside_status_done() throws Exception {
        harness.drop("proceedings-found.xml", GatewayHarness.sample("proceedings-found.xml"));

        JsonNode status = harness.awaitFinal("proceedings-found");

        assertThat(status.path("state").asText()).isEqualTo("DONE");
        assertThat(status.path("statusId").asInt()).isEqualTo(3);
        assertThat(status.path("orderId").asLong()).isPositive();
        assertThat(status.path("files")).extracting(JsonNode::asText).containsExactly("answer.xml");
        String answer = Files.readString(harness.outbox().resolve("proceedings-found/answer.xml"),
                StandardCharsets.UTF_8);
        assertThat(answer).contains("O_IP_INFO_INTERACTIVE").contains(status.path("orderId").asText());
        assertThat(status.path("history")).extracting(h -> h.path("statusId").asInt()).containsExactly(17, 21, 2, 3);
        assertThat(harness.inbox().resolve("proceedings-found.xml")).doesNotExist();
    }

    @Test
    void no_proceedings_answer_lands_unzipped_beside_status_done() throws Exception {
        harness.drop("no-proceedings.xml", GatewayHarness.sample("no-proceedings.xml"));

        JsonNode status = harness.awaitFinal("no-proceedings");

        assertThat(status.path("state").asText()).isEqualTo("DONE");
        assertThat(Files.readString(harness.outbox().resolve("no-proceedings/answer.xml")))
                .contains("O_IPSIDE_OSP_NOEXISTS_INT");
    }

    @Test
    void refusal_lands_as_refused_without_dead_letter() {
        harness.drop("refused.xml", GatewayHarness.sample("refused.xml"));

        JsonNode status = harness.awaitFinal("refused");

        assertThat(status.path("state").asText()).isEqualTo("REFUSED");
        assertThat(status.path("statusId").asInt()).isEqualTo(4);
        assertThat(status.path("error").isNull()).isTrue();
        assertThat(harness.deadLetter().resolve("refused.xml")).doesNotExist();
    }

    @Test
    void delivery_error_lands_failed_with_the_original_in_dead_letter() throws Exception {
        byte[] original = GatewayHarness.sample("delivery-error.xml");
        harness.drop("delivery-error.xml", original);

        JsonNode status = harness.awaitFinal("delivery-error");

        assertThat(status.path("state").asText()).isEqualTo("FAILED");
        assertThat(status.path("error").path("code").asText()).isEqualTo("EPGU_STATUS_5");
        assertThat(status.path("error").path("deadLetter").asText()).isEqualTo("delivery-error.xml");
        assertThat(Files.readAllBytes(harness.deadLetter().resolve("delivery-error.xml"))).isEqualTo(original);
        JsonNode error = harness.readJson(harness.deadLetter().resolve("delivery-error.xml.error.json"));
        assertThat(error.path("stage").asText()).isEqualTo("poll");
        assertThat(error.path("orderId").asLong()).isEqualTo(status.path("orderId").asLong());
        assertThat(error.path("message").asText()).contains("status 5");
    }

    @Test
    void drop_failing_its_schema_goes_to_dead_letter_with_stage_and_reason() {
        harness.drop("fails-schema.xml", GatewayHarness.fixture("fails-schema.xml"));

        JsonNode status = harness.awaitFinal("fails-schema");

        assertThat(status.path("state").asText()).isEqualTo("FAILED");
        JsonNode error = harness.readJson(harness.deadLetter().resolve("fails-schema.xml.error.json"));
        assertThat(error.path("stage").asText()).isEqualTo("validate");
        assertThat(error.path("code").asText()).isEqualTo("SCHEMA");
        assertThat(error.path("message").asText()).contains("line").contains("TrusteeOGRN");
        assertThat(error.path("orderId").isNull()).isTrue();
    }

    @Test
    void not_well_formed_drop_goes_to_dead_letter_while_other_drops_still_flow() {
        harness.drop("not-well-formed.xml", GatewayHarness.fixture("not-well-formed.xml"));
        harness.drop("second-proceedings-found.xml", withSide(GatewayHarness.sample("proceedings-found.xml")));

        JsonNode broken = harness.awaitFinal("not-well-formed");
        JsonNode good = harness.awaitFinal("second-proceedings-found");

        assertThat(broken.path("state").asText()).isEqualTo("FAILED");
        JsonNode error = harness.readJson(harness.deadLetter().resolve("not-well-formed.xml.error.json"));
        assertThat(error.path("stage").asText()).isEqualTo("validate");
        assertThat(error.path("code").asText()).isEqualTo("NOT_XML");
        assertThat(error.path("message").asText()).contains("not well-formed");
        assertThat(good.path("state").asText()).isEqualTo("DONE");
    }

    @Test
    void drop_for_another_organisation_is_refused_before_anything_is_sent() {
        int reservationsBefore = harness.emulator().journal().requests(Endpoint.ORDER_CREATE);
        harness.drop("wrong-organisation.xml", GatewayHarness.fixture("wrong-organisation.xml"));

        JsonNode status = harness.awaitFinal("wrong-organisation");

        assertThat(status.path("state").asText()).isEqualTo("FAILED");
        assertThat(status.path("error").path("code").asText()).isEqualTo("ORGANISATION_MISMATCH");
        assertThat(status.path("error").path("message").asText()).contains("1027700543210", "1027700123450");
        assertThat(harness.emulator().journal().requests(Endpoint.ORDER_CREATE)).isEqualTo(reservationsBefore);
    }

    @Test
    void management_server_reports_readiness_on_loopback_only() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + harness.managementPort() + "/observe/health/ready");

        // consumers report DOWN until their first poll, so readiness follows a moment after start
        HttpResponse<String> answer = await().atMost(Duration.ofSeconds(15)).until(
                () -> http.send(HttpRequest.newBuilder(ready).build(), BodyHandlers.ofString()),
                response -> response.statusCode() == 200);

        assertThat(answer.body()).contains("order-store").contains("UP");
        for (InetAddress address : nonLoopbackAddresses()) {
            assertThatThrownBy(() -> new Socket(address, Integer.parseInt(harness.managementPort())).close())
                    .as("management port reachable on " + address).isInstanceOf(IOException.class);
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .toList();
    }

    /** The same applicant on the other side (claimant instead of debtor): a different application. */
    private static byte[] withSide(byte[] drop) {
        return new String(drop, StandardCharsets.UTF_8)
                .replace("<fssp:ComplainerType>2</fssp:ComplainerType>", "<fssp:ComplainerType>1</fssp:ComplainerType>")
                .getBytes(StandardCharsets.UTF_8);
    }
}
