package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One order from reservation to downloaded answer, as the gateway walks it: E1, E2, E4 polled through the status
 * timeline, E8; plus the status lists and cancellation around it.
 */
class OrderLifecycleTest {

    private static final String EPGU_DATE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0300";
    private static final String FSSP = "http://www.fssprus.ru/namespace/incoming/2019/1";

    @RegisterExtension
    static final TestEmulator emulator = new TestEmulator();

    @Test
    void reserved_order_is_a_draft_without_gu_smev_code() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();

        long orderId = client.reserve(token);
        HttpResponse<String> response = client.details(token, orderId);

        assertThat(Long.toString(orderId)).hasSize(10);
        JsonNode envelope = EmulatorClient.json(response.body());
        assertThat(envelope.get("code").isNull()).isTrue();
        assertThat(envelope.get("order").isTextual()).as("order is an escaped JSON string").isTrue();
        JsonNode order = EmulatorClient.json(envelope.get("order").asText());
        assertThat(order.get("id").asLong()).isEqualTo(orderId);
        assertThat(order.get("orderStatusId").asInt()).isZero();
        assertThat(order.get("orderStatusName").asText()).isEqualTo("Черновик заявления");
        assertThat(order.get("closed").asBoolean()).isFalse();
        assertThat(order.get("orderDate").asText()).matches(EPGU_DATE);
    }

    @Test
    void order_numbers_increase() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();

        long first = client.reserve(token);
        long second = client.reserve(token);

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void uploaded_order_walks_0_17_21_2_3_one_step_at_a_time() throws Exception {
        EmulatorClient client = emulator.start(settings -> settings.withStepDelay(Duration.ofMillis(400)));
        String token = emulator.token();
        long orderId = client.reserve(token);

        HttpResponse<String> upload = client.pushWhole(token, orderId, Application.forOrder(orderId).zip());
        List<String> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonNode envelope = EmulatorClient.json(client.details(token, orderId).body());
            JsonNode order = EmulatorClient.json(envelope.get("order").asText());
            String state = envelope.get("code").asText() + " " + order.get("orderStatusId").asInt();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
                seen.add(state);
            }
            return order.get("closed").asBoolean();
        });

        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(EmulatorClient.json(upload.body()).get("orderId").asLong()).isEqualTo(orderId);
        assertThat(seen).containsExactly("NEW 0", "DONE 17", "DONE 21", "DONE 2", "DONE 3");
    }

    @Test
    void served_order_carries_its_history_and_the_result_file() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long orderId = client.reserve(token);

        client.pushWhole(token, orderId, Application.forOrder(orderId).zip());
        JsonNode envelope = EmulatorClient.json(client.details(token, orderId).body());
        JsonNode order = EmulatorClient.json(envelope.get("order").asText());

        assertThat(envelope.get("code").asText()).isEqualTo("DONE");
        assertThat(envelope.get("messageId").asText()).isNotBlank();
        assertThat(order.get("orderStatusId").asInt()).isEqualTo(3);
        assertThat(order.get("orderStatusName").asText()).isEqualTo("Услуга оказана");
        assertThat(order.get("closed").asBoolean()).isTrue();
        assertThat(order.get("hasResult").asBoolean()).isTrue();
        JsonNode statuses = order.get("statuses");
        assertThat(statuses.findValuesAsText("statusId")).containsExactly("0", "17", "21", "2", "3");
        assertThat(statuses.findValuesAsText("date")).allMatch(date -> date.matches(EPGU_DATE));
        assertThat(statuses.get(4).get("finalStatus").asBoolean()).isTrue();
        assertThat(statuses.get(3).get("finalStatus").asBoolean()).isFalse();
        long current = order.get("currentStatusHistoryId").asLong();
        assertThat(current).isEqualTo(statuses.get(4).get("id").asLong()).isNotEqualTo(orderId);
        assertThat(order.get("currentStatusHistory").get("statusId").asInt()).isEqualTo(3);
        JsonNode file = order.get("orderResponseFiles").get(0);
        assertThat(file.get("fileName").asText()).isEqualTo("piev_epgu.zip");
        assertThat(file.get("link").asText()).isEqualTo("terrabyte://00/" + orderId + "/piev_epgu.zip/3");
        assertThat(file.get("mimeType").asText()).isEqualTo("application/zip");
        assertThat(order.get("orderAttachmentFiles").findValuesAsText("fileName"))
                .containsExactlyInAnyOrder("req.xml", "piev_epgu.xml");
        assertThat(order.get("eserviceId").asText()).isEqualTo("60010153");
        assertThat(order.get("serviceTargetId").asText()).isEqualTo("-60010153");
        assertThat(order.get("updated").asText()).matches(EPGU_DATE);
    }

    @Test
    void answer_downloads_with_the_current_status_history_id_only() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long orderId = client.reserve(token);
        client.pushWhole(token, orderId, Application.forOrder(orderId).zip());
        long objectId = client.order(token, orderId).get("currentStatusHistoryId").asLong();

        HttpResponse<byte[]> download = client.download("api/gusmev/files/download/" + objectId
                + "/3?mnemonic=piev_epgu.zip&eserviceCode=60010153", token);
        HttpResponse<byte[]> olderPath = client.download("api/storage/v2/files/" + objectId
                + "/3/download?mnemonic=piev_epgu.zip", token);
        HttpResponse<String> byOrderId = client.get("api/gusmev/files/download/" + orderId
                + "/3?mnemonic=piev_epgu.zip&eserviceCode=60010153", token);
        HttpResponse<String> wrongType = client.get("api/gusmev/files/download/" + objectId
                + "/2?mnemonic=piev_epgu.zip&eserviceCode=60010153", token);
        HttpResponse<String> wrongMnemonic = client.get("api/gusmev/files/download/" + objectId
                + "/3?mnemonic=req.xml&eserviceCode=60010153", token);
        HttpResponse<String> wrongService = client.get("api/gusmev/files/download/" + objectId
                + "/3?mnemonic=piev_epgu.zip&eserviceCode=10000000367", token);

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(olderPath.statusCode()).isEqualTo(200);
        assertThat(olderPath.body()).isEqualTo(download.body());
        Document answer = answerXml(download.body());
        assertThat(text(answer, "DocType")).isEqualTo("O_IP_INFO_INTERACTIVE");
        assertThat(text(answer, "QueryKey")).isEqualTo(Long.toString(orderId));
        assertThat(text(answer, "QueryDate")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(answer.getElementsByTagNameNS(FSSP, "AdvancedIPInformation").getLength()).isBetween(1, 2);
        assertThat(text(answer, "number")).endsWith("-ИП");
        assertThat(text(answer, "debtorName")).isEqualTo("ООО \"Ромашка\"");
        for (HttpResponse<String> refused : List.of(byOrderId, wrongType, wrongMnemonic, wrongService)) {
            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(EmulatorClient.json(refused.body()).get("code").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void unknown_order_answers_204_and_another_subjects_order_403() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long orderId = client.reserve(token);
        String otherEmployee = emulator.tokenFor(TestOrganisation.OTHER_EMPLOYEE_KEY);

        HttpResponse<String> unknown = client.details(token, orderId + 1000);
        HttpResponse<String> foreign = client.details(otherEmployee, orderId);

        assertThat(unknown.statusCode()).isEqualTo(204);
        assertThat(unknown.body()).isEmpty();
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(EmulatorClient.json(foreign.body()).get("code").asText()).isEqualTo("order_access");
    }

    @Test
    void orders_status_lists_found_and_not_found_orders() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long uploaded = client.reserve(token);
        long draft = client.reserve(token);
        client.pushWhole(token, uploaded, Application.forOrder(uploaded).zip());
        long unknown = draft + 1000;

        HttpResponse<String> response = client.get("api/gusmev/order/getOrdersStatus?pageNum=0&pageSize=10&orderIds="
                + uploaded + "," + draft + "," + unknown, token);
        HttpResponse<String> secondPage = client.get("api/gusmev/order/getOrdersStatus?pageNum=1&pageSize=2&orderIds="
                + uploaded + "," + draft + "," + unknown, token);

        JsonNode list = EmulatorClient.json(response.body());
        assertThat(list.get("count").asInt()).isEqualTo(3);
        assertThat(list.get("totalCount").asInt()).isEqualTo(3);
        JsonNode content = list.get("content");
        assertThat(content.get(0).get("orderSearchStatus").asText()).isEqualTo("FOUND");
        assertThat(content.get(0).get("status").get("statusId").asInt()).isEqualTo(3);
        assertThat(content.get(0).get("status").get("statusName").asText()).isEqualTo("Услуга оказана");
        assertThat(content.get(0).get("status").get("updated").asText())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
        assertThat(content.get(1).get("status").get("statusId").asInt()).isZero();
        assertThat(content.get(2).get("orderId").asLong()).isEqualTo(unknown);
        assertThat(content.get(2).get("orderSearchStatus").asText()).isEqualTo("NOT_FOUND");
        assertThat(content.get(2).get("status").isNull()).isTrue();
        JsonNode page = EmulatorClient.json(secondPage.body());
        assertThat(page.get("count").asInt()).isEqualTo(1);
        assertThat(page.get("totalCount").asInt()).isEqualTo(3);
    }

    @Test
    void updated_after_lists_orders_changed_since_a_moscow_time() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        EmulatorClient client = emulator.start(settings -> settings.withClock(clock));
        String token = emulator.token();
        long before = client.reserve(token);
        clock.advance(Duration.ofMinutes(5));
        String moment = LocalDateTime.ofInstant(clock.instant().minusSeconds(60), MoscowTime.ZONE)
                .toString();
        long after = client.reserve(token);

        HttpResponse<String> response = client.get("api/gusmev/order/getUpdatedAfter?pageNum=0&pageSize=10"
                + "&updatedAfter=" + moment, token);
        HttpResponse<String> missing = client.get("api/gusmev/order/getUpdatedAfter?pageNum=0&pageSize=10", token);

        JsonNode list = EmulatorClient.json(response.body());
        assertThat(list.get("content").findValuesAsText("orderId")).containsExactly(Long.toString(after))
                .doesNotContain(Long.toString(before));
        assertThat(missing.statusCode()).isEqualTo(400);
    }

    @Test
    void cancel_is_not_allowed_for_this_service() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        long orderId = client.reserve(token);

        HttpResponse<String> response = client.post("api/gusmev/order/" + orderId + "/cancel", token);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(EmulatorClient.json(response.body()).get("code").asText()).isEqualTo("cancel_not_allowed");
    }

    private static Document answerXml(byte[] zip) throws Exception {
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry = entries.getNextEntry();
            assertThat(entry.getName()).isEqualTo("answer.xml");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(entries.readAllBytes()));
        }
    }

    private static String text(Document document, String name) {
        return document.getElementsByTagNameNS(FSSP, name).item(0).getTextContent();
    }
}
