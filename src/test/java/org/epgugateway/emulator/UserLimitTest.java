package org.epgugateway.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit of 20 orders per service per user within 10 minutes, off unless switched on.
 */
class UserLimitTest {

    @TempDir
    static Path pkiFolder;

    private static TestOrganisation organisation;

    private final MutableClock clock = MutableClock.startingNow();
    private EmulatorServer emulator;
    private EmulatorClient client;
    private String token;

    @BeforeAll
    static void createPki() throws Exception {
        organisation = TestOrganisation.create(pkiFolder);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private void start(EmulatorSettings settings) throws Exception {
        emulator = EmulatorServer.start(settings.withClock(clock));
        client = new EmulatorClient(emulator.baseUrl());
        token = client.token(TestOrganisation.EMPLOYEE_KEY, organisation.signer());
    }

    @Test
    void without_the_limit_a_user_may_reserve_more_than_20_orders() throws Exception {
        start(organisation.settings());
        reserveTwenty();

        HttpResponse<String> twentyFirst = client.reserveRequest(token, EmulatorClient.ORDER_REQUEST);

        assertThat(twentyFirst.statusCode()).isEqualTo(200);
    }

    @Test
    void with_the_limit_the_21st_order_within_10_minutes_is_refused_for_that_user_only() throws Exception {
        start(organisation.settings().withUserLimit(true));
        reserveTwenty();
        String otherEmployee = client.token(TestOrganisation.OTHER_EMPLOYEE_KEY, organisation.signer());

        HttpResponse<String> twentyFirst = client.reserveRequest(token, EmulatorClient.ORDER_REQUEST);
        HttpResponse<String> otherUser = client.reserveRequest(otherEmployee, EmulatorClient.ORDER_REQUEST);

        assertThat(twentyFirst.statusCode()).isEqualTo(429);
        assertThat(EmulatorClient.json(twentyFirst.body()).get("code").asText()).isEqualTo("limitation_exception");
        assertThat(otherUser.statusCode()).isEqualTo(200);
    }

    @Test
    void with_the_limit_orders_are_possible_again_after_10_minutes() throws Exception {
        start(organisation.settings().withUserLimit(true));
        reserveTwenty();
        clock.advance(Duration.ofMinutes(10));

        HttpResponse<String> later = client.reserveRequest(token, EmulatorClient.ORDER_REQUEST);

        assertThat(later.statusCode()).isEqualTo(200);
    }

    private void reserveTwenty() throws Exception {
        for (int i = 0; i < 20; i++) {
            client.reserve(token);
            clock.advance(Duration.ofSeconds(1));
        }
    }
}
