package org.epgugateway.runtime;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.main.Main;
import org.epgugateway.archive.ArchiveLimits;
import org.epgugateway.archive.GuardedUnzip;
import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.KnownSettings;
import org.epgugateway.config.ServiceProfiles;
import org.epgugateway.config.SettingsException;
import org.epgugateway.delivery.Outbox;
import org.epgugateway.delivery.StatusDocuments;
import org.epgugateway.delivery.StatusPublisher;
import org.epgugateway.epgu.ChunkedUploader;
import org.epgugateway.epgu.EpguClient;
import org.epgugateway.intake.DropIntake;
import org.epgugateway.intake.Spool;
import org.epgugateway.intake.StableFileFilter;
import org.epgugateway.intake.UnreadableInboxFiles;
import org.epgugateway.packaging.ArchiveSigning;
import org.epgugateway.pipeline.AnswerSignatures;
import org.epgugateway.pipeline.ClaimKeeper;
import org.epgugateway.pipeline.ClaimStep;
import org.epgugateway.pipeline.FailureStep;
import org.epgugateway.pipeline.IntakeStep;
import org.epgugateway.pipeline.OrderAge;
import org.epgugateway.pipeline.PollTicks;
import org.epgugateway.pipeline.PollingStep;
import org.epgugateway.pipeline.ResultStep;
import org.epgugateway.pipeline.RetryPolicy;
import org.epgugateway.pipeline.SubmissionStep;
import org.epgugateway.pipeline.ValidationStep;
import org.epgugateway.privacy.Redaction;
import org.epgugateway.signing.GostProvider;
import org.epgugateway.signing.OrganisationCertificate;
import org.epgugateway.signing.SignatureScheme;
import org.epgugateway.signing.SigningConfiguration;
import org.epgugateway.signing.SigningSelfCheck;
import org.epgugateway.store.OrderStore;
import org.epgugateway.store.StoreDatabase;
import org.epgugateway.validation.DropInspector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the gateway — signing key, order store, transports, EPGU client, route beans — and runs it on Camel
 * Main with the YAML routes from {@code routes/}.
 */
public final class GatewayRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayRuntime.class);
    /** Settings whose values must never appear in a log or an error file. */
    private static final List<String> SECRET_KEYS = KnownSettings.secretKeys();

    private final Main main;
    private final List<AutoCloseable> resources;
    private final OrderStore store;

    private GatewayRuntime(Main main, List<AutoCloseable> resources, OrderStore store) {
        this.main = main;
        this.resources = resources;
        this.store = store;
    }

    /**
     * Checks the configuration and builds everything; nothing runs until {@link #start()} or {@link #run()}.
     *
     * @param home the installation folder: relative paths in the configuration are resolved against it
     * @throws SettingsException when the configuration is incomplete or points at something unusable
     */
    public static GatewayRuntime create(Path home, GatewaySettings settings) {
        SettingsReview.check(settings);
        RequiredSettings.check(settings, home);
        FolderLayout.check(settings, home);
        ManagementPort.check(settings);
        protectSecrets(settings, home);
        GostProvider.install();
        Clock clock = Clock.systemUTC();
        // opened first and closed last: a token session must not outlive a failed start
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            SigningConfiguration signing = SigningConfiguration.load(home, settings);
            resources.add(signing);
            return assemble(home, settings, clock, signing, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static GatewayRuntime assemble(Path home, GatewaySettings settings, Clock clock,
            SigningConfiguration signing, List<AutoCloseable> resources) {
        String ogrn = organisationOgrn(signing);
        // a key that cannot sign does not stop the start: readiness reports it, with the reason
        SigningSelfCheck selfCheck = signing.selfCheck(clock);
        selfCheck.run();
        ServiceProfiles profiles = ServiceProfiles.load(home.resolve(settings.get("gateway.services",
                "config/services")), home);
        Transports transports = Transports.from(home, settings, clock);
        resources.add(transports);

        Path work = home.resolve(settings.get("gateway.work", "data/work"));
        WorkFolder.prepare(work, settings.getBoolean("sftp.inbox.enabled", false));
        StoreDatabase database = StoreDatabase.open(settings.get("store.url", ""), settings.get("store.user", ""),
                settings.findSecret("store.password", home).orElse(""), settings.get("store.schema", ""), work);
        resources.add(0, database);
        OrderStore store = new OrderStore(database.dataSource(), clock);
        String instance = settings.find("gateway.instance-id").orElseGet(GatewayRuntime::defaultInstanceId);
        // each run claims under its own name, so two runs (or two workers) never share a claim
        String owner = instance + "#" + UUID.randomUUID().toString().substring(0, 8);
        releaseLeftOverClaims(store, database.isEmbedded(), instance, owner);

        EpguClient epgu = epguClient(settings, home, signing, clock);
        resources.add(0, epgu);
        Main main = new Main();
        ClaimKeeper claims = new ClaimKeeper(store, owner, settings.getDuration("gateway.claim-lease",
                Duration.ofMinutes(2)));
        resources.add(0, claims);
        bindPipeline(main, new Parts(home, settings, clock, claims, ogrn, profiles, store, new Spool(work),
                transports.outbox(), epgu, signing));
        transports.bind(main);
        if (!database.isEmbedded()) {
            main.bind("quartz", ClusteredPollSchedule.component(database.dataSource(),
                    settings.get("camel.main.name", "epgu-gateway")));
        }
        configureProperties(main, home, settings, transports);
        List<HealthCheck> checks = new ArrayList<>(List.of(new StoreHealthCheck(database),
                new CircuitHealthCheck(epgu.circuits()), new SigningHealthCheck(selfCheck)));
        checks.addAll(transports.healthChecks());
        main.addMainListener(new RuntimeChecks(checks, selfCheck));
        main.addMainListener(new ManagementSummary());

        LOG.info("Gateway {} for OGRN {}: inbox {}; {}; store {}; EPGU {}", owner, ogrn, transports.describeInbox(),
                transports.outbox().describe(), database.description(), settings.require("epgu.url"));
        return new GatewayRuntime(main, resources, store);
    }

    /** Starts the routes and returns; for embedding and tests. */
    public void start() throws Exception {
        main.start();
    }

    /** Runs until the process is asked to stop. */
    public void run() throws Exception {
        main.run();
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public OrderStore store() {
        return store;
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            LOG.warn("Stopping Camel failed: {}", e.getMessage());
        }
        closeAll(resources);
    }

    /** What the route beans are made of. */
    private record Parts(Path home, GatewaySettings settings, Clock clock, ClaimKeeper claims, String ogrn,
            ServiceProfiles profiles, OrderStore store, Spool spool, Outbox outbox, EpguClient epgu,
            SigningConfiguration signing) {
    }

    /** Binds the beans the YAML routes call, under the names the routes use. */
    private static void bindPipeline(Main main, Parts p) {
        GatewaySettings settings = p.settings();
        ZoneId zone = ZoneId.of(settings.get("gateway.time-zone", "Europe/Moscow"));
        StatusDocuments documents = new StatusDocuments(zone);
        StatusPublisher status = new StatusPublisher(p.store(), p.outbox(), documents);
        RetryPolicy retries = new RetryPolicy(settings.getInt("retry.max-attempts", 8),
                settings.getDuration("retry.initial-delay", Duration.ofSeconds(10)),
                settings.getDuration("retry.max-delay", Duration.ofMinutes(10)),
                settings.getDuration("epgu.limit-window", Duration.ofMinutes(10)));
        OrderAge orderAge = new OrderAge(settings.getDuration("poll.max-age", Duration.ofHours(72)));
        FailureStep failures = new FailureStep(p.store(), p.spool(), p.outbox(), documents, status, p.claims(),
                retries, orderAge, new PollTicks(settings.get("poll.cron", "0/10 * * * * ?")));

        UnreadableInboxFiles unreadable = new UnreadableInboxFiles();
        main.bind("intake", new IntakeStep(new DropIntake(p.spool(), p.store(), p.outbox(), status), unreadable));
        main.bind("statusFiles", status);
        main.bind("stableFiles", new StableFileFilter(settings.getDurationOrMillis("gateway.inbox.stable-time",
                Duration.ofMillis(500)), p.clock(), unreadable));
        main.bind("claims", new ClaimStep(p.store(), p.claims(), settings.getInt("gateway.queue-size", 1000)));
        DropInspector inspector = new DropInspector(p.profiles(),
                settings.getLong("gateway.max-drop-size", 10L * 1024 * 1024),
                settings.getInt("gateway.max-text-length", 10_000));
        main.bind("validation", new ValidationStep(p.store(), p.spool(), inspector, status, p.claims().owner(),
                p.ogrn(), settings.getDuration("gateway.duplicate-window", Duration.ofHours(24))));
        SubmissionStep.Settings submission = new SubmissionStep.Settings(p.claims().owner(),
                settings.getDuration("gateway.claim-lease", Duration.ofMinutes(2)),
                settings.get("epgu.region", "45000000000"), settings.get("epgu.env", "SVCDEV"), zone,
                Duration.ofSeconds(1), settings.getBoolean("gateway.keep-sent-archives", false));
        ChunkedUploader uploader = new ChunkedUploader(p.epgu(), settings.getLong("epgu.chunk-size", 5_000_000L),
                settings.getBoolean("epgu.send-meta", true), Duration.ofSeconds(15), p.clock());
        main.bind("submission", new SubmissionStep(p.store(), p.spool(), p.profiles(), status, p.epgu(), uploader,
                ArchiveSigning.of(p.signing()), submission));
        main.bind("polling", new PollingStep(p.store(), p.spool(), p.profiles(), p.epgu(), status, documents,
                failures, p.claims(), orderAge, settings.getDuration("poll.max-interval", Duration.ofMinutes(5)),
                settings.getInt("poll.batch-size", 200)));
        GuardedUnzip unzip = new GuardedUnzip(ArchiveLimits.defaults()
                .withMaxEntries(settings.getInt("result.max-entries", 1000))
                .withMaxTotalBytes(settings.getLong("result.max-total-size", 100L * 1024 * 1024)));
        main.bind("results", new ResultStep(p.store(), p.spool(), p.profiles(), p.epgu(), unzip,
                new AnswerSignatures(p.signing().verifier()), p.outbox(), status, p.claims(),
                settings.getLong("result.max-download-size", 100L * 1024 * 1024)));
        main.bind("failures", failures);
    }

    private static EpguClient epguClient(GatewaySettings settings, Path home, SigningConfiguration signing,
            Clock clock) {
        return EpguClient.create(URI.create(settings.require("esia.url")), URI.create(settings.require("epgu.url")),
                settings.findSecret("esia.api-key", home).orElseThrow(), signing.signer()::signDetached,
                settings.getDuration("epgu.connect-timeout", Duration.ofSeconds(10)),
                settings.getDuration("epgu.read-timeout", Duration.ofSeconds(60)),
                TrustStores.fromFile(settings.find("epgu.truststore").map(file -> home.resolve(file).toString())
                                .orElse(""),
                        settings.findSecret("epgu.truststore-password", home).orElse("")),
                new EpguClient.CircuitSettings(settings.getInt("epgu.circuit.failures", 5),
                        settings.getDuration("epgu.circuit.open-time", Duration.ofSeconds(30))), clock);
    }

    /**
     * Hands Camel the configuration without its secrets (the beans that need them have them already); test and
     * embedding overrides win inside Camel too, and the values the routes read come converted for them.
     */
    private static void configureProperties(Main main, Path home, GatewaySettings settings, Transports transports) {
        Properties initial = settings.resolved();
        Properties overrides = new Properties();
        overrides.putAll(settings.overrides());
        SECRET_KEYS.forEach(initial::remove);
        SECRET_KEYS.forEach(overrides::remove);
        overrides.putAll(transports.camelProperties(settings));
        overrides.putAll(RouteProperties.of(home, settings));
        main.setInitialProperties(initial);
        main.setOverrideProperties(overrides);
    }

    /**
     * Registers the configured secrets for masking before anything can log them, and applies the operator's choice
     * on personal data in logs.
     */
    private static void protectSecrets(GatewaySettings settings, Path home) {
        for (String key : SECRET_KEYS) {
            settings.findSecret(key, home).ifPresent(Redaction::registerSecret);
        }
        Redaction.unmaskPersonalData(settings.getBoolean("logging.unmask-personal-data", false));
    }

    // EPGU takes GOST signatures by the organisation's certificate only
    private static String organisationOgrn(SigningConfiguration signing) {
        X509Certificate certificate = signing.certificate();
        SignatureScheme scheme = SignatureScheme.of(certificate);
        if (!scheme.isGost()) {
            throw new SettingsException("The signing certificate (" + OrganisationCertificate.describe(certificate)
                    + ") is for " + scheme.description() + "; EPGU accepts GOST R 34.10-2012 signatures only");
        }
        Optional<String> ogrn = OrganisationCertificate.ogrn(certificate);
        return ogrn.orElseThrow(() -> new SettingsException("The signing certificate ("
                + OrganisationCertificate.describe(certificate) + ") carries no OGRN (subject attribute "
                + "1.2.643.100.1); EPGU needs the organisation's certificate"));
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    /**
     * Claims a killed run left behind would hold their drops until the lease runs out. The embedded store is locked
     * to this process, so all of its claims are leftovers; a shared store's claims may be another instance's live
     * work, so only this instance id's are released and the rest are named with the time they will be taken over.
     */
    private static void releaseLeftOverClaims(OrderStore store, boolean embedded, String instance, String owner) {
        int released = embedded ? store.releaseEveryOtherClaim(owner)
                : store.releaseClaimsOfEarlierRuns(instance, owner);
        if (released > 0) {
            LOG.info("Released {} claims an earlier run left behind", released);
        }
        for (OrderStore.HeldClaims held : store.claimsHeldByOthers(owner)) {
            LOG.info("{} drops are claimed by {} until {}; if that instance is gone they are taken over then "
                    + "(give each instance a fixed gateway.instance-id so a restart releases its own claims at once)",
                    held.drops(), held.owner(), held.until());
        }
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
