package org.epgugateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.epgugateway.testsupport.GatewayHarness;
import org.epgugateway.testsupport.SftpGateway;
import org.epgugateway.testsupport.TestSftpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder contract over SFTP: drops are fetched from the server's inbox and their answers, status files and dead
 * letters are put back on the server; nothing lands in the local folders.
 */
class SftpEndToEndTest {

    @TempDir
    static Path root;

    private static TestSftpServer server;
    private static GatewayHarness harness;

    @BeforeAll
    static void start() throws Exception {
        server = TestSftpServer.start(Files.createDirectories(root.resolve("sftp-server")));
        harness = GatewayHarness.start(root.resolve("gateway"), s -> s,
                SftpGateway.keySettings(server, root.resolve("secrets")));
    }

    @AfterAll
    static void stop() {
        harness.close();
        server.close();
    }

    @Test
    void drop_fetched_over_sftp_lands_as_an_answer_on_sftp_beside_status_done() throws Exception {
        server.drop("proceedings-found.xml", GatewayHarness.sample("proceedings-found.xml"));

        JsonNode status = SftpGateway.awaitFinal(server, "proceedings-found");

        assertThat(status.path("state").asText()).isEqualTo("DONE");
        assertThat(status.path("files")).extracting(JsonNode::asText).containsExactly("answer.xml");
        Path folder = server.outbox().resolve("proceedings-found");
        assertThat(Files.readString(folder.resolve("answer.xml"), StandardCharsets.UTF_8))
                .contains("O_IP_INFO_INTERACTIVE").contains(status.path("orderId").asText());
        assertThat(SftpGateway.names(folder)).containsExactly("answer.xml", "status.json");
        assertThat(server.inbox().resolve("proceedings-found.xml")).doesNotExist();
        assertThat(harness.outbox()).doesNotExist();
    }

    @Test
    void refusal_fetched_over_sftp_lands_as_refused_on_sftp() {
        server.drop("refused.xml", GatewayHarness.sample("refused.xml"));

        JsonNode status = SftpGateway.awaitFinal(server, "refused");

        assertThat(status.path("state").asText()).isEqualTo("REFUSED");
        assertThat(server.deadLetter().resolve("refused.xml")).doesNotExist();
    }

    @Test
    void bad_drop_lands_in_the_remote_dead_letter_folder_with_its_error_json() throws Exception {
        byte[] original = GatewayHarness.fixture("fails-schema.xml");
        server.drop("fails-schema.xml", original);

        JsonNode status = SftpGateway.awaitFinal(server, "fails-schema");

        assertThat(status.path("state").asText()).isEqualTo("FAILED");
        assertThat(status.path("error").path("deadLetter").asText()).isEqualTo("fails-schema.xml");
        assertThat(Files.readAllBytes(server.deadLetter().resolve("fails-schema.xml"))).isEqualTo(original);
        JsonNode error = SftpGateway.readJson(server.deadLetter().resolve("fails-schema.xml.error.json"));
        assertThat(error.path("stage").asText()).isEqualTo("validate");
        assertThat(error.path("code").asText()).isEqualTo("SCHEMA");
        assertThat(SftpGateway.names(server.deadLetter())).noneMatch(name -> name.endsWith(".tmp"));
        assertThat(harness.deadLetter()).doesNotExist();
    }

    @Test
    void file_still_being_uploaded_is_left_alone_until_it_is_renamed_to_xml() throws Exception {
        byte[] drop = GatewayHarness.sample("no-proceedings.xml");
        Path part = Files.write(server.inbox().resolve("no-proceedings.xml.part"), drop);
        Path hidden = Files.write(server.inbox().resolve(".no-proceedings.xml"), drop);

        Thread.sleep(Duration.ofSeconds(2).toMillis());

        assertThat(part).exists();
        assertThat(hidden).exists();
        assertThat(SftpGateway.status(server, "no-proceedings")).isNull();

        Files.delete(hidden);
        Files.move(part, server.inbox().resolve("no-proceedings.xml"));
        JsonNode status = SftpGateway.awaitFinal(server, "no-proceedings");

        assertThat(status.path("state").asText()).isEqualTo("DONE");
    }
}
