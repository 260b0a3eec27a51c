package org.epgugateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.epgugateway.store.DropRecord;
import org.epgugateway.store.DropState;
import org.junit.jupiter.api.Test;

/**
 * {@code status.json} as back-office systems read it: the fields of the folder contract, and the wait of a drop
 * between two attempts.
 */
class StatusDocumentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime RECEIVED = OffsetDateTime.parse("2026-12-04T16:24:28Z");
    private static final OffsetDateTime NEXT_ATTEMPT = OffsetDateTime.parse("2026-12-04T16:25:10Z");
    private static final List<String> CONTRACT_FIELDS = List.of("drop", "folder", "state", "orderId", "statusId",
            "statusTitle", "history", "receivedAt", "updatedAt", "files", "error", "duplicateOf");

    private final StatusDocuments documents = new StatusDocuments(ZoneId.of("Europe/Moscow"));

    @Test
    void a_drop_waiting_for_its_next_attempt_says_why_when_and_how_many_attempts_failed() throws Exception {
        DropRecord waiting = drop(DropState.VALIDATED, "submit", "HTTP_503", "reserve order failed: HTTP 503", 2,
                NEXT_ATTEMPT, null);

        JsonNode status = JSON.readTree(documents.status(waiting, null));

        assertThat(status.path("state").asText()).isEqualTo("VALIDATED");
        assertThat(status.path("error").isNull()).as("error stays for dead-lettered drops").isTrue();
        JsonNode retry = status.path("retry");
        assertThat(retry.path("stage").asText()).isEqualTo("submit");
        assertThat(retry.path("code").asText()).isEqualTo("HTTP_503");
        assertThat(retry.path("message").asText()).isEqualTo("reserve order failed: HTTP 503");
        assertThat(retry.path("attempts").asInt()).isEqualTo(2);
        assertThat(retry.path("nextAttemptAt").asText()).isEqualTo("2026-12-04T19:25:10+03:00");
    }

    @Test
    void a_drop_waiting_for_refused_credentials_shows_the_refusal_without_a_used_attempt() throws Exception {
        DropRecord waiting = drop(DropState.UPLOADING, "submit", "ESIA-037218",
                "ESIA refuses the gateway's credentials (HTTP 404, ESIA-037218): check esia.api-key", 0, NEXT_ATTEMPT,
                null);

        JsonNode retry = JSON.readTree(documents.status(waiting, null)).path("retry");

        assertThat(retry.path("code").asText()).isEqualTo("ESIA-037218");
        assertThat(retry.path("message").asText()).contains("esia.api-key");
        assertThat(retry.path("attempts").asInt()).isZero();
    }

    @Test
    void a_submitted_drop_whose_poll_failed_shows_the_failure_and_the_next_tick() throws Exception {
        DropRecord waiting = drop(DropState.SUBMITTED, "poll", "order_access",
                "details of order 2540146347 failed: HTTP 403 order_access", 3, NEXT_ATTEMPT, null);

        JsonNode status = JSON.readTree(documents.status(waiting, null));

        assertThat(status.path("state").asText()).isEqualTo("SUBMITTED");
        assertThat(status.path("error").isNull()).isTrue();
        JsonNode retry = status.path("retry");
        assertThat(retry.path("stage").asText()).isEqualTo("poll");
        assertThat(retry.path("code").asText()).isEqualTo("order_access");
        assertThat(retry.path("attempts").asInt()).isEqualTo(3);
        assertThat(retry.path("nextAttemptAt").asText()).isEqualTo("2026-12-04T19:25:10+03:00");
    }

    @Test
    void the_contract_fields_keep_their_names_and_order_and_retry_is_absent_when_nothing_waits() throws Exception {
        DropRecord fresh = drop(DropState.RECEIVED, null, null, null, 0, null, null);
        DropRecord movedOn = drop(DropState.SUBMITTED, "submit", "HTTP_503", "an earlier failure", 0, null, null);
        DropRecord failed = drop(DropState.FAILED, "submit", "bad_request", "refused", 1, NEXT_ATTEMPT,
                "fails.xml");

        for (DropRecord drop : List.of(fresh, movedOn, failed)) {
            JsonNode status = JSON.readTree(documents.status(drop, null));

            assertThat(fieldNames(status)).as(drop.state().name()).containsExactlyElementsOf(CONTRACT_FIELDS);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static DropRecord drop(DropState state, String stage, String code, String message, int attempts,
            OffsetDateTime nextAttemptAt, String deadLetter) {
        return new DropRecord(7, "proceedings-found.xml", "proceedings-found", "7.xml", "0".repeat(64), 1200,
                "60010153", null, state, null, null, null, 0, null, null, null, null, null, stage, code, message,
                deadLetter, attempts, nextAttemptAt, null, RECEIVED, RECEIVED, null);
    }
}
