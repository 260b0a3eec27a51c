package org.epgugateway.runtime;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.epgugateway.archive.ArchiveLimits;
import org.epgugateway.archive.GuardedUnzip;
import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.ServiceProfiles;
import org.epgugateway.config.SettingsException;
import org.epgugateway.delivery.LocalOutbox;
import org.epgugateway.delivery.Outbox;
import org.epgugateway.delivery.StatusDocuments;
import org.epgugateway.delivery.StatusPublisher;
import org.epgugateway.epgu.ChunkedUploader;
import org.epgugateway.epgu.EpguClient;
import org.epgugateway.intake.DropIntake;
import org.epgugateway.intake.Spool;
import org.epgugateway.intake.StableFileFilter;
import org.epgugateway.packaging.ArchiveSigning;
import org.epgugateway.pipeline.ClaimStep;
import org.epgugateway.privacy.Redaction;
import org.epgugateway.pipeline.FailureStep;
import org.epgugateway.pipeline.IntakeStep;
import org.epgugateway.pipeline.PollingStep;
import org.epgugateway.pipeline.ResultStep;
import org.epgugateway.pipeline.RetryPolicy;
import org.epgugateway.pipeline.SubmissionStep;
import org.epgugateway.pipeline.ValidationStep;
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
 * Assembles the gateway — store, signing key, EPGU client, route beans — and runs it on Camel Main with the YAML
 * routes from {@code routes/}.
 */
public final class GatewayRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayRuntime.class);
    /** Settings whose values must never appear in a log or an error file. */
    private static final List<String> SECRET_KEYS = List.of("esia.api-key", "signing.keystore-password",
            "signing.key-password", "signing.pkcs11.pin", "store.password", "epgu.truststore-password",
            "sftp.password", "sftp.private-key-passphrase");

    private final Main main;
    private final StoreDatabase database;
    private final OrderStore store;
    private final EpguClient epgu;
    private final SigningConfiguration signing;

    private GatewayRuntime(Main main, StoreDatabase database, OrderStore store, EpguClient epgu,
            SigningConfiguration signing) {
        this.main = main;
        this.database = database;
        this.store = store;
        this.epgu = epgu;
        this.signing = signing;
    }

    /**
     * Checks the configuration and builds everything; nothing runs until {@link #start()} or {@link #run()}.
     *
     * @param home the folder relative paths in the configuration are resolved against
     * @throws SettingsException when the configuration is incomplete or points at something unusable
     */
    public static GatewayRuntime create(Path home, GatewaySettings settings) {
        RequiredSettings.check(settings);
        protectSecrets(settings);
        GostProvider.install();
        Clock clock = Clock.systemUTC();
        String instance = settings.find("gateway.instance-id").orElseGet(GatewayRuntime::defaultInstanceId);
        // each run claims under its own name, so two runs (or two workers) never share a claim
        String owner = instance + "#" + UUID.randomUUID().toString().substring(0, 8);
        ZoneId zone = ZoneId.of(settings.get("gateway.time-zone", "Europe/Moscow"));
        Duration lease = settings.getDuration("gateway.claim-lease", Duration.ofMinutes(2));

        SigningConfiguration signing = SigningConfiguration.load(home, settings);
        String ogrn = organisationOgrn(signing);
        // a key that cannot sign does not stop the start: readiness reports it, with the reason
        SigningSelfCheck selfCheck = signing.selfCheck(clock);
        selfCheck.run();
        ServiceProfiles profiles = ServiceProfiles.load(home.resolve(settings.get("gateway.services",
                "config/services")), home);

        Path work = home.resolve(settings.get("gateway.work", "data/work"));
        StoreDatabase database = StoreDatabase.open(settings.get("store.url", ""), settings.get("store.user", ""),
                settings.get("store.password", ""), settings.get("store.schema", ""), work);
        OrderStore store = new OrderStore(database.dataSource(), clock);
        int released = store.releaseClaimsOfEarlierRuns(instance, owner);
        if (released > 0) {
            LOG.info("Released {} claims an earlier run of instance {} left behind", released, instance);
        }
        Spool spool = new Spool(work);
        Outbox outbox = new LocalOutbox(home.resolve(settings.get("gateway.outbox", "data/outbox")),
                home.resolve(settings.get("gateway.dead-letter", "data/dead-letter")));
        StatusDocuments documents = new StatusDocuments(zone);
        StatusPublisher status = new StatusPublisher(store, outbox, documents);

        EpguClient epgu = EpguClient.create(URI.create(settings.require("esia.url")),
                URI.create(settings.require("epgu.url")), settings.require("esia.api-key"),
                signing.signer()::signDetached,
                settings.getDuration("epgu.connect-timeout", Duration.ofSeconds(10)),
                settings.getDuration("epgu.read-timeout", Duration.ofSeconds(60)),
                TrustStores.fromFile(settings.get("epgu.truststore", ""), settings.get("epgu.truststore-password",
                        "")), new EpguClient.CircuitSettings(settings.getInt("epgu.circuit.failures", 5),
                        settings.getDuration("epgu.circuit.open-time", Duration.ofSeconds(30))), clock);
        ChunkedUploader uploader = new ChunkedUploader(epgu, settings.getLong("epgu.chunk-size", 5_000_000L),
                settings.getBoolean("epgu.send-meta", true), Duration.ofSeconds(15), clock);
        GuardedUnzip unzip = new GuardedUnzip(ArchiveLimits.defaults()
                .withMaxEntries(settings.getInt("result.max-entries", 1000))
                .withMaxTotalBytes(settings.getLong("result.max-total-size", 100L * 1024 * 1024)));

        RetryPolicy retries = new RetryPolicy(settings.getInt("retry.max-attempts", 8),
                settings.getDuration("retry.initial-delay", Duration.ofSeconds(10)),
                settings.getDuration("retry.max-delay", Duration.ofMinutes(10)),
                settings.getDuration("epgu.limit-window", Duration.ofMinutes(10)));
        FailureStep failures = new FailureStep(store, spool, outbox, documents, status, owner, retries);
        Main main = new Main();
        main.bind("intake", new IntakeStep(new DropIntake(spool, store, outbox, documents)));
        main.bind("stableFiles", new StableFileFilter(Duration.ofMillis(settings.getLong("gateway.inbox.stable-time",
                500)), clock));
        main.bind("claims", new ClaimStep(store, owner, lease, settings.getInt("gateway.queue-size", 1000)));
        main.bind("validation", new ValidationStep(store, spool, new DropInspector(profiles,
                settings.getLong("gateway.max-drop-size", 10L * 1024 * 1024)), status, owner, ogrn,
                settings.getDuration("gateway.duplicate-window", Duration.ofHours(24))));
        SubmissionStep.Settings submission = new SubmissionStep.Settings(owner, lease,
                settings.get("epgu.region", "45000000000"), settings.get("epgu.env", "SVCDEV"), zone,
                Duration.ofSeconds(1), settings.getBoolean("gateway.keep-sent-archives", false));
        main.bind("submission", new SubmissionStep(store, spool, profiles, status, epgu, uploader,
                ArchiveSigning.of(signing), submission));
        main.bind("polling", new PollingStep(store, spool, profiles, epgu, status, documents, failures, owner,
                Duration.ofMinutes(2), settings.getDuration("poll.max-age", Duration.ofHours(72)),
                settings.getDuration("poll.max-interval", Duration.ofMinutes(5)),
                settings.getInt("poll.batch-size", 200)));
        main.bind("results", new ResultStep(store, spool, profiles, epgu, unzip, outbox, status, owner,
                settings.getLong("result.max-download-size", 100L * 1024 * 1024)));
        main.bind("failures", failures);
        if (!database.isEmbedded()) {
            main.bind("quartz", ClusteredPollSchedule.component(database.dataSource(), settings.get("camel.main.name",
                    "epgu-gateway")));
        }
        main.setInitialProperties(settings.resolved());
        Properties overrides = new Properties();
        overrides.putAll(settings.overrides());
        main.setOverrideProperties(overrides);
        main.addMainListener(new HealthChecks(database, epgu, selfCheck));

        LOG.info("Gateway {} for OGRN {}: {}; store {}; EPGU {}", owner, ogrn, outbox.describe(),
                database.description(), settings.require("epgu.url"));
        return new GatewayRuntime(main, database, store, epgu, signing);
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
        epgu.close();
        database.close();
        signing.close();
    }

    /**
     * Registers the configured secrets for masking before anything can log them, and applies the operator's choice
     * on personal data in logs.
     */
    private static void protectSecrets(GatewaySettings settings) {
        for (String key : SECRET_KEYS) {
            settings.find(key).ifPresent(Redaction::registerSecret);
        }
        Redaction.unmaskPersonalData(settings.getBoolean("logging.unmask-personal-data", false));
    }

    // EPGU takes GOST signatures by the organisation's certificate only; a token session is closed on refusal
    private static String organisationOgrn(SigningConfiguration signing) {
        X509Certificate certificate = signing.certificate();
        SignatureScheme scheme = SignatureScheme.of(certificate);
        Optional<String> ogrn = OrganisationCertificate.ogrn(certificate);
        if (!scheme.isGost()) {
            signing.close();
            throw new SettingsException("The signing certificate (" + OrganisationCertificate.describe(certificate)
                    + ") is for " + scheme.description() + "; EPGU accepts GOST R 34.10-2012 signatures only");
        }
        if (ogrn.isEmpty()) {
            signing.close();
            throw new SettingsException("The signing certificate (" + OrganisationCertificate.describe(certificate)
                    + ") carries no OGRN (subject attribute 1.2.643.100.1); EPGU needs the organisation's "
                    + "certificate");
        }
        return ogrn.get();
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

    /** Registers the gateway's own readiness checks once Camel is configured, and its gauges once it runs. */
    private static final class HealthChecks extends MainListenerSupport {
        private final StoreDatabase database;
        private final EpguClient epgu;
        private final SigningSelfCheck selfCheck;

        HealthChecks(StoreDatabase database, EpguClient epgu, SigningSelfCheck selfCheck) {
            this.database = database;
            this.epgu = epgu;
            this.selfCheck = selfCheck;
        }

        @Override
        public void afterConfigure(BaseMainSupport main) {
            HealthCheckRegistry registry = HealthCheckRegistry.get(main.getCamelContext());
            if (registry != null) {
                registry.register(new StoreHealthCheck(database));
                registry.register(new CircuitHealthCheck(epgu.circuits()));
                registry.register(new SigningHealthCheck(selfCheck));
            }
            // the metrics registry exists only once Camel has started its services
            try {
                main.getCamelContext().addStartupListener(new GaugeRegistration());
            } catch (Exception e) {
                LOG.warn("The signing gauges cannot be registered: {}", e.getMessage());
            }
        }

        /** Registers the gauges when Camel has started, with the registry camel.metrics.enabled created. */
        private final class GaugeRegistration implements StartupListener {

            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                // too early: the metrics service starts with the context's services
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                registerGauges(context);
            }
        }

        private void registerGauges(CamelContext context) {
            MeterRegistry meters = context.getRegistry().findSingleByType(MeterRegistry.class);
            if (meters == null) {
                return; // metrics are off (camel.metrics.enabled = false)
            }
            Gauge.builder("gateway.signing.certificate.days.until.expiry", selfCheck,
                            SigningSelfCheck::daysUntilExpiry)
                    .description("Whole days until the signing certificate expires; negative once it has")
                    .register(meters);
            Gauge.builder("gateway.signing.self.check", selfCheck, check -> check.current().passed() ? 1 : 0)
                    .description("1 when the signing key signed and verified the latest probe, 0 otherwise")
                    .register(meters);
        }
    }
}
