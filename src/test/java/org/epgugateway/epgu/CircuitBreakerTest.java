package org.epgugateway.epgu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.epgugateway.testsupport.LogCapture;
import org.epgugateway.testsupport.MovableClock;
import org.junit.jupiter.api.Test;

/**
 * A failing service is left alone for a while, then tried once.
 */
class CircuitBreakerTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-04T09:00:00Z"));
    private final CircuitBreaker circuit = new CircuitBreaker("EPGU", 3, Duration.ofSeconds(30), clock);

    @Test
    void failures_in_a_row_pause_calls_and_say_for_how_long() {
        circuit.onFailure();
        circuit.onFailure();
        circuit.onFailure();

        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(circuit::beforeCall)
                .isInstanceOfSatisfying(EpguTransientException.class, e -> {
                    assertThat(e.code()).isEqualTo("CIRCUIT_OPEN");
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
                });
    }

    @Test
    void a_success_between_failures_keeps_the_circuit_closed() {
        circuit.onFailure();
        circuit.onFailure();
        circuit.onSuccess();
        circuit.onFailure();

        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void after_the_pause_one_trial_call_decides() {
        circuit.onFailure();
        circuit.onFailure();
        circuit.onFailure();
        clock.advance(Duration.ofSeconds(31));

        circuit.beforeCall();

        assertThatThrownBy(circuit::beforeCall).as("a second call while the trial runs")
                .isInstanceOf(EpguTransientException.class);
        circuit.onSuccess();
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void a_failed_trial_opens_the_circuit_again() {
        circuit.onFailure();
        circuit.onFailure();
        circuit.onFailure();
        clock.advance(Duration.ofSeconds(31));
        circuit.beforeCall();

        circuit.onFailure();

        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(circuit.openUntil()).isEqualTo(clock.instant().plusSeconds(30));
    }

    @Test
    void a_refusal_of_the_credentials_pauses_calls_at_once_with_its_code_and_reason() {
        CircuitBreaker.Refusal unknownKey = new CircuitBreaker.Refusal("ESIA-037218",
                "ESIA refuses the gateway's credentials: check esia.api-key");

        CircuitOpenException refused = circuit.onRefusal(unknownKey);

        assertThat(refused.code()).isEqualTo("ESIA-037218");
        assertThat(refused.getMessage()).contains("check esia.api-key").contains("paused until");
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(circuit::beforeCall)
                .isInstanceOfSatisfying(CircuitOpenException.class, e -> {
                    assertThat(e.code()).isEqualTo("ESIA-037218");
                    assertThat(e.getMessage()).contains("check esia.api-key");
                });
    }

    @Test
    void a_refusal_holds_after_the_open_time_until_a_trial_call_is_answered_without_one() {
        circuit.onRefusal(new CircuitBreaker.Refusal("ESIA-037214", "the API key is blocked"));
        clock.advance(Duration.ofSeconds(31));

        circuit.beforeCall();

        assertThat(circuit.refusal()).as("while the trial runs").map(CircuitBreaker.Refusal::code)
                .contains("ESIA-037214");
        circuit.onSuccess();
        assertThat(circuit.refusal()).isEmpty();
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void a_refused_trial_pauses_calls_again_for_the_open_time() {
        CircuitBreaker.Refusal blocked = new CircuitBreaker.Refusal("ESIA-037214", "the API key is blocked");
        circuit.onRefusal(blocked);
        clock.advance(Duration.ofSeconds(31));
        circuit.beforeCall();

        circuit.onRefusal(blocked);

        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(circuit.openUntil()).isEqualTo(clock.instant().plusSeconds(30));
        assertThatThrownBy(circuit::beforeCall).isInstanceOf(CircuitOpenException.class);
    }

    @Test
    void a_refusal_is_logged_when_it_begins_and_ends_not_at_every_refused_call() {
        CircuitBreaker.Refusal unknownKey = new CircuitBreaker.Refusal("ESIA-037218",
                "ESIA refuses the gateway's credentials (HTTP 404, ESIA-037218): check esia.api-key");
        try (LogCapture logs = LogCapture.start()) {
            circuit.onRefusal(unknownKey);
            for (int trial = 0; trial < 3; trial++) {
                clock.advance(Duration.ofSeconds(31));
                circuit.beforeCall();
                circuit.onRefusal(unknownKey);
            }
            clock.advance(Duration.ofSeconds(31));
            circuit.beforeCall();
            circuit.onSuccess();

            List<String> lines = logs.lines().stream().filter(line -> line.contains("CircuitBreaker")
                    && !line.startsWith("DEBUG") && !line.startsWith("TRACE")).toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).startsWith("ERROR").contains("check esia.api-key")
                    .contains("Drops wait without using up their attempts").contains("every 30 s");
            assertThat(lines.get(1)).startsWith("INFO").contains("accepts the gateway's credentials again");
        }
    }
}
