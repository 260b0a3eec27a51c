package org.epgugateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Settings and checks for tests that run the gateway against a {@link TestSftpServer}: the inbox, the outbox and
 * the dead-letter folder are on the server, read by the test through the server's folder.
 */
public final class SftpGateway {

    public static final String KEY_PASSPHRASE = "key-passphrase";

    private SftpGateway() {
    }

    /**
     * Gateway settings for SFTP intake and outbox against the server, with key authentication and fast timers.
     *
     * @param secrets a folder for the known-hosts file and the client key
     */
    public static Map<String, String> keySettings(TestSftpServer server, Path secrets) {
        Map<String, String> settings = commonSettings(server, secrets);
        Path key = server.writeClientKey(secrets.resolve("id_ecdsa"), KEY_PASSPHRASE);
        settings.put("sftp.private-key-file", key.toString());
        settings.put("sftp.private-key-passphrase", KEY_PASSPHRASE);
        return settings;
    }

    /** Gateway settings as {@link #keySettings} but logging in with the password read from a file. */
    public static Map<String, String> passwordSettings(TestSftpServer server, Path secrets) {
        Map<String, String> settings = commonSettings(server, secrets);
        try {
            Path file = Files.writeString(secrets.resolve("sftp-password"), TestSftpServer.PASSWORD + "\n");
            settings.put("sftp.password-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return settings;
    }

    /** A drop folder's status.json on the server, or null while there is none. */
    public static JsonNode status(TestSftpServer server, String folder) {
        return GatewayHarness.status(server.outbox(), folder);
    }

    /** Waits until a drop folder's status.json on the server shows a final state and returns it. */
    public static JsonNode awaitFinal(TestSftpServer server, String folder) {
        return GatewayHarness.awaitFinal(server.outbox(), folder, Duration.ofSeconds(40));
    }

    public static JsonNode readJson(Path file) {
        return GatewayHarness.json(file);
    }

    /** The names in a folder, sorted; empty when it does not exist. */
    public static List<String> names(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> commonSettings(TestSftpServer server, Path secrets) {
        try {
            Files.createDirectories(secrets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("sftp.inbox.enabled", "true");
        settings.put("sftp.outbox.enabled", "true");
        settings.put("sftp.host", "127.0.0.1");
        settings.put("sftp.port", Integer.toString(server.port()));
        settings.put("sftp.user", TestSftpServer.USER);
        settings.put("sftp.known-hosts-file", server.writeKnownHosts(secrets.resolve("known_hosts")).toString());
        settings.put("sftp.inbox.poll-delay", "200ms");
        settings.put("sftp.inbox.backoff-multiplier", "1");
        settings.put("sftp.connect-timeout", "2s");
        settings.put("sftp.read-timeout", "10s");
        settings.put("sftp.retry.max-attempts", "4");
        settings.put("sftp.retry.initial-delay", "100ms");
        settings.put("sftp.retry.max-delay", "500ms");
        settings.put("camel.routecontroller.back-off-delay", "500");
        return settings;
    }
}
