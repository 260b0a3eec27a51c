package org.epgugateway.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The emulator a test talks to, registered with {@code @RegisterExtension} on a static field: the test
 * organisation's PKI is made once per test class, each test starts an emulator with the settings it needs, and the
 * emulator is stopped after the test.
 */
final class TestEmulator implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private final MutableClock clock;
    private final UnaryOperator<EmulatorSettings> classTuning;
    private Path pkiFolder;
    private TestOrganisation organisation;
    private EmulatorServer server;
    private EmulatorClient client;
    private String token;

    /** An emulator on the system clock, with the settings each test gives. */
    TestEmulator() {
        this(null, UnaryOperator.identity());
    }

    private TestEmulator(MutableClock clock, UnaryOperator<EmulatorSettings> classTuning) {
        this.clock = clock;
        this.classTuning = classTuning;
    }

    /** An emulator on the clock, which is set to the present before each test. */
    static TestEmulator on(MutableClock clock) {
        return new TestEmulator(clock, settings -> settings.withClock(clock));
    }

    /** The same emulator with a tuning that every start in the test class applies after the test's settings. */
    TestEmulator tunedBy(UnaryOperator<EmulatorSettings> tuning) {
        return new TestEmulator(clock, settings -> tuning.apply(classTuning.apply(settings)));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        pkiFolder = Files.createTempDirectory("emulator-pki-");
        organisation = TestOrganisation.create(pkiFolder);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // set after the PKI was made, so that the clock never reads a time before its certificates were issued
        if (clock != null) {
            clock.setToNow();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (pkiFolder == null) {
            return; // the folder could not even be made
        }
        try (Stream<Path> paths = Files.walk(pkiFolder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** The organisation the tests act for. */
    TestOrganisation organisation() {
        return organisation;
    }

    /** Starts an emulator with the organisation's settings. */
    EmulatorClient start() {
        return start(organisation.settings());
    }

    /** Starts an emulator with the organisation's settings, tuned for the test. */
    EmulatorClient start(UnaryOperator<EmulatorSettings> tuning) {
        return start(tuning.apply(organisation.settings()));
    }

    /** Starts an emulator with the organisation's settings and the fault plan. */
    EmulatorClient start(FaultPlan plan) {
        return start(organisation.settings().withFaults(plan));
    }

    /**
     * Starts an emulator with the settings and the test class's tuning.
     *
     * @return a client of the new emulator, the same as {@link #client()} until the emulator stops
     */
    EmulatorClient start(EmulatorSettings settings) {
        if (server != null) {
            throw new IllegalStateException("an emulator is running already; close it first");
        }
        server = EmulatorServer.start(classTuning.apply(settings));
        client = new EmulatorClient(server.baseUrl());
        return client;
    }

    EmulatorClient client() {
        running();
        return client;
    }

    /** The employee's token, asked for on first use and kept while this emulator runs. */
    String token() throws IOException, InterruptedException {
        if (token == null) {
            token = tokenFor(TestOrganisation.EMPLOYEE_KEY);
        }
        return token;
    }

    /** A new token for the API key, signed by the organisation. */
    String tokenFor(UUID apiKey) throws IOException, InterruptedException {
        return client().token(apiKey, organisation.signer());
    }

    EmulatorJournal journal() {
        return running().journal();
    }

    EmulatorFaults faults() {
        return running().faults();
    }

    /** Stops the emulator, as a test may do midway; after each test the extension does it. */
    void close() {
        if (server != null) {
            server.close();
            server = null;
            client = null;
            token = null;
        }
    }

    private EmulatorServer running() {
        if (server == null) {
            throw new IllegalStateException("no emulator is running; start one first");
        }
        return server;
    }
}
