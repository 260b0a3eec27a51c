package org.epgugateway.runtime;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.SettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configurations that cannot work stop the start with one line naming the settings: folders that are one another
 * or inside one another, a folder setting naming a file, counts below one, a management port another process holds.
 */
class StartChecksTest {

    @TempDir
    Path root;

    @Test
    void four_separate_folders_pass_whether_they_exist_or_not() throws Exception {
        Files.createDirectories(root.resolve("data/inbox"));

        assertThatCode(() -> FolderLayout.check(folders(Map.of()), root)).doesNotThrowAnyException();
    }

    @Test
    void the_outbox_and_the_inbox_being_one_folder_is_refused() {
        GatewaySettings settings = folders(Map.of("gateway.outbox", "data/./inbox/"));

        assertThatThrownBy(() -> FolderLayout.check(settings, root)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("gateway.inbox (GATEWAY_INBOX) and gateway.outbox (GATEWAY_OUTBOX) are the same "
                        + "folder " + root.resolve("data/inbox"))
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_work_folder_inside_the_outbox_is_refused_even_before_either_exists() {
        GatewaySettings settings = folders(Map.of("gateway.work", "data/outbox/work"));

        assertThatThrownBy(() -> FolderLayout.check(settings, root)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("gateway.work (GATEWAY_WORK) " + root.resolve("data/outbox/work")
                        + " is inside gateway.outbox (GATEWAY_OUTBOX) " + root.resolve("data/outbox"));
    }

    @Test
    void a_folder_reached_through_a_symbolic_link_is_compared_by_its_real_path() throws Exception {
        Path inbox = Files.createDirectories(root.resolve("data/inbox"));
        Files.createSymbolicLink(root.resolve("link"), inbox);
        GatewaySettings settings = folders(Map.of("gateway.dead-letter", root.resolve("link/failed").toString()));

        assertThatThrownBy(() -> FolderLayout.check(settings, root)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("gateway.dead-letter (GATEWAY_DEAD_LETTER) " + inbox.toRealPath()
                        .resolve("failed") + " is inside gateway.inbox (GATEWAY_INBOX)");
    }

    @Test
    void a_folder_setting_naming_a_file_is_refused() throws Exception {
        Files.createDirectories(root.resolve("data"));
        Path file = Files.writeString(root.resolve("data/work"), "not a folder");

        assertThatThrownBy(() -> FolderLayout.check(folders(Map.of()), root)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("gateway.work (GATEWAY_WORK) is " + file + ", which is a file, not a folder");
    }

    @Test
    void a_folder_under_a_file_or_behind_a_dangling_link_is_refused() throws Exception {
        Path file = Files.writeString(root.resolve("plain-file"), "not a folder");
        Path dangling = Files.createSymbolicLink(root.resolve("dangling"), root.resolve("missing"));
        GatewaySettings settings = folders(Map.of("gateway.outbox", file.resolve("out").toString(),
                "gateway.dead-letter", dangling.toString()));

        assertThatThrownBy(() -> FolderLayout.check(settings, root)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("gateway.outbox (GATEWAY_OUTBOX) is " + file.toRealPath().resolve("out")
                        + ", inside " + file.toRealPath() + ", which is a file")
                .hasMessageContaining("gateway.dead-letter (GATEWAY_DEAD_LETTER) is " + root.toRealPath()
                        .resolve("dangling") + ", a symbolic link whose target does not exist");
    }

    @Test
    void a_folder_setting_given_empty_is_refused_rather_than_read_as_the_default() {
        GatewaySettings settings = GatewaySettings.of(new Properties(), Map.of("GATEWAY_INBOX", " "),
                new Properties());

        assertThatThrownBy(() -> FolderLayout.check(settings, root)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("gateway.inbox (GATEWAY_INBOX) is set but empty");
    }

    @Test
    void a_watched_folder_with_percent_or_question_mark_is_refused() {
        GatewaySettings settings = folders(Map.of("gateway.inbox", "data/in%20box", "gateway.work", "data/w?x=1"));

        assertThatThrownBy(() -> FolderLayout.check(settings, root)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("gateway.inbox (GATEWAY_INBOX) is " + root.resolve("data/in%20box")
                        + ": a folder the gateway watches through a Camel endpoint cannot have % or ? in its path")
                .hasMessageContaining("gateway.work (GATEWAY_WORK) is " + root.resolve("data/w?x=1"));
    }

    @Test
    void folders_on_the_sftp_server_are_not_compared_with_local_ones() {
        GatewaySettings settings = folders(Map.of("sftp.outbox.enabled", "true", "gateway.outbox", "data/inbox"));

        assertThatCode(() -> FolderLayout.check(settings, root)).doesNotThrowAnyException();
    }

    @Test
    void no_workers_or_no_attempts_are_refused() {
        GatewaySettings workers = settings(Map.of("gateway.workers", "0"));
        GatewaySettings attempts = settings(Map.of("retry.max-attempts", "0", "sftp.retry.max-attempts", "-1"));

        assertThatThrownBy(() -> SettingsReview.check(workers)).isInstanceOf(SettingsException.class)
                .hasMessage("Invalid configuration: gateway.workers (GATEWAY_WORKERS) must be at least 1, not 0");
        assertThatThrownBy(() -> SettingsReview.check(attempts)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("retry.max-attempts (RETRY_MAX_ATTEMPTS) must be at least 1, not 0")
                .hasMessageContaining("sftp.retry.max-attempts (SFTP_RETRY_MAX_ATTEMPTS) must be at least 1, not -1");
    }

    @Test
    void a_management_port_another_process_holds_is_refused_by_its_address() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            GatewaySettings settings = management("127.0.0.1", Integer.toString(taken.getLocalPort()));

            assertThatThrownBy(() -> ManagementPort.check(settings)).isInstanceOf(SettingsException.class)
                    .hasMessageStartingWith("Invalid configuration: management port 127.0.0.1:"
                            + taken.getLocalPort() + " is in use")
                    .hasMessageContaining("camel.management.port (CAMEL_MANAGEMENT_PORT)");
        }
    }

    @Test
    void a_free_management_port_and_port_0_pass() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }

        assertThatCode(() -> ManagementPort.check(management("127.0.0.1", Integer.toString(free))))
                .doesNotThrowAnyException();
        assertThatCode(() -> ManagementPort.check(management("127.0.0.1", "0"))).doesNotThrowAnyException();
    }

    private GatewaySettings folders(Map<String, String> overrides) {
        return settings(overrides);
    }

    private static GatewaySettings management(String host, String port) {
        return settings(Map.of("camel.management.enabled", "true", "camel.management.host", host,
                "camel.management.port", port));
    }

    private static GatewaySettings settings(Map<String, String> values) {
        Properties file = new Properties();
        file.putAll(new HashMap<>(values));
        return GatewaySettings.of(file, Map.of(), new Properties());
    }
}
