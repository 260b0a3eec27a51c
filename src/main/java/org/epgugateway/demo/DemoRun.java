package org.epgugateway.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.epgugateway.config.GatewaySettings;
import org.epgugateway.emulator.ApiKeyState;
import org.epgugateway.emulator.EmulatorServer;
import org.epgugateway.emulator.EmulatorSettings;
import org.epgugateway.runtime.GatewayRuntime;

/**
 * The demo: a throwaway GOST test PKI, the embedded emulator and the gateway in one process; the sample drops are
 * put into the inbox and the demo waits until each has landed in the outbox or the dead-letter folder.
 */
public final class DemoRun {

    /** The sample drops and the outcome each is scripted to reach in the emulator. */
    public static final Map<String, String> SAMPLES = samples();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final Path home;
    private final GatewaySettings baseSettings;

    /**
     * @param folder the demo's own folder; keys are kept there between runs, everything else is made anew
     * @param home the gateway's installation folder (routes, schemas, service profiles)
     * @param baseSettings the gateway configuration the demo starts from
     */
    public DemoRun(Path folder, Path home, GatewaySettings baseSettings) {
        // the folder is a command-line argument, relative to the working folder; the gateway's own relative paths
        // resolve against its installation folder, so the demo hands it absolute ones
        this.folder = folder.toAbsolutePath();
        this.home = home;
        this.baseSettings = baseSettings;
    }

    /**
     * One sample's result.
     *
     * @param drop the sample's file name
     * @param expected the state the sample is scripted to reach
     * @param state the state it reached, or null when it did not land in time
     * @param where the folder or dead-letter file to look at
     */
    public record Landing(String drop, String expected, String state, Path where) {
        public boolean landedAsExpected() {
            return expected.equals(state);
        }
    }

    /**
     * Runs the demo and returns each sample's landing.
     */
    public List<Landing> run(Duration timeout) throws Exception {
        DemoKeys keys = DemoAuthority.ensure(folder.resolve("keys"), DemoOrganisation.romashka());
        Path run = folder.resolve("run");
        deleteTree(run);
        UUID apiKey = UUID.randomUUID();

        EmulatorSettings emulatorSettings = EmulatorSettings.defaults()
                .withPort(0)
                .withTrustedCa(keys.caCertificate())
                .withApiKey(apiKey, ApiKeyState.ACTIVE)
                .withStepDelay(Duration.ofMillis(300))
                .withSchemas(home.resolve("schemas"));
        try (EmulatorServer emulator = EmulatorServer.start(emulatorSettings);
             GatewayRuntime gateway = GatewayRuntime.create(home, baseSettings.withOverrides(gatewaySettings(run,
                     keys, apiKey, emulator)))) {
            gateway.start();
            dropSamples(run.resolve("inbox"));
            return awaitLandings(run, Instant.now().plus(timeout));
        }
    }

    private static Map<String, String> gatewaySettings(Path run, DemoKeys keys, UUID apiKey,
            EmulatorServer emulator) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("gateway.inbox", run.resolve("inbox").toString());
        settings.put("gateway.outbox", run.resolve("outbox").toString());
        settings.put("gateway.dead-letter", run.resolve("dead-letter").toString());
        settings.put("gateway.work", run.resolve("work").toString());
        settings.put("esia.url", emulator.baseUrl().toString());
        settings.put("epgu.url", emulator.baseUrl().toString());
        settings.put("esia.api-key", apiKey.toString());
        settings.put("signing.keystore", keys.keystore().toString());
        settings.put("signing.keystore-password", keys.password());
        // the demo's own secrets replace any the environment names in files; both set would stop the start
        settings.put("esia.api-key-file", "");
        settings.put("signing.keystore-password-file", "");
        settings.put("signing.key-alias", keys.alias());
        settings.put("poll.cron", "0/1 * * * * ?");
        settings.put("gateway.resume-interval", "1000");
        settings.put("camel.management.port", Integer.toString(freePort()));
        return settings;
    }

    private void dropSamples(Path inbox) throws IOException {
        Files.createDirectories(inbox);
        for (String sample : SAMPLES.keySet()) {
            try (InputStream in = DemoRun.class.getResourceAsStream("/demo/drops/" + sample)) {
                if (in == null) {
                    throw new IllegalStateException("The sample drop " + sample + " is missing from the jar");
                }
                // the producer contract: write under another name, then rename to *.xml
                Path part = inbox.resolve(sample + ".part");
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, inbox.resolve(sample), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    private static List<Landing> awaitLandings(Path run, Instant deadline) throws InterruptedException {
        List<Landing> landings = new ArrayList<>();
        while (true) {
            landings.clear();
            for (Map.Entry<String, String> sample : SAMPLES.entrySet()) {
                landings.add(landing(run, sample.getKey(), sample.getValue()));
            }
            boolean allFinal = landings.stream().allMatch(l -> l.state() != null && isFinal(l.state()));
            if (allFinal || Instant.now().isAfter(deadline)) {
                return List.copyOf(landings);
            }
            Thread.sleep(250);
        }
    }

    private static Landing landing(Path run, String drop, String expected) {
        String base = drop.substring(0, drop.length() - ".xml".length());
        Path outboxFolder = run.resolve("outbox").resolve(base);
        Path status = outboxFolder.resolve("status.json");
        if (!Files.exists(status)) {
            return new Landing(drop, expected, null, outboxFolder);
        }
        try {
            JsonNode doc = JSON.readTree(status.toFile());
            String state = doc.path("state").asText();
            Path where = "FAILED".equals(state) ? run.resolve("dead-letter").resolve(doc.path("error")
                    .path("deadLetter").asText(drop)) : outboxFolder;
            return new Landing(drop, expected, state, where);
        } catch (IOException e) {
            // status.json is replaced atomically, so this is a transient read problem; ask again
            return new Landing(drop, expected, null, outboxFolder);
        }
    }

    private static boolean isFinal(String state) {
        return state.equals("DONE") || state.equals("REFUSED") || state.equals("FAILED") || state.equals("DUPLICATE");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static Map<String, String> samples() {
        Map<String, String> samples = new LinkedHashMap<>();
        samples.put("proceedings-found.xml", "DONE");
        samples.put("no-proceedings.xml", "DONE");
        samples.put("refused.xml", "REFUSED");
        samples.put("delivery-error.xml", "FAILED");
        return samples;
    }
}
