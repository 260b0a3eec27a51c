package org.epgugateway.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.epgugateway.archive.GuardedUnzip;
import org.epgugateway.archive.UnsafeArchiveException;
import org.epgugateway.config.ServiceProfile;
import org.epgugateway.config.ServiceProfiles;
import org.epgugateway.delivery.DurableFiles;
import org.epgugateway.delivery.Outbox;
import org.epgugateway.delivery.StatusDocuments;
import org.epgugateway.delivery.StatusPublisher;
import org.epgugateway.epgu.EpguClient;
import org.epgugateway.epgu.EpguRejectedException;
import org.epgugateway.intake.Spool;
import org.epgugateway.store.DropRecord;
import org.epgugateway.store.OrderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route bean of the {@code result} route: downloads the answer of an order in EPGU status 3, unpacks it safely in
 * the spool, checks the signatures it carries, places each file into the drop's outbox folder and marks the drop
 * {@code DONE}. Running it again after
 * a crash gives the same files.
 */
public final class ResultStep {

    private static final Logger LOG = LoggerFactory.getLogger(ResultStep.class);
    /** EPGU's object type of result files. */
    private static final int RESULT_OBJECT_TYPE = 3;

    private final OrderStore store;
    private final Spool spool;
    private final ServiceProfiles profiles;
    private final EpguClient epgu;
    private final GuardedUnzip unpacker;
    private final AnswerSignatures signatures;
    private final Outbox outbox;
    private final StatusPublisher status;
    private final ClaimKeeper claims;
    private final String owner;
    private final long maxDownloadBytes;

    public ResultStep(OrderStore store, Spool spool, ServiceProfiles profiles, EpguClient epgu,
            GuardedUnzip unpacker, AnswerSignatures signatures, Outbox outbox, StatusPublisher status,
            ClaimKeeper claims, long maxDownloadBytes) {
        this.store = store;
        this.spool = spool;
        this.profiles = profiles;
        this.epgu = epgu;
        this.unpacker = unpacker;
        this.signatures = signatures;
        this.outbox = outbox;
        this.status = status;
        this.claims = claims;
        this.owner = claims.owner();
        this.maxDownloadBytes = maxDownloadBytes;
    }

    /**
     * Delivers the answer of the claimed drop in {@value Headers#DROP_ID}.
     */
    public void deliver(Exchange exchange) throws IOException, UnsafeArchiveException {
        exchange.setProperty(Headers.STAGE, "result");
        long id = Headers.dropId(exchange);
        DropRecord drop = store.require(id);
        ServiceProfile profile = profiles.byServiceCode(drop.serviceCode()).orElseThrow();

        String archiveName = "answer-" + id + ".zip";
        Path archive = spool.file(archiveName);
        Path unpacked = spool.answerFolder(id);
        Integer objectType = exchange.getMessage().getHeader(Headers.RESULT_OBJECT_TYPE, Integer.class);
        // the answer carries personal data: its file is made owner-only before a byte of it arrives
        Files.deleteIfExists(archive);
        spool.createFile(archiveName);
        download(drop, profile, objectType == null ? RESULT_OBJECT_TYPE : objectType, archive);
        clear(unpacked);
        spool.createAnswerFolder(id);
        List<String> files = unpacker.extract(archive, unpacked);
        for (String file : files) {
            spool.restrict(unpacked.resolve(file));
        }
        signatures.verify(unpacked, files);
        for (String file : files) {
            outbox.writeResult(drop.folder(), file, unpacked.resolve(file));
        }

        store.markDone(id, owner, StatusDocuments.toJson(files));
        status.publish(id);
        claims.release(id);
        clear(unpacked);
        DurableFiles.deleteQuietly(archive);
        spool.discard(drop.spoolName());
        LOG.info("Drop {}: answer of order {} delivered to the outbox ({} files)", drop.folder(), drop.orderId(),
                files.size());
    }

    private void download(DropRecord drop, ServiceProfile profile, int objectType, Path archive) {
        if (drop.currentStatusHistoryId() == null) {
            throw new EpguRejectedException("NO_RESULT", 200, "Order " + drop.orderId() + " is in status 3 but EPGU "
                    + "gave no currentStatusHistoryId to download its answer with");
        }
        epgu.download(drop.currentStatusHistoryId(), objectType, profile.resultMnemonic(), profile.serviceCode(),
                archive, maxDownloadBytes);
    }

    private static void clear(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
