package org.epgugateway.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.epgugateway.config.GatewaySettings;
import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoKeys;
import org.epgugateway.demo.DemoOrganisation;
import org.epgugateway.emulator.ApiKeyState;
import org.epgugateway.emulator.EmulatorServer;
import org.epgugateway.emulator.EmulatorSettings;
import org.epgugateway.runtime.GatewayRuntime;

/**
 * The gateway and the emulator in one test process, on loopback with free ports and folders of the test's own;
 * drops go in through the inbox and results are read from the outbox, as a back-office system would.
 */
public final class GatewayHarness implements AutoCloseable {

    /** Final states of the folder contract. */
    public static final Set<String> FINAL = Set.of("DONE", "REFUSED", "FAILED", "DUPLICATE");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Path home;
    private final EmulatorServer emulator;
    private final Map<String, String> settings;
    private final DemoKeys keys;
    private GatewayRuntime gateway;

    private GatewayHarness(Path root, Path home, EmulatorServer emulator, Map<String, String> settings,
            DemoKeys keys) {
        this.root = root;
        this.home = home;
        this.emulator = emulator;
        this.settings = settings;
        this.keys = keys;
    }

    /**
     * Starts the emulator and the gateway with the shipped configuration plus test folders and fast timers.
     *
     * @param emulatorTuning adjusts the emulator's test settings
     * @param gatewayTuning extra gateway settings that win over the defaults
     */
    public static GatewayHarness start(Path root, UnaryOperator<EmulatorSettings> emulatorTuning,
            Map<String, String> gatewayTuning) throws Exception {
        return start(root, Path.of(""), emulatorTuning, emulator -> gatewayTuning);
    }

    /**
     * Starts the emulator and the gateway; the gateway's extra settings may depend on the running emulator, for
     * example an address on its port.
     */
    public static GatewayHarness start(Path root, UnaryOperator<EmulatorSettings> emulatorTuning,
            Function<EmulatorServer, Map<String, String>> gatewayTuning) throws Exception {
        return start(root, Path.of(""), emulatorTuning, gatewayTuning);
    }

    /**
     * Starts the emulator and the gateway installed in another folder: its configuration, routes, service profiles
     * and schemas are read from there, and its relative paths resolve there.
     *
     * @param home the installation folder; it must hold {@code config/application.properties}
     */
    public static GatewayHarness start(Path root, Path home, UnaryOperator<EmulatorSettings> emulatorTuning,
            Map<String, String> gatewayTuning) throws Exception {
        return start(root, home, emulatorTuning, emulator -> gatewayTuning);
    }

    private static GatewayHarness start(Path root, Path home, UnaryOperator<EmulatorSettings> emulatorTuning,
            Function<EmulatorServer, Map<String, String>> gatewayTuning) throws Exception {
        DemoKeys keys = DemoAuthority.ensure(root.resolve("keys"), DemoOrganisation.romashka());
        UUID apiKey = UUID.randomUUID();
        EmulatorServer emulator = EmulatorServer.start(emulatorTuning.apply(EmulatorSettings.defaults()
                .withPort(0)
                .withTrustedCa(keys.caCertificate())
                .withApiKey(apiKey, ApiKeyState.ACTIVE)
                .withStepDelay(Duration.ofMillis(100))
                .withSchemas(Path.of("schemas"))));
        Map<String, String> settings = new LinkedHashMap<>(TestGatewaySettings.forEmulator(root, emulator, keys,
                apiKey));
        settings.put("camel.management.port", Integer.toString(freePort()));
        settings.putAll(gatewayTuning.apply(emulator));
        GatewayHarness harness = new GatewayHarness(root, home, emulator, settings, keys);
        try {
            harness.startGateway();
        } catch (Exception | Error e) {
            // a gateway that refused to start must not leave the emulator running for the rest of the suite
            harness.close();
            throw e;
        }
        return harness;
    }

    public static GatewayHarness start(Path root) throws Exception {
        return start(root, s -> s, Map.of());
    }

    /** Starts (or starts again, after {@link #stopGateway()}) the gateway on the same folders and store. */
    public void startGateway() throws Exception {
        GatewaySettings base = GatewaySettings.load(home.resolve("config/application.properties"));
        gateway = GatewayRuntime.create(home, base.withOverrides(settings));
        gateway.start();
    }

    public void stopGateway() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }

    public GatewayRuntime gateway() {
        return gateway;
    }

    public EmulatorServer emulator() {
        return emulator;
    }

    public Path inbox() {
        return root.resolve("inbox");
    }

    public Path outbox() {
        return root.resolve("outbox");
    }

    public Path deadLetter() {
        return root.resolve("dead-letter");
    }

    /** The organisation's test keys the gateway signs with. */
    public DemoKeys keys() {
        return keys;
    }

    /** A gateway setting as the harness passed it. */
    public String setting(String key) {
        return settings.get(key);
    }

    public Path work() {
        return root.resolve("work");
    }

    public String managementPort() {
        return settings.get("camel.management.port");
    }

    /**
     * Drops a file the way the producer contract asks: written under another name, then renamed.
     */
    public void drop(String name, byte[] content) {
        try {
            Files.createDirectories(inbox());
            // a short hidden name, so that even a drop name at the file system's length limit can be written
            Path part = inbox().resolve("." + UUID.randomUUID() + ".part");
            Files.write(part, content);
            Files.move(part, inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a sample drop shipped with the demo. */
    public static byte[] sample(String name) {
        return resource("/demo/drops/" + name);
    }

    /** The bytes of a test fixture drop. */
    public static byte[] fixture(String name) {
        return resource("/drops/" + name);
    }

    /** A drop folder's status.json, or null while it does not exist. */
    public JsonNode status(String folder) {
        return status(outbox(), folder);
    }

    /**
     * Waits until a drop folder's status.json shows a final state and returns it.
     */
    public JsonNode awaitFinal(String folder, Duration timeout) {
        return awaitFinal(outbox(), folder, timeout);
    }

    public JsonNode awaitFinal(String folder) {
        return awaitFinal(folder, Duration.ofSeconds(30));
    }

    public JsonNode readJson(Path file) {
        return json(file);
    }

    /** A drop folder's status.json in an outbox, local or on the SFTP server, or null while it does not exist. */
    static JsonNode status(Path outbox, String folder) {
        Path file = outbox.resolve(folder).resolve("status.json");
        if (!Files.exists(file)) {
            return null;
        }
        return json(file);
    }

    /** Waits until a drop folder's status.json in an outbox shows a final state and returns it. */
    static JsonNode awaitFinal(Path outbox, String folder, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode status = status(outbox, folder);
            return status != null && FINAL.contains(status.path("state").asText());
        });
        return status(outbox, folder);
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stopGateway();
        emulator.close();
    }

    private static byte[] resource(String path) {
        try (InputStream in = GatewayHarness.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
