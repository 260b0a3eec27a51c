package org.epgugateway.epgu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

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
}
