package org.epgugateway.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit of 20 orders per service per user within 10 minutes, off unless switched on.
 */
class UserLimitTest {

    private static final MutableClock clock = MutableClock.startingNow();

    @RegisterExtension
    static final TestEmulator emulator = TestEmulator.on(clock);

    @Test
    void without_the_limit_a_user_may_reserve_more_than_20_orders() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        reserveTwenty();

        HttpResponse<String> twentyFirst = client.reserveRequest(token, EmulatorClient.ORDER_REQUEST);

        assertThat(twentyFirst.statusCode()).isEqualTo(200);
    }

    @Test
    void with_the_limit_the_21st_order_within_10_minutes_is_refused_for_that_user_only() throws Exception {
        EmulatorClient client = emulator.start(settings -> settings.withUserLimit(true));
        String token = emulator.token();
        reserveTwenty();
        String otherEmployee = emulator.tokenFor(TestOrganisation.OTHER_EMPLOYEE_KEY);

        HttpResponse<String> twentyFirst = client.reserveRequest(token, EmulatorClient.ORDER_REQUEST);
        HttpResponse<String> otherUser = client.reserveRequest(otherEmployee, EmulatorClient.ORDER_REQUEST);

        assertThat(twentyFirst.statusCode()).isEqualTo(429);
        assertThat(EmulatorClient.json(twentyFirst.body()).get("code").asText()).isEqualTo("limitation_exception");
        assertThat(otherUser.statusCode()).isEqualTo(200);
    }

    @Test
    void with_the_limit_orders_are_possible_again_after_10_minutes() throws Exception {
        EmulatorClient client = emulator.start(settings -> settings.withUserLimit(true));
        String token = emulator.token();
        reserveTwenty();
        clock.advance(Duration.ofMinutes(10));

        HttpResponse<String> later = client.reserveRequest(token, EmulatorClient.ORDER_REQUEST);

        assertThat(later.statusCode()).isEqualTo(200);
    }

    private void reserveTwenty() throws Exception {
        for (int i = 0; i < 20; i++) {
            emulator.client().reserve(emulator.token());
            clock.advance(Duration.ofSeconds(1));
        }
    }
}
