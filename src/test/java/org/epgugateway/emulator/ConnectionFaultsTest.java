package org.epgugateway.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Faults of the connection: resets in the middle of an upload part, timeouts that outlast a client's patience,
 * and latency.
 */
class ConnectionFaultsTest {

    private static final int PART = 5_000_000;
    private static final String STATUS_QUERY = "api/gusmev/order/getOrdersStatus?orderIds=1";
    private static final FaultTarget UPLOAD = FaultTarget.of(Endpoint.PUSH_CHUNKED);
    private static final FaultTarget STATUS = FaultTarget.of(Endpoint.ORDERS_STATUS);
    private static final FaultTarget RESERVE = FaultTarget.of(Endpoint.ORDER_CREATE);

    @RegisterExtension
    static final TestEmulator emulator = new TestEmulator();

    @Test
    void an_armed_upload_reset_drops_the_connection_mid_part_and_the_part_is_not_received() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none());
        String token = emulator.token();
        long orderId = client.reserve(token);
        byte[] zip = Application.forOrder(orderId).padded(PART + 100_000).zip();
        byte[] first = Arrays.copyOfRange(zip, 0, PART);
        byte[] last = Arrays.copyOfRange(zip, PART, zip.length);
        emulator.faults().armUploadReset();

        assertThatThrownBy(() -> client.withTimeout(Duration.ofSeconds(10)).pushPart(token, orderId, 0, 2, first))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);

        assertThat(emulator.journal().order(orderId).orElseThrow().parts()).isEmpty();
        assertThat(emulator.journal().unanswered(Endpoint.PUSH_CHUNKED)).isEqualTo(1);
        assertThat(emulator.journal().faults(FaultKind.RESET, Endpoint.PUSH_CHUNKED)).isEqualTo(1);
        assertThat(client.pushPart(token, orderId, 0, 2, first).statusCode()).isEqualTo(206);
        assertThat(client.pushPart(token, orderId, 1, 2, last).statusCode()).isEqualTo(200);
        assertThat(emulator.journal().order(orderId).orElseThrow().parts())
                .extracting(EmulatorJournal.Part::status).containsExactly(206, 200);
        assertThat(emulator.journal().order(orderId).orElseThrow().finalCode()).isEqualTo("DONE");
    }

    @Test
    void planned_resets_hit_exactly_the_listed_upload_requests() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none().withResetsAt(UPLOAD, 2));
        String token = emulator.token();
        long first = client.reserve(token);
        long second = client.reserve(token);
        long third = client.reserve(token);

        HttpResponse<String> firstUpload = client.pushWhole(token, first, Application.forOrder(first).zip());
        assertThatThrownBy(() -> client.withTimeout(Duration.ofSeconds(10))
                .pushWhole(token, second, Application.forOrder(second).zip()))
                .isInstanceOf(IOException.class);
        HttpResponse<String> thirdUpload = client.pushWhole(token, third, Application.forOrder(third).zip());

        assertThat(firstUpload.statusCode()).isEqualTo(200);
        assertThat(thirdUpload.statusCode()).isEqualTo(200);
        assertThat(emulator.journal().order(second).orElseThrow().parts()).isEmpty();
        assertThat(emulator.journal().faults(FaultKind.RESET)).isEqualTo(1);
    }

    @Test
    void a_timeout_holds_the_request_longer_than_the_client_waits_and_the_next_request_is_answered()
            throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none().withTimeoutsAt(STATUS, 1)
                .withTimeoutHold(STATUS, Duration.ofSeconds(5), TimeoutMode.REQUEST_LOST));
        String token = emulator.token();
        EmulatorClient impatient = client.withTimeout(Duration.ofMillis(500));

        assertThatThrownBy(() -> impatient.get(STATUS_QUERY, token)).isInstanceOf(HttpTimeoutException.class);
        HttpResponse<String> next = impatient.get(STATUS_QUERY, token);

        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(emulator.journal().faults(FaultKind.TIMEOUT, Endpoint.ORDERS_STATUS)).isEqualTo(1);
        assertThat(emulator.journal().unanswered(Endpoint.ORDERS_STATUS)).isEqualTo(1);
        assertThat(emulator.journal().requests(Endpoint.ORDERS_STATUS)).isEqualTo(2);
    }

    @Test
    void a_timeout_that_loses_the_request_leaves_no_order_behind() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none().withTimeoutsAt(RESERVE, 1)
                .withTimeoutHold(RESERVE, Duration.ofSeconds(5), TimeoutMode.REQUEST_LOST));
        String token = emulator.token();

        assertThatThrownBy(() -> client.withTimeout(Duration.ofMillis(500))
                .reserveRequest(token, EmulatorClient.ORDER_REQUEST))
                .isInstanceOf(HttpTimeoutException.class);

        assertThat(emulator.journal().orders()).isEmpty();
    }

    @Test
    void a_timeout_that_loses_the_answer_still_reserves_the_order() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none().withTimeoutsAt(RESERVE, 1)
                .withTimeoutHold(RESERVE, Duration.ofSeconds(5), TimeoutMode.ANSWER_LOST));
        String token = emulator.token();

        assertThatThrownBy(() -> client.withTimeout(Duration.ofMillis(500))
                .reserveRequest(token, EmulatorClient.ORDER_REQUEST))
                .isInstanceOf(HttpTimeoutException.class);

        assertThat(emulator.journal().orders()).hasSize(1);
    }

    @Test
    void a_request_held_forever_is_dropped_when_the_emulator_stops() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none());
        String token = emulator.token();
        emulator.faults().armTimeout(Endpoint.ORDERS_STATUS, FaultPlan.HOLD_FOREVER, TimeoutMode.REQUEST_LOST);
        CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(() -> {
            try {
                return client.get(STATUS_QUERY, token);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5))
                .until(() -> emulator.journal().unanswered(Endpoint.ORDERS_STATUS) == 1);

        emulator.close();

        assertThatThrownBy(() -> held.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(IOException.class);
    }

    @Test
    void fixed_latency_delays_the_answers_of_its_target_only() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none().withLatency(STATUS, Duration.ofMillis(400)));
        String token = emulator.token();

        long started = System.nanoTime();
        HttpResponse<String> delayed = client.get(STATUS_QUERY, token);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(delayed.statusCode()).isEqualTo(200);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(emulator.journal().faults(FaultKind.LATENCY, Endpoint.ORDERS_STATUS)).isEqualTo(1);
        assertThat(emulator.journal().faults(FaultKind.LATENCY)).isEqualTo(1);
    }

    @Test
    void latency_also_delays_an_injected_error() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none()
                .withLatency(STATUS, Duration.ofMillis(100), Duration.ofMillis(300))
                .withErrors(STATUS, 1.0, FaultAnswer.BAD_GATEWAY));
        String token = emulator.token();

        long started = System.nanoTime();
        HttpResponse<String> delayed = client.get(STATUS_QUERY, token);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(delayed.statusCode()).isEqualTo(502);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }
}
