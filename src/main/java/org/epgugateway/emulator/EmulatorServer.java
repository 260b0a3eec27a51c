package org.epgugateway.emulator;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The emulator of ESIA ({@code /esia-rs/...}) and the EPGU API ({@code /api/...}) as one HTTP server.
 */
public final class EmulatorServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);

    private final Server jetty;
    private final ServerConnector connector;
    private final EmulatorJournal journal;
    private final EmulatorFaults faults;
    private final HeldRequests held;
    private final Path workFolder;
    private final URI baseUrl;
    private final Map<UUID, ApiKeyState> apiKeys;

    private EmulatorServer(Server jetty, ServerConnector connector, EmulatorJournal journal, EmulatorFaults faults,
                           HeldRequests held, Path workFolder, String host, Map<UUID, ApiKeyState> apiKeys) {
        this.jetty = jetty;
        this.connector = connector;
        this.journal = journal;
        this.faults = faults;
        this.held = held;
        this.workFolder = workFolder;
        this.baseUrl = URI.create("http://" + urlHost(host) + ":" + connector.getLocalPort() + "/");
        this.apiKeys = apiKeys;
    }

    /**
     * Starts an emulator.
     *
     * @return the running emulator; close it to stop
     * @throws IllegalArgumentException when a trusted CA file or a schema cannot be read
     * @throws IllegalStateException    when the server cannot start, for example because the port is taken
     */
    public static EmulatorServer start(EmulatorSettings settings) {
        TrustedCertificates trusted = TrustedCertificates.load(settings.trustedCas());
        if (settings.apiKeys().isEmpty()) {
            LOG.warn("No API key configured ({}): every token request will be answered 404 ESIA-037218 (unknown key)",
                    EmulatorSettings.API_KEYS);
        }
        ApplicationSchemas schemas = ApplicationSchemas.load(settings.schemas());
        Path workFolder = createWorkFolder();
        EmulatorJournal journal = new EmulatorJournal();
        TokenIssuer tokens = new TokenIssuer(settings.clock(), settings.tokenTtl());
        Faults faults = Faults.of(settings, tokens, journal);
        HeldRequests held = new HeldRequests();
        Map<UUID, ApiKeyState> apiKeys = new ConcurrentHashMap<>(settings.apiKeys());

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("emulator");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        jetty.addConnector(connector);
        jetty.setHandler(new EmulatorRouter(actions(settings, apiKeys, trusted, schemas, tokens, journal, workFolder,
                faults), tokens, faults.gate(), journal, held));
        try {
            jetty.start();
        } catch (Exception e) {
            stopQuietly(jetty);
            deleteQuietly(workFolder);
            throw new IllegalStateException("emulator cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
        EmulatorServer server = new EmulatorServer(jetty, connector, journal, faults.handle(), held, workFolder,
                settings.host(), apiKeys);
        LOG.info("Emulator of ESIA and EPGU listening on {} ({})", server.baseUrl, settings);
        return server;
    }

    /** The fault machinery of one emulator: what the plan and the tests' handle share. */
    private record Faults(OrderRegistry registry, FaultGate gate, AnswerFaults answers, EmulatorFaults handle) {

        static Faults of(EmulatorSettings settings, TokenIssuer tokens, EmulatorJournal journal) {
            FaultPlan plan = settings.faults();
            Clock clock = settings.clock();
            OrderRegistry registry = new OrderRegistry(clock);
            EsiaOutage outage = new EsiaOutage(plan.esiaOutages(), plan.esiaOutageMode(), clock);
            ArmedFaults armed = new ArmedFaults();
            TokenFaults tokenFaults = new TokenFaults(plan.tokenLifetime(), plan.tokenMaxUses(), tokens);
            AnswerFaults answers = new AnswerFaults(plan, new FaultDraws(plan.seed()), journal);
            FaultGate gate = new FaultGate(plan, outage, armed, tokenFaults, tokens, registry, journal, clock);
            return new Faults(registry, gate, answers, new EmulatorFaults(plan, outage, armed, tokenFaults, answers));
        }
    }

    private static Map<Endpoint, EndpointAction> actions(EmulatorSettings settings, Map<UUID, ApiKeyState> apiKeys,
                                                         TrustedCertificates trusted, ApplicationSchemas schemas,
                                                         TokenIssuer tokens, EmulatorJournal journal, Path workFolder,
                                                         Faults faults) {
        Clock clock = settings.clock();
        OrderRegistry registry = faults.registry();
        StatusTimeline timeline = new StatusTimeline(settings.stepDelay());
        OrderLimit limit = settings.userLimitEnabled() ? new OrderLimit() : null;
        OrderEndpoints orders = new OrderEndpoints(registry, timeline, limit, journal, clock);
        StatusListEndpoints lists = new StatusListEndpoints(registry, timeline, settings.statusListZone(), clock);
        DownloadEndpoint downloads = new DownloadEndpoint(registry, timeline, clock);
        OrderSubmitter submitter = new OrderSubmitter(settings, registry, new AnswerCache(), faults.answers());
        UploadEndpoint upload = new UploadEndpoint(registry, new ArchiveInspector(schemas), submitter, journal,
                workFolder, settings.chunkWindow(), clock, faults.gate());
        ApiKeySignatureVerifier verifier = new ApiKeySignatureVerifier(trusted, settings.lenientSignature());

        Map<Endpoint, EndpointAction> actions = new EnumMap<>(Endpoint.class);
        actions.put(Endpoint.ESIA_TOKEN, new EsiaTokenEndpoint(apiKeys, verifier, tokens, clock));
        actions.put(Endpoint.ORDER_CREATE, orders::create);
        actions.put(Endpoint.PUSH_CHUNKED, upload);
        actions.put(Endpoint.ORDERS_STATUS, lists::ordersStatus);
        actions.put(Endpoint.UPDATED_AFTER, lists::updatedAfter);
        actions.put(Endpoint.ORDER_CANCEL, orders::cancel);
        actions.put(Endpoint.ORDER_DETAILS, orders::details);
        actions.put(Endpoint.DOWNLOAD, downloads::download);
        actions.put(Endpoint.STORAGE_DOWNLOAD, downloads::storageDownload);
        actions.put(Endpoint.JOURNAL, request -> HttpReply.json(200, journal.toJson()));
        return actions;
    }

    /** Where the emulator listens, for example {@code http://127.0.0.1:8780/}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The port the emulator listens on; the free port chosen when the settings asked for port 0. */
    public int port() {
        return connector.getLocalPort();
    }

    /** What the emulator received so far. */
    public EmulatorJournal journal() {
        return journal;
    }

    /** The handle to inject faults while the emulator runs. */
    public EmulatorFaults faults() {
        return faults;
    }

    /**
     * Changes what ESIA knows of an API key while the emulator runs, as the partners' portal does when a key is
     * issued, blocked or re-activated; later token requests see the new state.
     */
    public void setApiKeyState(UUID apiKey, ApiKeyState state) {
        apiKeys.put(Objects.requireNonNull(apiKey, "apiKey"), Objects.requireNonNull(state, "state"));
        LOG.info("ESIA now holds API key {} as {}", EsiaTokenEndpoint.masked(apiKey), state);
    }

    /** Stops the server, dropping requests it still holds, and deletes the upload parts it kept. */
    @Override
    public void close() {
        // no new connection first: a client retrying a dropped GET must meet a closed port, not a stopping server
        for (var connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector listening) {
                listening.close();
            }
        }
        held.dropAll();
        stopQuietly(jetty);
        deleteQuietly(workFolder);
        LOG.info("Emulator on {} stopped", baseUrl);
    }

    private static Path createWorkFolder() {
        try {
            return Files.createTempDirectory("epgu-emulator-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work folder for upload parts", e);
        }
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("Emulator server did not stop cleanly", e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Emulator could not delete its work folder {}", folder, e);
        }
    }

    /** A wildcard bind address is not something to connect to; the loopback address is. */
    private static String urlHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "127.0.0.1";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
