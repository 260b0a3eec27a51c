package org.epgugateway.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoKeys;
import org.epgugateway.demo.DemoOrganisation;
import org.epgugateway.emulator.ApiKeyState;
import org.epgugateway.emulator.EmulatorServer;
import org.epgugateway.emulator.EmulatorSettings;
import org.epgugateway.emulator.FaultPlan;
import org.epgugateway.store.StoreDatabase;
import org.epgugateway.testsupport.GatewayHarness;
import org.epgugateway.testsupport.GatewayProcess;
import org.epgugateway.testsupport.TestGatewaySettings;
import org.epgugateway.testsupport.TestDatabases;

/**
 * Drops N applications into a shared inbox, runs one or more gateway processes on them, kills a gateway with SIGKILL
 * at random moments M times (restarting it each time), lets everything finish, and counts lost, duplicated and stuck
 * drops against the emulator's own count of submissions per business key.
 */
public final class CrashHarness {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to run.
     *
     * @param drops applications to drop, each with its own applicant (so its own business key)
     * @param kills how many times a gateway is killed with SIGKILL and restarted
     * @param instances gateway processes sharing the inbox and the store
     * @param postgres whether the store is the local PostgreSQL (a fresh schema) instead of the embedded H2
     * @param seed makes the kill moments and victims repeatable
     * @param timeout how long to wait for every drop to land after the last kill
     * @param faults an emulator fault scenario (a properties file of {@code emulator.faults.*} keys), or null
     */
    public record Config(int drops, int kills, int instances, boolean postgres, long seed, Duration timeout,
            Path faults) {
        public Config {
            if (instances > 1 && !postgres) {
                throw new IllegalArgumentException("several instances need the PostgreSQL store");
            }
        }

        public Config(int drops, int kills, int instances, boolean postgres, long seed, Duration timeout) {
            this(drops, kills, instances, postgres, seed, timeout, null);
        }
    }

    /**
     * What came out.
     *
     * @param lost drops with no outcome anywhere: not in the inbox, no status.json
     * @param duplicated applicants whose application reached the agency more than once
     * @param stuck drops still without a final state when the time was up
     * @param states drops per final state
     * @param submittedBy uploads completed per gateway instance
     */
    public record Report(Config config, int lost, int duplicated, int stuck, Map<String, Integer> states,
            Map<String, Integer> submittedBy, int abandonedOrders, Map<String, Integer> faults, Duration elapsed) {

        public String describe() {
            return String.format("%s: %d drops, %d instance(s), %d SIGKILLs, store %s%s: lost %d, "
                    + "duplicated %d, stuck %d; states %s; uploads per instance %s; abandoned orders %d; "
                    + "faults injected %s; %d s", config.faults() == null ? "crash harness" : "fault soak",
                    config.drops(), config.instances(), config.kills(), config.postgres() ? "PostgreSQL" : "H2",
                    config.faults() == null ? "" : ", faults " + config.faults(), lost, duplicated, stuck, states,
                    submittedBy, abandonedOrders, faults, elapsed.toSeconds());
        }
    }

    private final Path root;

    public CrashHarness(Path root) {
        this.root = root;
    }

    public Report run(Config config) throws Exception {
        Instant started = Instant.now();
        Random random = new Random(config.seed());
        DemoKeys keys = DemoAuthority.ensure(root.resolve("keys"), DemoOrganisation.romashka());
        UUID apiKey = UUID.randomUUID();
        String schema = config.postgres() ? TestDatabases.freshSchema() : null;
        Path logs = Files.createDirectories(root.resolve("logs"));

        EmulatorSettings emulatorSettings = EmulatorSettings.defaults().withPort(0)
                .withTrustedCa(keys.caCertificate()).withApiKey(apiKey, ApiKeyState.ACTIVE)
                .withStepDelay(Duration.ofMillis(400)).withSchemas(Path.of("schemas"));
        if (config.faults() != null) {
            emulatorSettings = emulatorSettings.withFaults(FaultPlan.fromScenario(config.faults()));
        }
        try (EmulatorServer emulator = EmulatorServer.start(emulatorSettings)) {
            Map<String, String> settings = settings(keys, apiKey, emulator, schema);
            if (config.faults() != null) {
                // held requests must not hold workers for long: a timeout is a failure like any other
                settings.put("epgu.read-timeout", "5s");
                settings.put("retry.max-attempts", "12");
            }
            List<GatewayProcess> gateways = new ArrayList<>();
            for (int i = 1; i <= config.instances(); i++) {
                gateways.add(new GatewayProcess("gw" + i, settings, logs));
            }
            Map<String, String> drops = dropAll(config.drops());
            gateways.forEach(GatewayProcess::start);

            for (int kill = 0; kill < config.kills(); kill++) {
                GatewayProcess victim = gateways.get(random.nextInt(gateways.size()));
                // a moment while it works: most kills land in the middle of intake, upload, polls or downloads
                victim.awaitUp(Duration.ofSeconds(60));
                Thread.sleep(random.nextInt(6000));
                victim.kill();
                victim.start();
            }
            awaitLanding(drops.keySet(), Instant.now().plus(config.timeout()));
            for (GatewayProcess gateway : gateways) {
                gateway.stop();
            }
            return report(config, drops, emulator, schema, settings, Duration.between(started, Instant.now()));
        } finally {
            if (schema != null) {
                TestDatabases.dropSchema(schema);
            }
        }
    }

    private Map<String, String> settings(DemoKeys keys, UUID apiKey, EmulatorServer emulator, String schema) {
        Map<String, String> settings = new LinkedHashMap<>(TestGatewaySettings.forEmulator(root, emulator, keys,
                apiKey));
        // restarts and lease take-overs are part of the run: keep their pauses short
        settings.put("gateway.resume-interval", "1000");
        settings.put("gateway.claim-lease", "20s");
        settings.put("retry.initial-delay", "500ms");
        settings.put("retry.max-delay", "5s");
        // short pauses after EPGU failures keep calls, and so token renewals, going through ESIA's outage windows
        settings.put("epgu.circuit.open-time", "5s");
        if (schema != null) {
            settings.put("store.url", TestDatabases.POSTGRES_URL);
            settings.put("store.user", TestDatabases.POSTGRES_USER);
            settings.put("store.schema", schema);
        }
        return settings;
    }

    /** Writes the drops as the producer contract asks; each has its own applicant SNILS. */
    private Map<String, String> dropAll(int count) throws IOException {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        String template = new String(GatewayHarness.sample("no-proceedings.xml"), StandardCharsets.UTF_8)
                .replace("00033344400", "00011122200");
        Map<String, String> drops = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String snils = String.format("1%010d", i);
            String name = String.format("drop-%05d", i);
            Path part = inbox.resolve(name + ".xml.part");
            Files.writeString(part, template.replace("00011122200", snils), StandardCharsets.UTF_8);
            Files.move(part, inbox.resolve(name + ".xml"), StandardCopyOption.ATOMIC_MOVE);
            // the template is the sample of a claimant (ComplainerType 1)
            drops.put(name, "60010153|" + snils + "|" + DemoOrganisation.romashka().ogrn() + "|1");
        }
        return drops;
    }

    private void awaitLanding(Iterable<String> names, Instant deadline) throws InterruptedException {
        while (Instant.now().isBefore(deadline)) {
            boolean allFinal = true;
            for (String name : names) {
                String state = state(name);
                if (state == null || !GatewayHarness.FINAL.contains(state)) {
                    allFinal = false;
                    break;
                }
            }
            if (allFinal) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private Report report(Config config, Map<String, String> drops, EmulatorServer emulator, String schema,
            Map<String, String> settings, Duration elapsed) throws Exception {
        int lost = 0;
        int stuck = 0;
        int duplicated = 0;
        Map<String, Integer> states = new TreeMap<>();
        for (Map.Entry<String, String> drop : drops.entrySet()) {
            String state = state(drop.getKey());
            boolean inInbox = Files.exists(root.resolve("inbox").resolve(drop.getKey() + ".xml"));
            if (state == null && !inInbox) {
                lost++;
            } else if (state == null || !GatewayHarness.FINAL.contains(state)) {
                stuck++;
            } else {
                states.merge(state, 1, Integer::sum);
            }
            int submissions = emulator.journal().completedUploadsFor(drop.getValue());
            if (submissions > 1) {
                duplicated++;
            }
            if ("DONE".equals(state) && submissions == 0) {
                throw new IllegalStateException("The emulator has no submission for " + drop.getValue()
                        + " although its drop is DONE: the harness counts duplicates under the wrong key");
            }
        }
        Map<String, Integer> submittedBy = new TreeMap<>();
        int abandoned;
        // the gateways are stopped by now, so the embedded store can be opened as well as the shared one
        try (StoreDatabase store = StoreDatabase.open(settings.getOrDefault("store.url", ""),
                settings.getOrDefault("store.user", ""), "", schema, Path.of(settings.get("gateway.work")));
             Connection connection = store.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT submitted_by, count(*) FROM drop_record"
                    + " WHERE submitted_by IS NOT NULL GROUP BY submitted_by")) {
                while (rows.next()) {
                    submittedBy.merge(rows.getString(1).replaceAll("#.*", ""), rows.getInt(2), Integer::sum);
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM abandoned_order")) {
                rows.next();
                abandoned = rows.getInt(1);
            }
        }
        Map<String, Integer> faults = new TreeMap<>();
        emulator.journal().faults().forEach((kind, count) -> faults.put(kind.name(), count));
        return new Report(config, lost, duplicated, stuck, states, submittedBy, abandoned, faults, elapsed);
    }

    private String state(String name) {
        Path status = root.resolve("outbox").resolve(name).resolve("status.json");
        if (!Files.exists(status)) {
            return null;
        }
        try {
            JsonNode doc = JSON.readTree(status.toFile());
            return doc.path("state").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Runs the harness from the command line: {@code drops kills instances h2|postgres [seed [fault-scenario]]}.
     */
    public static void main(String[] args) throws Exception {
        Config config = new Config(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                "postgres".equals(args[3]), args.length > 4 ? Long.parseLong(args[4]) : 1L, Duration.ofMinutes(20),
                args.length > 5 ? Path.of(args[5]) : null);
        Path root = Files.createTempDirectory("crash-harness");
        Report report = new CrashHarness(root).run(config);
        System.out.println(report.describe());
        System.out.println("folders and logs: " + root);
    }
}
