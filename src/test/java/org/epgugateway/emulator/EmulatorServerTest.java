package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server around the endpoints: where it listens, what it refuses to start with, unknown URLs, and the journal
 * it serves for scripts.
 */
class EmulatorServerTest {

    @TempDir
    static Path pkiFolder;

    @TempDir
    Path emptyFolder;

    private static TestOrganisation organisation;

    @BeforeAll
    static void createPki() throws Exception {
        organisation = TestOrganisation.create(pkiFolder);
    }

    @Test
    void port_0_listens_on_a_free_loopback_port() {
        try (EmulatorServer emulator = EmulatorServer.start(organisation.settings())) {
            assertThat(emulator.port()).isPositive();
            assertThat(emulator.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + emulator.port() + "/");
        }
    }

    @Test
    void does_not_start_without_the_schemas() {
        assertThatThrownBy(() -> EmulatorServer.start(organisation.settings().withSchemas(emptyFolder)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("req.xsd");
    }

    @Test
    void does_not_start_with_a_missing_trusted_ca_file() {
        assertThatThrownBy(() -> EmulatorServer.start(organisation.settings()
                .withTrustedCa(emptyFolder.resolve("missing.pem"))))
                .hasMessageContaining("missing.pem");
    }

    @Test
    void unknown_urls_answer_404_and_known_urls_with_another_method_405() throws Exception {
        try (EmulatorServer emulator = EmulatorServer.start(organisation.settings())) {
            EmulatorClient client = new EmulatorClient(emulator.baseUrl());

            HttpResponse<String> unknown = client.get("api/gusmev/nothing", null);
            HttpResponse<String> wrongMethod = client.get("api/gusmev/order", null);

            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(wrongMethod.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void the_journal_is_served_as_json() throws Exception {
        try (EmulatorServer emulator = EmulatorServer.start(organisation.settings())) {
            EmulatorClient client = new EmulatorClient(emulator.baseUrl());
            String token = client.token(TestOrganisation.EMPLOYEE_KEY, organisation.signer());
            long orderId = client.reserve(token);
            client.pushWhole(token, orderId, Application.forOrder(orderId).zip());

            HttpResponse<String> response = client.get("emulator/journal", null);

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode journal = EmulatorClient.json(response.body());
            JsonNode order = journal.get("orders").get(0);
            assertThat(order.get("orderId").asLong()).isEqualTo(orderId);
            assertThat(order.get("finalCode").asText()).isEqualTo("DONE");
            assertThat(order.get("parts").get(0).get("status").asInt()).isEqualTo(200);
            String businessKey = "60010153|" + Application.FOUND_SNILS + "|" + Application.OGRN + "|2";
            assertThat(journal.get("ordersByBusinessKey").get(businessKey).asInt()).isEqualTo(1);
            assertThat(journal.get("completedUploadsByBusinessKey").get(businessKey).asInt()).isEqualTo(1);
            assertThat(journal.get("requests").get("ORDER_CREATE").get("200").asInt()).isEqualTo(1);
            assertThat(emulator.journal().requests(Endpoint.ESIA_TOKEN)).isEqualTo(1);
            assertThat(emulator.journal().responses(Endpoint.PUSH_CHUNKED, 200)).isEqualTo(1);
        }
    }
}
