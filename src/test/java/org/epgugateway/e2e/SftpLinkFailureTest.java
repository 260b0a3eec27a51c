package org.epgugateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.epgugateway.emulator.EmulatorJournal;
import org.epgugateway.testsupport.GatewayHarness;
import org.epgugateway.testsupport.SftpGateway;
import org.epgugateway.testsupport.TestSftpServer;
import org.epgugateway.testsupport.TestSftpServer.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link to the SFTP server is cut while a drop is downloaded and while its remote file is deleted after custody:
 * no drop is lost and none becomes a second application.
 */
class SftpLinkFailureTest {

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
    void download_cut_by_the_link_is_taken_again_and_submitted_once() {
        server.cutOnce(Operation.READ, "proceedings-found.xml"::equals);

        server.drop("proceedings-found.xml", GatewayHarness.sample("proceedings-found.xml"));
        JsonNode status = SftpGateway.awaitFinal(server, "proceedings-found");

        assertThat(server.cuts()).isGreaterThanOrEqualTo(1);
        assertThat(server.armed(Operation.READ)).isFalse();
        assertThat(status.path("state").asText()).isEqualTo("DONE");
        assertSubmittedOnce(status);
        assertThat(server.inbox().resolve("proceedings-found.xml")).doesNotExist();
        assertThat(SftpGateway.names(server.outbox())).doesNotContain("proceedings-found~2");
        Path downloads = root.resolve("gateway").resolve("work").resolve("sftp-inbox");
        assertThat(SftpGateway.names(downloads)).as("partial downloads").isEmpty();
    }

    @Test
    void delete_cut_after_custody_leaves_the_file_which_is_recognised_and_not_submitted_again() {
        int cutsBefore = server.cuts();
        server.cutOnce(Operation.REMOVE, "no-proceedings.xml"::equals);

        server.drop("no-proceedings.xml", GatewayHarness.sample("no-proceedings.xml"));
        JsonNode status = SftpGateway.awaitFinal(server, "no-proceedings");
        await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(server.inbox().resolve("no-proceedings.xml")));

        assertThat(server.cuts()).isEqualTo(cutsBefore + 1);
        assertThat(status.path("state").asText()).isEqualTo("DONE");
        assertSubmittedOnce(status);
        assertThat(harness.gateway().store().findByFolder("no-proceedings~2")).isEmpty();
        assertThat(SftpGateway.names(server.outbox())).doesNotContain("no-proceedings~2");
    }

    @Test
    void outbox_away_longer_than_its_own_retries_hands_over_to_the_drops_retry_and_the_drop_still_completes() {
        int cutsBefore = server.cuts();
        server.cut(Operation.WRITE, name -> name.startsWith(".status.json."), 8);

        server.drop("refused.xml", GatewayHarness.sample("refused.xml"));
        JsonNode status = SftpGateway.awaitFinal(server, "refused");

        assertThat(server.cuts()).isEqualTo(cutsBefore + 8);
        assertThat(status.path("state").asText()).isEqualTo("REFUSED");
        assertSubmittedOnce(status);
        assertThat(server.inbox().resolve("refused.xml")).doesNotExist();
        assertThat(SftpGateway.names(server.outbox().resolve("refused"))).containsExactly("status.json");
    }

    private static void assertSubmittedOnce(JsonNode status) {
        EmulatorJournal journal = harness.emulator().journal();
        String businessKey = journal.order(status.path("orderId").asLong()).orElseThrow().businessKey();
        assertThat(journal.ordersFor(businessKey)).as("orders for " + businessKey).isEqualTo(1);
        assertThat(journal.completedUploadsFor(businessKey)).as("uploads for " + businessKey).isEqualTo(1);
    }
}
