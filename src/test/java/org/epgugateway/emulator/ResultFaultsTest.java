package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results that never arrive: the order reaches status 2 and stays there, without a result file.
 */
class ResultFaultsTest {

    private static final String SNILS = "00012312312";

    private static final MutableClock clock = MutableClock.startingNow();

    @RegisterExtension
    static final TestEmulator emulator = TestEmulator.on(clock);

    @Test
    void a_withheld_result_leaves_the_order_in_status_2_however_long_one_waits() throws Exception {
        EmulatorClient client = emulator.start(settings -> settings.withStepDelay(Duration.ofSeconds(1)));
        String token = emulator.token();
        long orderId = client.reserve(token);
        emulator.faults().withholdResult(orderId);
        client.pushWhole(token, orderId, Application.forOrder(orderId).zip());

        clock.advance(Duration.ofHours(2));
        JsonNode order = client.order(token, orderId);

        assertStuckInStatus2(order);
        assertThat(emulator.journal().faults(FaultKind.RESULT_WITHHELD)).isEqualTo(1);
    }

    @Test
    void the_no_answer_outcome_withholds_the_result_of_an_applicant() throws Exception {
        EmulatorClient client = emulator.start(settings -> settings.withOutcome(SNILS, Outcome.NO_ANSWER));
        String token = emulator.token();
        long orderId = client.reserve(token);

        client.pushWhole(token, orderId, Application.forOrder(orderId).snils(SNILS).zip());

        assertStuckInStatus2(client.order(token, orderId));
    }

    @Test
    void a_withheld_rate_of_1_withholds_every_result() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none().withWithheldResults(1.0));
        String token = emulator.token();
        long orderId = client.reserve(token);

        client.pushWhole(token, orderId, Application.forOrder(orderId).zip());

        assertStuckInStatus2(client.order(token, orderId));
    }

    @Test
    void without_faults_the_same_order_ends_in_status_3_with_a_result() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long orderId = client.reserve(token);

        client.pushWhole(token, orderId, Application.forOrder(orderId).zip());
        JsonNode order = client.order(token, orderId);

        assertThat(order.get("orderStatusId").asInt()).isEqualTo(3);
        assertThat(order.get("hasResult").asBoolean()).isTrue();
        assertThat(emulator.journal().faults()).isEmpty();
    }

    private static void assertStuckInStatus2(JsonNode order) {
        assertThat(order.get("statuses").findValuesAsText("statusId")).containsExactly("0", "17", "21", "2");
        assertThat(order.get("orderStatusId").asInt()).isEqualTo(2);
        assertThat(order.get("closed").asBoolean()).isFalse();
        assertThat(order.get("hasResult").asBoolean()).isFalse();
        assertThat(order.get("orderResponseFiles").size()).isZero();
    }
}
