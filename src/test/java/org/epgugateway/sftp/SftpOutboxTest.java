package org.epgugateway.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.testsupport.SftpGateway;
import org.epgugateway.testsupport.TestSftpServer;
import org.epgugateway.testsupport.TestSftpServer.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox and dead-letter folder on an SFTP server: whole files only, retries over a cut link, and no talk with
 * a server whose host key the known-hosts file does not vouch for.
 */
class SftpOutboxTest {

    @TempDir
    Path temp;

    private TestSftpServer server;
    private Path knownHosts;
    private Path key;
    private SftpOutbox outbox;

    @BeforeEach
    void start_server() throws IOException {
        server = TestSftpServer.start(Files.createDirectories(temp.resolve("server")));
        knownHosts = server.writeKnownHosts(temp.resolve("known_hosts"));
        key = server.writeClientKey(temp.resolve("id_ecdsa"), "key-passphrase");
        outbox = outbox(Map.of());
    }

    @AfterEach
    void stop_server() {
        outbox.close();
        server.close();
    }

    @Test
    void status_json_replaces_the_previous_one_and_no_temporary_file_is_left() throws IOException {
        outbox.writeStatus("head-debtor", json("RECEIVED"));

        outbox.writeStatus("head-debtor", json("DONE"));

        Path folder = server.outbox().resolve("head-debtor");
        assertThat(Files.readString(folder.resolve("status.json"))).isEqualTo("{\"state\":\"DONE\"}");
        assertThat(SftpGateway.names(folder)).containsExactly("status.json");
    }

    @Test
    void result_file_and_dead_letter_arrive_whole_with_their_error_report() throws IOException {
        Path answer = Files.write(temp.resolve("answer.xml"), "<answer/>".getBytes(StandardCharsets.UTF_8));
        Path original = Files.write(temp.resolve("spool.drop"), "<broken".getBytes(StandardCharsets.UTF_8));

        outbox.writeResult("head-debtor", "answer.xml", answer);
        outbox.writeDeadLetter("broken.xml", original, json("FAILED"));

        assertThat(server.outbox().resolve("head-debtor/answer.xml")).hasContent("<answer/>");
        assertThat(server.deadLetter().resolve("broken.xml")).hasContent("<broken");
        assertThat(server.deadLetter().resolve("broken.xml.error.json")).hasContent("{\"state\":\"FAILED\"}");
        assertThat(SftpGateway.names(server.deadLetter()))
                .containsExactlyInAnyOrder("broken.xml", "broken.xml.error.json");
    }

    @Test
    void folder_in_use_is_answered_from_the_server() throws IOException {
        Files.createDirectories(server.outbox().resolve("taken"));

        assertThat(outbox.folderInUse("taken")).isTrue();
        assertThat(outbox.folderInUse("free")).isFalse();
    }

    @Test
    void upload_cut_by_the_link_is_retried_on_a_new_connection() throws IOException {
        outbox.writeStatus("head-debtor", json("RECEIVED"));
        server.cutOnce(Operation.WRITE, name -> name.startsWith(".status.json."));

        outbox.writeStatus("head-debtor", json("VALIDATED"));

        assertThat(server.cuts()).isEqualTo(1);
        assertThat(server.outbox().resolve("head-debtor/status.json")).hasContent("{\"state\":\"VALIDATED\"}");
        assertThat(SftpGateway.names(server.outbox().resolve("head-debtor"))).containsExactly("status.json");
        assertThat(outbox.link().up()).isTrue();
    }

    @Test
    void status_write_still_retrying_when_a_newer_one_arrives_does_not_put_the_older_state_back() throws Exception {
        SftpOutbox slowRetries = outbox(Map.of("sftp.retry.initial-delay", "1s", "sftp.retry.max-delay", "1s"));
        server.cutOnce(Operation.WRITE, name -> name.startsWith(".status.json."));
        Thread older = new Thread(() -> slowRetries.writeStatus("head-debtor", json("RECEIVED")));
        older.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.cuts() == 1);

        slowRetries.writeStatus("head-debtor", json("VALIDATED"));
        older.join(10_000);

        assertThat(older.isAlive()).isFalse();
        assertThat(server.outbox().resolve("head-debtor/status.json")).hasContent("{\"state\":\"VALIDATED\"}");
        assertThat(SftpGateway.names(server.outbox().resolve("head-debtor"))).containsExactly("status.json");
        slowRetries.close();
    }

    @Test
    void write_gives_up_after_its_attempts_when_the_server_stays_away_and_the_link_reads_down() {
        server.stop();

        assertThatThrownBy(() -> outbox.writeStatus("head-debtor", json("RECEIVED")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("status.json of head-debtor")
                .hasMessageContaining("after 3 attempts");
        assertThat(outbox.probe(Duration.ofSeconds(1)).up()).isFalse();
        assertThat(outbox.link().message()).contains("Cannot connect");
    }

    @Test
    void temporary_file_of_a_write_that_gave_up_is_removed_once_the_server_answers_again() {
        server.cut(Operation.WRITE, name -> name.startsWith(".status.json."), 3);
        assertThatThrownBy(() -> outbox.writeStatus("head-debtor", json("RECEIVED")))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(SftpGateway.names(server.outbox().resolve("head-debtor"))).singleElement()
                .satisfies(name -> assertThat(name).startsWith(".status.json."));

        outbox.writeStatus("head-debtor", json("VALIDATED"));

        assertThat(SftpGateway.names(server.outbox().resolve("head-debtor"))).containsExactly("status.json");
    }

    @Test
    void link_reads_up_again_once_the_server_is_back() {
        server.stop();
        assertThat(outbox.probe(Duration.ofSeconds(1)).up()).isFalse();

        server.start();

        assertThat(outbox.probe(Duration.ofSeconds(1)).up()).isTrue();
    }

    @Test
    void password_login_works_when_no_key_is_configured() {
        SftpOutbox withPassword = outbox(Map.of("sftp.private-key-file", "", "sftp.private-key-passphrase", "",
                "sftp.password", TestSftpServer.PASSWORD));

        withPassword.writeStatus("by-password", json("RECEIVED"));

        assertThat(server.outbox().resolve("by-password/status.json")).exists();
        withPassword.close();
    }

    @Test
    void unknown_host_key_is_refused_and_the_message_says_what_to_check() throws IOException {
        Files.writeString(knownHosts, "");
        SftpConnector connector = new SftpConnector(settings(Map.of()));

        assertThatThrownBy(connector::verifyHostKey)
                .isInstanceOf(HostKeyRejectedException.class)
                .hasMessageContaining("is not listed in the known-hosts file " + knownHosts)
                .hasMessageContaining("refusing to connect")
                .hasMessageContaining("ecdsa-sha2-nistp256 key with fingerprint " + server.fingerprint())
                .hasMessageContaining("[127.0.0.1]:" + server.port());
        assertThat(server.logins()).isZero();
    }

    @Test
    void changed_host_key_is_refused_and_said_to_have_changed() {
        server.stop();
        try (TestSftpServer impostor = server.impostor()) {
            impostor.start();
            SftpConnector connector = new SftpConnector(settings(Map.of()));

            assertThatThrownBy(connector::verifyHostKey)
                    .isInstanceOf(HostKeyRejectedException.class)
                    .hasMessageContaining("has CHANGED")
                    .hasMessageContaining(impostor.fingerprint());
            assertThat(impostor.logins()).isZero();
        }
    }

    @Test
    void refused_host_key_fails_a_write_at_once_without_retrying() throws IOException {
        Files.writeString(knownHosts, "");

        assertThatThrownBy(() -> outbox.writeStatus("head-debtor", json("RECEIVED")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("is not listed in the known-hosts file");
        assertThat(outbox.link().up()).isFalse();
    }

    private SftpOutbox outbox(Map<String, String> overrides) {
        SftpSettings settings = settings(overrides);
        return new SftpOutbox(new SftpConnector(settings), settings.outboxPath(), settings.deadLetterPath(),
                settings.retries(), Clock.systemUTC());
    }

    private SftpSettings settings(Map<String, String> overrides) {
        Properties file = new Properties();
        file.setProperty("sftp.outbox.enabled", "true");
        file.setProperty("sftp.host", "127.0.0.1");
        file.setProperty("sftp.port", Integer.toString(server.port()));
        file.setProperty("sftp.user", TestSftpServer.USER);
        file.setProperty("sftp.private-key-file", key.toString());
        file.setProperty("sftp.private-key-passphrase", "key-passphrase");
        file.setProperty("sftp.known-hosts-file", knownHosts.toString());
        file.setProperty("sftp.connect-timeout", "2s");
        file.setProperty("sftp.retry.max-attempts", "3");
        file.setProperty("sftp.retry.initial-delay", "100ms");
        file.setProperty("sftp.retry.max-delay", "200ms");
        return SftpSettings.from(GatewaySettings.of(file, Map.of(), new Properties()).withOverrides(overrides),
                temp);
    }

    private static byte[] json(String state) {
        return ("{\"state\":\"" + state + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
