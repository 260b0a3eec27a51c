package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripted outcomes: the applicant's SNILS decides the final status and whether an answer is attached.
 */
class OutcomesTest {

    @RegisterExtension
    static final TestEmulator emulator = new TestEmulator();

    @ParameterizedTest(name = "SNILS {0} ends in status {1}")
    @CsvSource({
        "00011122200, 3, Услуга оказана, true",
        "00033344400, 3, Услуга оказана, true",
        "00055566600, 4, Отказано в предоставлении услуги, false",
        "00077788800, 5, Ошибка отправки заявления в ведомство, false",
        "00099988877, 3, Услуга оказана, true"
    })
    void the_built_in_script_decides_the_final_status(String snils, int status, String title, boolean hasResult)
            throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long orderId = client.reserve(token);

        client.pushWhole(token, orderId, Application.forOrder(orderId).snils(snils).zip());
        JsonNode order = client.order(token, orderId);

        assertThat(order.get("statuses").findValuesAsText("statusId"))
                .containsExactly("0", "17", "21", "2", Integer.toString(status));
        assertThat(order.get("orderStatusName").asText()).isEqualTo(title);
        assertThat(order.get("closed").asBoolean()).isTrue();
        assertThat(order.get("hasResult").asBoolean()).isEqualTo(hasResult);
        assertThat(order.get("orderResponseFiles").size()).isEqualTo(hasResult ? 1 : 0);
    }

    @Test
    void a_scripted_smev_error_ends_in_status_22() throws Exception {
        EmulatorClient client = emulator.start(settings -> settings.withOutcome("00012312312", Outcome.SMEV_ERROR));
        String token = emulator.token();
        long orderId = client.reserve(token);

        client.pushWhole(token, orderId, Application.forOrder(orderId).snils("00012312312").zip());

        assertThat(client.order(token, orderId).get("orderStatusId").asInt()).isEqualTo(22);
    }

    @Test
    void the_default_outcome_applies_to_unscripted_applicants() throws Exception {
        EmulatorClient client = emulator.start(settings -> settings.withDefaultOutcome(Outcome.REFUSED));
        String token = emulator.token();
        long orderId = client.reserve(token);

        client.pushWhole(token, orderId, Application.forOrder(orderId).snils("00012312312").zip());

        assertThat(client.order(token, orderId).get("orderStatusId").asInt()).isEqualTo(4);
    }

    @Test
    void no_proceedings_are_answered_with_a_notice_of_absence() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long orderId = client.reserve(token);
        client.pushWhole(token, orderId, Application.forOrder(orderId).snils(Application.NONE_SNILS).zip());
        long objectId = client.order(token, orderId).get("currentStatusHistoryId").asLong();

        byte[] zip = client.download("api/gusmev/files/download/" + objectId
                + "/3?mnemonic=piev_epgu.zip&eserviceCode=60010153", token).body();

        String answer = answerText(zip);
        assertThat(answer).contains("<DocType>O_IPSIDE_OSP_NOEXISTS_INT</DocType>")
                .contains("<QueryKey>" + orderId + "</QueryKey>")
                .doesNotContain("AdvancedIPInformation");
    }

    private static String answerText(byte[] zip) throws Exception {
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            assertThat(entries.getNextEntry().getName()).isEqualTo("answer.xml");
            return new String(entries.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
