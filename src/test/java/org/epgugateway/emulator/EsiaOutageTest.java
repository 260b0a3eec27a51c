package org.epgugateway.emulator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ESIA outages: planned windows counted from the emulator's start, and outages a test starts and ends.
 */
class EsiaOutageTest {

    private static final MutableClock clock = MutableClock.startingNow();

    @RegisterExtension
    static final TestEmulator emulator = TestEmulator.on(clock);

    private static String signature;

    @BeforeAll
    static void sign() throws Exception {
        signature = Base64.getUrlEncoder().withoutPadding().encodeToString(
                emulator.organisation().signer().signDetached(TestOrganisation.EMPLOYEE_KEY.toString()));
    }

    private HttpResponse<String> askForToken() throws Exception {
        return emulator.client().tokenRequest(TestOrganisation.EMPLOYEE_KEY.toString(), signature);
    }

    @Test
    void a_planned_outage_window_is_on_only_within_the_window() throws Exception {
        emulator.start(FaultPlan.none().withEsiaOutage(Duration.ofMinutes(1), Duration.ofSeconds(60)));

        HttpResponse<String> before = askForToken();
        clock.advance(Duration.ofSeconds(61));
        HttpResponse<String> during = askForToken();
        boolean downDuring = emulator.faults().esiaDown();
        clock.advance(Duration.ofSeconds(60));
        HttpResponse<String> after = askForToken();

        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(downDuring).isTrue();
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(emulator.faults().esiaDown()).isFalse();
        assertThat(emulator.journal().faults(FaultKind.ESIA_OUTAGE, Endpoint.ESIA_TOKEN)).isEqualTo(1);
    }

    @Test
    void an_outage_a_test_starts_lasts_until_the_test_ends_it() throws Exception {
        emulator.start(FaultPlan.none());

        emulator.faults().startEsiaOutage();
        HttpResponse<String> during = askForToken();
        clock.advance(Duration.ofHours(1));
        HttpResponse<String> stillDuring = askForToken();
        emulator.faults().endEsiaOutage();
        HttpResponse<String> after = askForToken();

        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(stillDuring.statusCode()).isEqualTo(503);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(emulator.journal().faults(FaultKind.ESIA_OUTAGE)).isEqualTo(2);
    }

    @Test
    void an_outage_in_reset_mode_drops_the_connection_without_an_answer() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none().withEsiaOutage(Duration.ZERO, Duration.ofMinutes(1))
                .withEsiaOutageMode(OutageMode.RESET));
        EmulatorClient fresh = client.withTimeout(Duration.ofSeconds(10));

        assertThatThrownBy(() -> fresh.tokenRequest(TestOrganisation.EMPLOYEE_KEY.toString(), signature))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);

        assertThat(emulator.journal().faults(FaultKind.ESIA_OUTAGE)).isPositive();
        assertThat(emulator.journal().unanswered(Endpoint.ESIA_TOKEN)).isPositive();
    }

    @Test
    void epgu_keeps_serving_a_token_issued_before_the_outage() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none());
        String token = emulator.token();

        emulator.faults().startEsiaOutage();
        HttpResponse<String> reserve = client.reserveRequest(token, EmulatorClient.ORDER_REQUEST);

        assertThat(reserve.statusCode()).isEqualTo(200);
    }
}
