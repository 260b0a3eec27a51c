package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads in several parts: the chunk rules of the contract (sizes, order, window, numbering) and who may upload.
 */
class ChunkedUploadTest {

    private static final int PART = 5_000_000;

    private static final MutableClock clock = MutableClock.startingNow();

    @RegisterExtension
    static final TestEmulator emulator = TestEmulator.on(clock);

    @Test
    void three_parts_are_answered_206_206_200_and_the_order_is_sent() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long orderId = client.reserve(token);
        List<byte[]> parts = split(Application.forOrder(orderId).padded(2 * PART + 100_000).zip(), PART, PART);

        HttpResponse<String> first = client.pushPart(token, orderId, 0, 3, parts.get(0));
        HttpResponse<String> middle = client.pushPart(token, orderId, 1, 3, parts.get(1));
        HttpResponse<String> last = client.pushPart(token, orderId, 2, 3, parts.get(2));

        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(last.statusCode()).isEqualTo(200);
        for (HttpResponse<String> response : List.of(first, middle, last)) {
            assertThat(EmulatorClient.json(response.body()).get("orderId").asLong()).isEqualTo(orderId);
        }
        JsonNode envelope = EmulatorClient.json(client.details(token, orderId).body());
        assertThat(envelope.get("code").asText()).isEqualTo("DONE");
        assertThat(emulator.journal().order(orderId).orElseThrow().parts())
                .extracting(EmulatorJournal.Part::status).containsExactly(206, 206, 200);
    }

    @Test
    void middle_parts_may_come_in_any_order_and_a_repeated_part_replaces_the_earlier_copy() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long orderId = client.reserve(token);
        List<byte[]> parts = split(Application.forOrder(orderId).padded(3 * PART + 100_000).zip(), PART, PART,
                PART);
        byte[] damaged = parts.get(1).clone();
        damaged[100] ^= 0x7f;

        client.pushPart(token, orderId, 0, 4, parts.get(0));
        client.pushPart(token, orderId, 2, 4, parts.get(2));
        client.pushPart(token, orderId, 1, 4, damaged);
        HttpResponse<String> repeated = client.pushPart(token, orderId, 1, 4, parts.get(1));
        HttpResponse<String> last = client.pushPart(token, orderId, 3, 4, parts.get(3));

        assertThat(repeated.statusCode()).isEqualTo(206);
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(EmulatorClient.json(client.details(token, orderId).body()).get("code").asText())
                .isEqualTo("DONE");
    }

    @Test
    void a_part_other_than_the_last_below_5_000_000_bytes_is_refused() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long orderId = client.reserve(token);
        byte[] zip = Application.forOrder(orderId).padded(PART + 100_000).zip();
        List<byte[]> parts = split(zip, PART - 1);

        HttpResponse<String> tooSmall = client.pushPart(token, orderId, 0, 2, parts.get(0));

        assertBadRequest(tooSmall, "at least 5000000 bytes");
        assertThat(emulator.journal().order(orderId).orElseThrow().parts()).singleElement()
                .satisfies(part -> assertThat(part.status()).isEqualTo(400));
    }

    @Test
    void the_last_part_before_the_others_is_refused() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long orderId = client.reserve(token);
        List<byte[]> parts = split(Application.forOrder(orderId).padded(2 * PART + 100_000).zip(), PART, PART);
        client.pushPart(token, orderId, 0, 3, parts.get(0));

        HttpResponse<String> early = client.pushPart(token, orderId, 2, 3, parts.get(2));

        assertBadRequest(early, "last part must come last");
    }

    @Test
    void a_series_that_does_not_start_with_the_first_part_is_refused() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long orderId = client.reserve(token);
        List<byte[]> parts = split(Application.forOrder(orderId).padded(2 * PART + 100_000).zip(), PART, PART);

        HttpResponse<String> middleFirst = client.pushPart(token, orderId, 2, 3, parts.get(2));

        assertBadRequest(middleFirst, "must come first");
    }

    @Test
    void parts_after_the_window_are_refused_and_the_partial_upload_is_discarded() throws Exception {
        EmulatorClient client = emulator.start(settings -> settings.withChunkWindow(Duration.ofMinutes(1)));
        String token = emulator.token();
        long orderId = client.reserve(token);
        List<byte[]> parts = split(Application.forOrder(orderId).padded(2 * PART + 100_000).zip(), PART, PART);
        client.pushPart(token, orderId, 0, 3, parts.get(0));
        clock.advance(Duration.ofSeconds(61));

        HttpResponse<String> late = client.pushPart(token, orderId, 1, 3, parts.get(1));
        HttpResponse<String> restart = client.pushPart(token, orderId, 0, 3, parts.get(0));

        assertBadRequest(late, "chunk upload window expired");
        assertBadRequest(restart, "chunk upload window expired");
        assertThat(EmulatorClient.json(client.details(token, orderId).body()).get("code").isNull()).isTrue();
    }

    @Test
    void parts_within_the_window_are_accepted() throws Exception {
        EmulatorClient client = emulator.start(settings -> settings.withChunkWindow(Duration.ofMinutes(1)));
        String token = emulator.token();
        long orderId = client.reserve(token);
        List<byte[]> parts = split(Application.forOrder(orderId).padded(PART + 100_000).zip(), PART);
        client.pushPart(token, orderId, 0, 2, parts.get(0));
        clock.advance(Duration.ofSeconds(59));

        HttpResponse<String> last = client.pushPart(token, orderId, 1, 2, parts.get(1));

        assertThat(last.statusCode()).isEqualTo(200);
    }

    @Test
    void a_1_based_series_is_accepted_with_a_warning_in_the_journal() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long orderId = client.reserve(token);
        List<byte[]> parts = split(Application.forOrder(orderId).padded(PART + 100_000).zip(), PART);

        HttpResponse<String> first = client.pushPart(token, orderId, 1, 2, parts.get(0));
        HttpResponse<String> last = client.pushPart(token, orderId, 2, 2, parts.get(1));

        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(emulator.journal().order(orderId).orElseThrow().warnings()).singleElement()
                .asString().contains("1-based");
    }

    @Test
    void a_part_for_an_order_already_sent_is_refused() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long orderId = client.reserve(token);
        byte[] zip = Application.forOrder(orderId).zip();
        client.pushWhole(token, orderId, zip);

        HttpResponse<String> again = client.pushWhole(token, orderId, zip);

        assertBadRequest(again, "already sent");
    }

    @Test
    void an_upload_to_another_subjects_order_is_refused_with_order_access() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long orderId = client.reserve(token);
        String otherEmployee = emulator.tokenFor(TestOrganisation.OTHER_EMPLOYEE_KEY);

        HttpResponse<String> response = client.pushWhole(otherEmployee, orderId, Application.forOrder(orderId).zip());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(EmulatorClient.json(response.body()).get("code").asText()).isEqualTo("order_access");
    }

    @Test
    void meta_is_optional_but_must_name_the_service_when_sent() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long withoutMeta = client.reserve(token);
        long wrongMeta = client.reserve(token);

        HttpResponse<String> accepted = client.push(token, new MultipartBody()
                .field("orderId", Long.toString(withoutMeta))
                .file("file", "piev_epgu.zip", Application.forOrder(withoutMeta).zip()));
        HttpResponse<String> refused = client.push(token, new MultipartBody()
                .json("meta", "{\"region\":\"45000000000\",\"serviceCode\":\"10000000367\","
                        + "\"targetCode\":\"-10000000367\"}")
                .field("orderId", Long.toString(wrongMeta))
                .file("file", "piev_epgu.zip", Application.forOrder(wrongMeta).zip()));

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertBadRequest(refused, "meta");
    }

    @Test
    void an_upload_without_file_or_order_id_is_refused() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long orderId = client.reserve(token);

        HttpResponse<String> noFile = client.push(token, new MultipartBody().field("orderId", Long.toString(orderId)));
        HttpResponse<String> noOrder = client.push(token, new MultipartBody()
                .file("file", "piev_epgu.zip", Application.forOrder(orderId).zip()));

        assertBadRequest(noFile, "file");
        assertBadRequest(noOrder, "orderId");
    }

    private static void assertBadRequest(HttpResponse<String> response, String reason) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode error = EmulatorClient.json(response.body());
        assertThat(error.get("code").asText()).isEqualTo("bad_request");
        assertThat(error.get("message").asText()).contains(reason);
    }

    /** Splits bytes into parts of the given sizes and a last part with the rest. */
    private static List<byte[]> split(byte[] bytes, int... sizes) {
        List<byte[]> parts = new ArrayList<>();
        int from = 0;
        for (int size : sizes) {
            parts.add(Arrays.copyOfRange(bytes, from, from + size));
            from += size;
        }
        assertThat(from).as("the archive must be larger than the parts before the last").isLessThan(bytes.length);
        parts.add(Arrays.copyOfRange(bytes, from, bytes.length));
        return parts;
    }
}
