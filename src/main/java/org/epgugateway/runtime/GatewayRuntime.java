package org.epgugateway.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Properties;

import org.apache.camel.CamelContext;
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
import org.epgugateway.pipeline.ClaimStep;
import org.epgugateway.pipeline.FailureStep;
import org.epgugateway.pipeline.IntakeStep;
import org.epgugateway.pipeline.PollingStep;
import org.epgugateway.pipeline.ResultStep;
import org.epgugateway.pipeline.RetryPolicy;
import org.epgugateway.pipeline.SubmissionStep;
import org.epgugateway.pipeline.ValidationStep;
import org.epgugateway.sftp.HostKeyRejectedException;
import org.epgugateway.sftp.SftpConnector;
import org.epgugateway.sftp.SftpInboxPolls;
import org.epgugateway.sftp.SftpOutbox;
import org.epgugateway.sftp.SftpSettings;
import org.epgugateway.signing.CmsSigner;
import org.epgugateway.signing.GostProvider;
import org.epgugateway.signing.OrganisationCertificate;
import org.epgugateway.signing.Pkcs12KeySource;
import org.epgugateway.signing.SigningKey;
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

    private final Main main;
    private final StoreDatabase database;
    private final OrderStore store;
    private final EpguClient epgu;
    private final Outbox outbox;

    private GatewayRuntime(Main main, StoreDatabase database, OrderStore store, EpguClient epgu, Outbox outbox) {
        this.main = main;
        this.database = database;
        this.store = store;
        this.epgu = epgu;
        this.outbox = outbox;
    }

    /**
     * Checks the configuration and builds everything; nothing runs until {@link #start()} or {@link #run()}.
     *
     * @param home the folder relative paths in the configuration are resolved against
     * @throws SettingsException when the configuration is incomplete or points at something unusable
     */
    public static GatewayRuntime create(Path home, GatewaySettings settings) {
        RequiredSettings.check(settings);
        GostProvider.install();
        Clock clock = Clock.systemUTC();
        String owner = settings.find("gateway.instance-id").orElseGet(GatewayRuntime::defaultInstanceId);
        ZoneId zone = ZoneId.of(settings.get("gateway.time-zone", "Europe/Moscow"));
        Duration lease = settings.getDuration("gateway.claim-lease", Duration.ofMinutes(5));

        SigningKey key = loadKey(home, settings);
        String ogrn = OrganisationCertificate.ogrn(key.certificate()).orElseThrow(() -> new SettingsException(
                "The signing certificate (" + OrganisationCertificate.describe(key.certificate()) + ") carries no "
                + "OGRN (subject attribute 1.2.643.100.1); EPGU needs the organisation's certificate"));
        ServiceProfiles profiles = ServiceProfiles.load(home.resolve(settings.get("gateway.services",
                "config/services")), home);
        SftpSettings sftp = SftpSettings.from(settings, home);
        SftpConnector sftpConnector = sftp.enabled() ? checkedConnector(sftp) : null;

        Path work = home.resolve(settings.get("gateway.work", "data/work"));
        StoreDatabase database = StoreDatabase.open(settings.get("store.url", ""), settings.get("store.user", ""),
                settings.get("store.password", ""), settings.get("store.schema", ""), work);
        OrderStore store = new OrderStore(database.dataSource(), clock);
        Spool spool = new Spool(work);
        Outbox outbox = sftp.outboxEnabled()
                ? new SftpOutbox(sftpConnector, sftp.outboxPath(), sftp.deadLetterPath(), sftp.retries(), clock)
                : new LocalOutbox(home.resolve(settings.get("gateway.outbox", "data/outbox")),
                        home.resolve(settings.get("gateway.dead-letter", "data/dead-letter")));
        StatusDocuments documents = new StatusDocuments(zone);
        StatusPublisher status = new StatusPublisher(store, outbox, documents);

        CmsSigner signer = new CmsSigner(key);
        EpguClient epgu = EpguClient.create(URI.create(settings.require("esia.url")),
                URI.create(settings.require("epgu.url")), settings.require("esia.api-key"), signer::signDetached,
                settings.getDuration("epgu.connect-timeout", Duration.ofSeconds(10)),
                settings.getDuration("epgu.read-timeout", Duration.ofSeconds(60)),
                TrustStores.fromFile(settings.get("epgu.truststore", ""), settings.get("epgu.truststore-password",
                        "")), clock);
        ChunkedUploader uploader = new ChunkedUploader(epgu, settings.getLong("epgu.chunk-size", 5_000_000L),
                settings.getBoolean("epgu.send-meta", true), Duration.ofSeconds(15), clock);
        GuardedUnzip unzip = new GuardedUnzip(ArchiveLimits.defaults()
                .withMaxEntries(settings.getInt("result.max-entries", 1000))
                .withMaxTotalBytes(settings.getLong("result.max-total-size", 100L * 1024 * 1024)));

        RetryPolicy retries = new RetryPolicy(settings.getInt("retry.max-attempts", 8),
                settings.getDuration("retry.initial-delay", Duration.ofSeconds(10)),
                settings.getDuration("retry.max-delay", Duration.ofMinutes(10)));
        FailureStep failures = new FailureStep(store, spool, outbox, documents, status, owner, retries);
        Main main = new Main();
        main.bind("intake", new IntakeStep(new DropIntake(spool, store, outbox, documents)));
        main.bind("claims", new ClaimStep(store, owner, lease, settings.getInt("gateway.queue-size", 1000)));
        main.bind("validation", new ValidationStep(store, spool, new DropInspector(profiles,
                settings.getLong("gateway.max-drop-size", 10L * 1024 * 1024)), status, owner, ogrn,
                settings.getDuration("gateway.duplicate-window", Duration.ofHours(24))));
        main.bind("submission", new SubmissionStep(store, spool, profiles, status, epgu, uploader,
                new SubmissionStep.Settings(owner, lease, settings.get("epgu.region",
                "45000000000"), settings.get("epgu.env", "SVCDEV"), zone, Duration.ofSeconds(1),
                settings.getBoolean("gateway.keep-sent-archives", false))));
        main.bind("polling", new PollingStep(store, spool, profiles, epgu, status, documents, failures, owner,
                Duration.ofMinutes(2), settings.getDuration("poll.max-age", Duration.ofHours(72)),
                settings.getInt("poll.batch-size", 200)));
        main.bind("results", new ResultStep(store, spool, profiles, epgu, unzip, outbox, status, owner,
                settings.getLong("result.max-download-size", 100L * 1024 * 1024)));
        main.bind("failures", failures);
        // the SFTP route reads its secrets from these beans, so they never appear in an endpoint URI or a property
        main.bind("sftpPassword", sftp.password());
        main.bind("sftpPrivateKeyPassphrase", sftp.privateKeyPassphrase());
        SftpInboxPolls inboxPolls = new SftpInboxPolls(clock);
        main.bind("sftpInboxPolls", inboxPolls);
        Properties initial = settings.resolved();
        SftpSettings.SECRET_KEYS.forEach(initial::remove);
        main.setInitialProperties(initial);
        Properties overrides = new Properties();
        overrides.putAll(settings.overrides());
        SftpSettings.SECRET_KEYS.forEach(overrides::remove);
        overrides.putAll(SftpRoutes.properties(sftp, settings));
        main.setOverrideProperties(overrides);
        main.addMainListener(new HealthChecks(database, outbox, sftp.inboxEnabled()
                ? new SftpInboxHealthCheck(inboxPolls, sftpConnector.describe() + "/" + sftp.inboxPath()) : null));

        LOG.info("Gateway {} for OGRN {}: inbox {}; {}; store {}; EPGU {}", owner, ogrn, sftp.inboxEnabled()
                ? sftpConnector.describe() + "/" + sftp.inboxPath() : settings.get("gateway.inbox", "data/inbox"),
                outbox.describe(), database.description(), settings.require("epgu.url"));
        return new GatewayRuntime(main, database, store, epgu, outbox);
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
        if (outbox instanceof SftpOutbox remote) {
            remote.close();
        }
        database.close();
    }

    private static SigningKey loadKey(Path home, GatewaySettings settings) {
        Path keystore = home.resolve(settings.require("signing.keystore"));
        return new Pkcs12KeySource(keystore, settings.require("signing.keystore-password").toCharArray(),
                settings.get("signing.key-alias", "")).load();
    }

    /**
     * Checks the SFTP server's host key before anything starts: an unknown or changed key stops the gateway; an
     * unreachable server or a refused login does not (SFTP work keeps trying and readiness says DOWN meanwhile).
     */
    private static SftpConnector checkedConnector(SftpSettings sftp) {
        SftpConnector connector = new SftpConnector(sftp);
        try {
            connector.verifyHostKey();
            LOG.info("SFTP server {} reached; its host key is in {}", connector.describe(), sftp.knownHostsFile());
        } catch (HostKeyRejectedException e) {
            throw new SettingsException(e.getMessage(), e);
        } catch (IOException e) {
            LOG.warn("SFTP server {} is not usable at start: {}; starting anyway, SFTP work waits until it answers "
                    + "(readiness shows it DOWN meanwhile)", connector.describe(), e.getMessage());
        }
        return connector;
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

    /** Registers the gateway's own readiness checks once Camel is configured. */
    private static final class HealthChecks extends MainListenerSupport {
        private final StoreDatabase database;
        private final Outbox outbox;
        private final SftpInboxHealthCheck sftpInbox;

        /**
         * @param sftpInbox the SFTP inbox check; null when drops come from the local inbox
         */
        HealthChecks(StoreDatabase database, Outbox outbox, SftpInboxHealthCheck sftpInbox) {
            this.database = database;
            this.outbox = outbox;
            this.sftpInbox = sftpInbox;
        }

        @Override
        public void afterConfigure(BaseMainSupport main) {
            HealthCheckRegistry registry = HealthCheckRegistry.get(main.getCamelContext());
            if (registry != null) {
                registry.register(new StoreHealthCheck(database));
                if (outbox instanceof SftpOutbox remote) {
                    registry.register(new SftpOutboxHealthCheck(remote));
                }
                if (sftpInbox != null) {
                    registry.register(sftpInbox);
                }
            }
        }
    }
}
