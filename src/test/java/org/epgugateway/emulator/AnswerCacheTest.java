package org.epgugateway.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EPGU's one-day answer cache of service 60010153, off unless switched on: a second successful application of the
 * same user and side gets the first answer.
 */
class AnswerCacheTest {

    private static final MutableClock clock = MutableClock.startingNow();

    @RegisterExtension
    static final TestEmulator emulator = TestEmulator.on(clock)
            // the token must outlive the day the tests jump over
            .tunedBy(settings -> settings.withTokenTtl(Duration.ofHours(48)));

    @Test
    void with_the_cache_a_second_application_of_the_same_side_gets_the_first_answer() throws Exception {
        emulator.start(settings -> settings.withAnswerCache(true));
        byte[] first = served(Application.FOUND_SNILS, "2");
        clock.advance(Duration.ofHours(23));

        byte[] second = served(Application.NONE_SNILS, "2");

        assertThat(second).isEqualTo(first);
    }

    @Test
    void with_the_cache_the_other_side_gets_its_own_answer() throws Exception {
        emulator.start(settings -> settings.withAnswerCache(true));
        byte[] debtor = served(Application.FOUND_SNILS, "2");

        byte[] claimant = served(Application.FOUND_SNILS, "1");

        assertThat(claimant).isNotEqualTo(debtor);
    }

    @Test
    void with_the_cache_the_first_answer_is_forgotten_after_24_hours() throws Exception {
        emulator.start(settings -> settings.withAnswerCache(true));
        byte[] first = served(Application.FOUND_SNILS, "2");
        clock.advance(Duration.ofHours(25));

        byte[] later = served(Application.FOUND_SNILS, "2");

        assertThat(later).isNotEqualTo(first);
    }

    @Test
    void without_the_cache_every_application_gets_its_own_answer() throws Exception {
        emulator.start();
        byte[] first = served(Application.FOUND_SNILS, "2");

        byte[] second = served(Application.NONE_SNILS, "2");

        assertThat(second).isNotEqualTo(first);
    }

    /** Applies, and answers the downloaded result of the served order. */
    private byte[] served(String snils, String side) throws Exception {
        EmulatorClient client = emulator.client();
        String token = emulator.token();
        long orderId = client.reserve(token);
        client.pushWhole(token, orderId, Application.forOrder(orderId).snils(snils).complainerType(side).zip());
        long objectId = client.order(token, orderId).get("currentStatusHistoryId").asLong();
        byte[] zip = client.download("api/gusmev/files/download/" + objectId
                + "/3?mnemonic=piev_epgu.zip&eserviceCode=60010153", token).body();
        assertThat(zip).isNotEmpty();
        return zip;
    }
}
