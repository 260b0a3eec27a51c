package org.epgugateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import javax.xml.transform.Transformer;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;

import com.fasterxml.jackson.databind.JsonNode;
import net.sf.saxon.TransformerFactoryImpl;
import org.epgugateway.archive.ArchiveEntry;
import org.epgugateway.archive.FlatZipWriter;
import org.epgugateway.delivery.LocalOutbox;
import org.epgugateway.delivery.StatusDocuments;
import org.epgugateway.delivery.StatusPublisher;
import org.epgugateway.epgu.ChunkedUploader;
import org.epgugateway.epgu.EpguClient;
import org.epgugateway.epgu.OrderMeta;
import org.epgugateway.intake.DropIntake;
import org.epgugateway.intake.Spool;
import org.epgugateway.signing.CmsSigner;
import org.epgugateway.store.DropRecord;
import org.epgugateway.store.DropState;
import org.epgugateway.store.OrderStore;
import org.epgugateway.store.StoreDatabase;
import org.epgugateway.testsupport.GatewayHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart in the middle of an upload continues correctly, and a repeated drop is never sent twice. The states a
 * crash leaves behind are prepared with the gateway's own store and client while the gateway is stopped.
 */
class ResumeAndDuplicatesTest {

    private static final OrderMeta META = new OrderMeta("45000000000", "60010153", "-60010153");
    private static final String BUSINESS_KEY = "60010153|00033344400|1027700123450|1";

    @TempDir
    Path root;

    private GatewayHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = GatewayHarness.start(root);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void a_repeated_drop_is_not_sent_again_and_points_at_the_first() {
        byte[] drop = GatewayHarness.sample("no-proceedings.xml");
        harness.drop("first.xml", drop);
        JsonNode first = harness.awaitFinal("first");

        harness.drop("again.xml", drop);
        JsonNode again = harness.awaitFinal("again");

        assertThat(first.path("state").asText()).isEqualTo("DONE");
        assertThat(again.path("state").asText()).isEqualTo("DUPLICATE");
        assertThat(again.path("duplicateOf").path("folder").asText()).isEqualTo("first");
        assertThat(again.path("duplicateOf").path("orderId").asLong()).isEqualTo(first.path("orderId").asLong());
        assertThat(harness.emulator().journal().completedUploadsFor(BUSINESS_KEY)).isEqualTo(1);
    }

    @Test
    void an_upload_interrupted_past_its_window_gets_a_new_order_and_the_old_one_is_recorded() throws Exception {
        harness.stopGateway();
        long staleOrder;
        long dropId;
        try (StoreDatabase database = StoreDatabase.open("", "", "", "", harness.work());
             EpguClient epgu = client()) {
            OrderStore store = new OrderStore(database.dataSource(), Clock.systemUTC());
            dropId = custodyOf(store, "interrupted.xml");
            staleOrder = epgu.reserve(META);
            store.markReserved(dropId, "crashed#run", staleOrder, store.now().minusMinutes(7));
            store.markUploadStarted(dropId, "crashed#run", store.now().minusMinutes(6));
        }

        harness.startGateway();
        JsonNode status = harness.awaitFinal("interrupted");

        assertThat(status.path("state").asText()).isEqualTo("DONE");
        assertThat(status.path("orderId").asLong()).isNotEqualTo(staleOrder);
        assertThat(harness.gateway().store().abandonedOrders()).singleElement()
                .satisfies(abandoned -> assertThat(abandoned.orderId()).isEqualTo(staleOrder));
        assertThat(harness.emulator().journal().order(staleOrder).orElseThrow().parts()).isEmpty();
    }

    @Test
    void an_upload_completed_just_before_a_crash_is_not_sent_again() throws Exception {
        harness.stopGateway();
        long orderId;
        try (StoreDatabase database = StoreDatabase.open("", "", "", "", harness.work());
             EpguClient epgu = client()) {
            OrderStore store = new OrderStore(database.dataSource(), Clock.systemUTC());
            long dropId = custodyOf(store, "uploaded.xml");
            orderId = epgu.reserve(META);
            OffsetDateTime reservedAt = store.now();
            store.markReserved(dropId, "crashed#run", orderId, reservedAt);
            store.markUploadStarted(dropId, "crashed#run", store.now());
            // the upload goes through, but the process dies before it records the answer
            Path archive = root.resolve("archive.zip");
            new FlatZipWriter(reservedAt.toLocalDateTime()).write(documents(orderId, reservedAt), archive);
            new ChunkedUploader(epgu, 5_000_000, true, Duration.ofSeconds(15), Clock.systemUTC())
                    .upload(orderId, META, archive, "piev_epgu.zip", 0, store.now().toInstant(), n -> { });
        }

        harness.startGateway();
        JsonNode status = harness.awaitFinal("uploaded");

        assertThat(status.path("state").asText()).isEqualTo("DONE");
        assertThat(status.path("orderId").asLong()).isEqualTo(orderId);
        assertThat(harness.emulator().journal().order(orderId).orElseThrow().parts()).hasSize(1);
        assertThat(harness.emulator().journal().completedUploadsFor(BUSINESS_KEY)).isEqualTo(1);
    }

    /** Takes a drop into custody and validates it, as the gateway would have done before the crash. */
    private long custodyOf(OrderStore store, String name) {
        Spool spool = new Spool(harness.work());
        LocalOutbox outbox = new LocalOutbox(harness.outbox(), harness.deadLetter());
        DropIntake intake = new DropIntake(spool, store, outbox, new StatusPublisher(store, outbox,
                new StatusDocuments(ZoneOffset.ofHours(3))));
        DropRecord drop = intake.takeCustody(name, new ByteArrayInputStream(
                GatewayHarness.sample("no-proceedings.xml")), "test:" + name).drop();
        store.claim(drop.id(), EnumSet.of(DropState.RECEIVED), "crashed#run", Duration.ofSeconds(1));
        store.claimIdentity(BUSINESS_KEY + "|" + drop.contentSha256(), drop.id(), Duration.ofHours(24));
        store.markValidated(drop.id(), "crashed#run", "60010153", BUSINESS_KEY);
        return drop.id();
    }

    private EpguClient client() {
        CmsSigner signer = new CmsSigner(harness.keys().keySource().load());
        return EpguClient.create(harness.emulator().baseUrl(), harness.emulator().baseUrl(),
                harness.setting("esia.api-key"), signer::signDetached, Duration.ofSeconds(5), Duration.ofSeconds(30),
                null, EpguClient.CircuitSettings.defaults(), Clock.systemUTC());
    }

    /** The archive's documents built with the service's own stylesheets. */
    private static List<ArchiveEntry> documents(long orderId, OffsetDateTime reservedAt) throws Exception {
        byte[] business = transform("config/services/60010153/piev_epgu.xsl", GatewayHarness.sample(
                "no-proceedings.xml"), Map.of("orderId", Long.toString(orderId)));
        byte[] transport = transform("config/services/60010153/req.xsl", business, Map.of("orderId",
                Long.toString(orderId), "epguEnv", "SVCDEV", "requestDateTime", reservedAt.withNano(0).toString(),
                "statementDate", reservedAt.toLocalDate().toString()));
        return List.of(ArchiveEntry.of("req.xml", transport), ArchiveEntry.of("piev_epgu.xml", business));
    }

    private static byte[] transform(String stylesheet, byte[] input, Map<String, String> parameters) throws Exception {
        Transformer transformer = new TransformerFactoryImpl().newTransformer(new StreamSource(stylesheet));
        parameters.forEach(transformer::setParameter);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        transformer.transform(new StreamSource(new ByteArrayInputStream(input)), new StreamResult(out));
        return out.toString(StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    }
}
