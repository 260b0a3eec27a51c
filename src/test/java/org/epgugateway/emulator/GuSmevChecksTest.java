package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks gu-smev runs after the last part, in the contract's order; a failed check becomes the final code of
 * E4 and the order stays a draft.
 */
class GuSmevChecksTest {

    @RegisterExtension
    static final TestEmulator emulator = new TestEmulator();

    private EmulatorClient client;
    private String token;
    private String message;

    @BeforeEach
    void start() throws Exception {
        client = emulator.start();
        token = emulator.token();
    }

    @Test
    void a_valid_archive_passes_with_DONE() throws Exception {
        long orderId = client.reserve(token);

        String code = uploadAndReadCode(orderId, Application.forOrder(orderId).zip());

        assertThat(code).isEqualTo("DONE");
        assertThat(emulator.journal().order(orderId).orElseThrow().finalCode()).isEqualTo("DONE");
    }

    @Test
    void an_organisation_other_than_the_tokens_fails_with_REQ_VERIFY_FAILED() throws Exception {
        long orderId = client.reserve(token);

        String code = uploadAndReadCode(orderId, Application.forOrder(orderId).ogrn("1037700000001").zip());

        assertThat(code).isEqualTo("REQ_VERIFY_FAILED");
        assertThat(message).contains("TrusteeOGRN");
        assertThat(client.order(token, orderId).get("orderStatusId").asInt()).isZero();
    }

    @Test
    void an_external_key_other_than_the_order_fails_with_REQ_VERIFY_FAILED() throws Exception {
        long orderId = client.reserve(token);

        String code = uploadAndReadCode(orderId, Application.forOrder(orderId).externalKey("0").zip());

        assertThat(code).isEqualTo("REQ_VERIFY_FAILED");
        assertThat(message).contains("ExternalKey");
    }

    @Test
    void a_transport_order_id_other_than_the_order_fails_with_REQ_VERIFY_FAILED() throws Exception {
        long orderId = client.reserve(token);

        String code = uploadAndReadCode(orderId, Application.forOrder(orderId)
                .requestOrderId(Long.toString(orderId + 1)).zip());

        assertThat(code).isEqualTo("REQ_VERIFY_FAILED");
        assertThat(message).contains("req.xml OrderId");
    }

    @Test
    void a_business_file_against_its_schema_fails_with_VALIDATION_ERROR() throws Exception {
        long orderId = client.reserve(token);

        String code = uploadAndReadCode(orderId, Application.forOrder(orderId).complainerType("3").zip());

        assertThat(code).isEqualTo("VALIDATION_ERROR");
        assertThat(message).startsWith("piev_epgu.xml");
    }

    @Test
    void a_transport_file_against_its_schema_fails_with_VALIDATION_ERROR() throws Exception {
        long orderId = client.reserve(token);
        Application application = Application.forOrder(orderId);

        String code = uploadAndReadCode(orderId, zip(
                "req.xml", application.requestXml().replace("FSSP10", "FSSP07"),
                "piev_epgu.xml", application.applicationXml()));

        assertThat(code).isEqualTo("VALIDATION_ERROR");
        assertThat(message).startsWith("req.xml");
    }

    @Test
    void a_document_with_a_doctype_fails_with_VALIDATION_ERROR() throws Exception {
        long orderId = client.reserve(token);
        Application application = Application.forOrder(orderId);
        String withEntity = application.applicationXml().replaceFirst("\\?>",
                "?><!DOCTYPE IRequest [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>");

        String code = uploadAndReadCode(orderId, zip("req.xml", application.requestXml(),
                "piev_epgu.xml", withEntity));

        assertThat(code).isEqualTo("VALIDATION_ERROR");
        assertThat(message).contains("DOCTYPE").doesNotContain("root:");
    }

    @Test
    void an_archive_without_req_xml_fails_with_REQ_NOT_FOUND() throws Exception {
        long orderId = client.reserve(token);

        String code = uploadAndReadCode(orderId, zip("piev_epgu.xml",
                Application.forOrder(orderId).applicationXml()));

        assertThat(code).isEqualTo("REQ_NOT_FOUND");
    }

    @Test
    void an_archive_without_piev_epgu_xml_fails_with_MPC_NOT_FOUND() throws Exception {
        long orderId = client.reserve(token);

        String code = uploadAndReadCode(orderId, zip("req.xml", Application.forOrder(orderId).requestXml()));

        assertThat(code).isEqualTo("MPC_NOT_FOUND");
    }

    @Test
    void an_archive_with_a_folder_fails_with_INVALID_FILES_STRUCTURE() throws Exception {
        long orderId = client.reserve(token);
        Application application = Application.forOrder(orderId);

        String code = uploadAndReadCode(orderId, zip("docs/req.xml", application.requestXml(),
                "docs/piev_epgu.xml", application.applicationXml()));

        assertThat(code).isEqualTo("INVALID_FILES_STRUCTURE");
    }

    @Test
    void a_nested_archive_or_no_archive_fails_with_INVALID_FILES_STRUCTURE() throws Exception {
        long nestedOrder = client.reserve(token);
        long garbageOrder = client.reserve(token);
        byte[] inner = Application.forOrder(nestedOrder).zip();
        Map<String, byte[]> nested = new LinkedHashMap<>();
        nested.put("req.xml", Application.forOrder(nestedOrder).requestXml().getBytes(StandardCharsets.UTF_8));
        nested.put("piev_epgu.xml", Application.forOrder(nestedOrder).applicationXml()
                .getBytes(StandardCharsets.UTF_8));
        nested.put("inner.zip", inner);

        String nestedCode = uploadAndReadCode(nestedOrder, Application.zip(nested));
        String garbageCode = uploadAndReadCode(garbageOrder, "not a zip".getBytes(StandardCharsets.UTF_8));

        assertThat(nestedCode).isEqualTo("INVALID_FILES_STRUCTURE");
        assertThat(garbageCode).isEqualTo("INVALID_FILES_STRUCTURE");
    }

    @Test
    void the_journal_records_the_business_key_of_an_upload() throws Exception {
        long orderId = client.reserve(token);

        uploadAndReadCode(orderId, Application.forOrder(orderId).snils(Application.NONE_SNILS).zip());

        String key = "60010153|" + Application.NONE_SNILS + "|" + Application.OGRN + "|2";
        assertThat(emulator.journal().order(orderId).orElseThrow().businessKey()).isEqualTo(key);
        assertThat(emulator.journal().ordersFor(key)).isEqualTo(1);
        assertThat(emulator.journal().completedUploadsFor(key)).isEqualTo(1);
    }

    /** Uploads an archive and answers the gu-smev code E4 shows, remembering its message. */
    private String uploadAndReadCode(long orderId, byte[] zip) throws Exception {
        HttpResponse<String> upload = client.pushWhole(token, orderId, zip);
        assertThat(upload.statusCode()).as("gu-smev checks run after the upload was accepted").isEqualTo(200);
        JsonNode envelope = EmulatorClient.json(client.details(token, orderId).body());
        message = envelope.get("message").asText();
        return envelope.get("code").asText();
    }

    private static byte[] zip(String... namesAndTexts) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            files.put(namesAndTexts[i], namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return Application.zip(files);
    }
}
