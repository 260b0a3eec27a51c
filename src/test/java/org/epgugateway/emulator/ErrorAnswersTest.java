package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Injected answers: server and proxy errors, 429 with and without Retry-After, bursts, and EPGU's refusals for the
 * next calls or for one order, all counted in the journal.
 */
class ErrorAnswersTest {

    private static final String STATUS_QUERY = "api/gusmev/order/getOrdersStatus?orderIds=1";
    private static final FaultTarget STATUS = FaultTarget.of(Endpoint.ORDERS_STATUS);
    private static final FaultTarget RESERVE = FaultTarget.of(Endpoint.ORDER_CREATE);

    @RegisterExtension
    static final TestEmulator emulator = new TestEmulator();

    @ParameterizedTest(name = "{0} is answered {1} as {2}")
    @CsvSource({
        "500, 500, application/json",
        "502, 502, text/html",
        "503, 503, text/html",
        "504, 504, text/html",
        "429-no-retry-after, 429, text/html",
        "order_access, 403, application/json",
        "limitation_exception, 429, application/json",
        "bad_request, 400, application/json"
    })
    void an_error_rate_of_1_answers_every_request_with_the_error(String word, int status, String contentType)
            throws Exception {
        FaultAnswer answer = FaultAnswer.fromWord(word);
        EmulatorClient client = emulator.start(FaultPlan.none().withErrors(STATUS, 1.0, answer));
        String token = emulator.token();

        HttpResponse<String> response = client.get(STATUS_QUERY, token);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                value -> assertThat(value).startsWith(contentType));
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        if (contentType.equals("application/json")) {
            String code = word.equals("500") ? "internal_error" : word;
            assertThat(EmulatorClient.json(response.body()).get("code").asText()).isEqualTo(code);
        }
        assertThat(emulator.journal().faults(answer.kind(), Endpoint.ORDERS_STATUS)).isEqualTo(1);
        assertThat(emulator.journal().responses(Endpoint.ORDERS_STATUS, status)).isEqualTo(1);
    }

    @Test
    void an_injected_429_says_retry_after_in_whole_seconds() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none()
                .withErrors(STATUS, 1.0, FaultAnswer.TOO_MANY_REQUESTS)
                .withRetryAfter(STATUS, Duration.ofMillis(2500)));
        String token = emulator.token();

        HttpResponse<String> response = client.get(STATUS_QUERY, token);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
    }

    @Test
    void a_planned_burst_answers_the_requests_after_the_first_ones_and_then_stops() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none().withBurst(STATUS, FaultAnswer.TOO_MANY_REQUESTS, 3, 2));
        String token = emulator.token();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(client.get(STATUS_QUERY, token).statusCode());
        }

        assertThat(statuses).containsExactly(200, 200, 429, 429, 429, 200, 200);
        assertThat(emulator.journal().faults(FaultKind.TOO_MANY_REQUESTS)).isEqualTo(3);
    }

    @Test
    void an_armed_burst_answers_the_next_requests_with_retry_after() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none());
        String token = emulator.token();
        emulator.faults().armBurst(Endpoint.ORDER_CREATE, FaultAnswer.TOO_MANY_REQUESTS, 2, Duration.ofSeconds(2));

        HttpResponse<String> first = client.reserveRequest(token, EmulatorClient.ORDER_REQUEST);
        HttpResponse<String> second = client.reserveRequest(token, EmulatorClient.ORDER_REQUEST);
        HttpResponse<String> third = client.reserveRequest(token, EmulatorClient.ORDER_REQUEST);

        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(emulator.journal().orders()).hasSize(1);
    }

    @Test
    void a_burst_of_limitation_exception_on_reserve_answers_epgus_own_refusal() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none()
                .withBurst(RESERVE, FaultAnswer.LIMITATION_EXCEPTION, 1, 0));
        String token = emulator.token();

        HttpResponse<String> refused = client.reserveRequest(token, EmulatorClient.ORDER_REQUEST);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(EmulatorClient.json(refused.body()).get("code").asText()).isEqualTo("limitation_exception");
        assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void an_answer_armed_for_one_order_hits_that_order_only_and_only_as_often_as_armed() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none());
        String token = emulator.token();
        long scripted = client.reserve(token);
        long other = client.reserve(token);
        emulator.faults().armOrderAnswer(scripted, Endpoint.ORDER_DETAILS, FaultAnswer.ORDER_ACCESS, 2);

        HttpResponse<String> otherOrder = client.details(token, other);
        HttpResponse<String> first = client.details(token, scripted);
        HttpResponse<String> second = client.details(token, scripted);
        HttpResponse<String> third = client.details(token, scripted);

        assertThat(otherOrder.statusCode()).isEqualTo(200);
        assertThat(first.statusCode()).isEqualTo(403);
        assertThat(EmulatorClient.json(first.body()).get("code").asText()).isEqualTo("order_access");
        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(emulator.journal().faults(FaultKind.ORDER_ACCESS, Endpoint.ORDER_DETAILS)).isEqualTo(2);
    }

    @Test
    void an_answer_armed_for_one_order_refuses_its_upload_and_the_part_is_journaled_as_refused() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none());
        String token = emulator.token();
        long orderId = client.reserve(token);
        emulator.faults().armOrderAnswer(orderId, Endpoint.PUSH_CHUNKED, FaultAnswer.BAD_REQUEST, 1);
        byte[] zip = Application.forOrder(orderId).zip();

        HttpResponse<String> refused = client.pushWhole(token, orderId, zip);
        HttpResponse<String> accepted = client.pushWhole(token, orderId, zip);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(EmulatorClient.json(refused.body()).get("code").asText()).isEqualTo("bad_request");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(emulator.journal().order(orderId).orElseThrow().parts())
                .extracting(EmulatorJournal.Part::status).containsExactly(400, 200);
    }

    @Test
    void an_answer_armed_for_one_order_refuses_its_download() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none());
        String token = emulator.token();
        long orderId = client.reserve(token);
        client.pushWhole(token, orderId, Application.forOrder(orderId).zip());
        long objectId = client.order(token, orderId).get("currentStatusHistoryId").asLong();
        emulator.faults().armOrderAnswer(orderId, Endpoint.DOWNLOAD, FaultAnswer.SERVICE_UNAVAILABLE, 1);
        String download = "api/gusmev/files/download/" + objectId + "/3?mnemonic=piev_epgu.zip&eserviceCode=60010153";

        HttpResponse<byte[]> refused = client.download(download, token);
        HttpResponse<byte[]> served = client.download(download, token);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(served.statusCode()).isEqualTo(200);
    }

    @Test
    void rules_of_an_endpoint_and_of_epgu_both_apply_and_the_journal_serves_the_counts() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none().withErrors(RESERVE, 1.0, FaultAnswer.BAD_GATEWAY)
                .withErrors(FaultTarget.EPGU, 1.0, FaultAnswer.GATEWAY_TIMEOUT));
        String token = emulator.token();

        HttpResponse<String> reserve = client.reserveRequest(token, EmulatorClient.ORDER_REQUEST);
        HttpResponse<String> status = client.get(STATUS_QUERY, token);
        HttpResponse<String> journal = client.get("emulator/journal", null);

        assertThat(reserve.statusCode()).isEqualTo(502);
        assertThat(status.statusCode()).isEqualTo(504);
        assertThat(journal.statusCode()).isEqualTo(200);
        JsonNode json = EmulatorClient.json(journal.body());
        assertThat(json.get("faults").get("502").asInt()).isEqualTo(1);
        assertThat(json.get("faults").get("504").asInt()).isEqualTo(1);
        assertThat(json.get("faultsByEndpoint").get("ORDER_CREATE").get("502").asInt()).isEqualTo(1);
        assertThat(json.get("faultsByEndpoint").get("ORDERS_STATUS").get("504").asInt()).isEqualTo(1);
        assertThat(json.get("requests").get("ORDER_CREATE").get("502").asInt()).isEqualTo(1);
    }

    @Test
    void the_journal_cannot_be_faulted_and_order_answers_only_at_endpoints_that_know_the_order() throws Exception {
        emulator.start(FaultPlan.none());
        EmulatorFaults faults = emulator.faults();

        assertThatThrownBy(() -> faults.armReset(Endpoint.JOURNAL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.armOrderAnswer(1, Endpoint.ORDERS_STATUS, FaultAnswer.ORDER_ACCESS, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ORDERS_STATUS");
        assertThatThrownBy(() -> faults.armBurst(Endpoint.ORDER_CREATE, FaultAnswer.BAD_REQUEST, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_esia_token_service_is_not_part_of_epgu() throws Exception {
        emulator.start(FaultPlan.none().withErrors(FaultTarget.EPGU, 1.0, FaultAnswer.INTERNAL_ERROR));

        String another = emulator.tokenFor(TestOrganisation.OTHER_EMPLOYEE_KEY);

        assertThat(another).isNotBlank();
        assertThat(emulator.journal().faults(FaultKind.INTERNAL_ERROR)).isZero();
    }
}
