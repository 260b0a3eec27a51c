package org.epgugateway.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.epgugateway.archive.ArchiveEntry;
import org.epgugateway.archive.FlatZipWriter;
import org.epgugateway.config.ServiceProfile;
import org.epgugateway.config.ServiceProfiles;
import org.epgugateway.delivery.DurableFiles;
import org.epgugateway.delivery.StatusPublisher;
import org.epgugateway.epgu.ChunkWindowExpiredException;
import org.epgugateway.epgu.ChunkedUploader;
import org.epgugateway.epgu.EpguClient;
import org.epgugateway.epgu.EpguTransientException;
import org.epgugateway.epgu.OrderDetails;
import org.epgugateway.epgu.OrderMeta;
import org.epgugateway.intake.Spool;
import org.epgugateway.packaging.ArchiveSigning;
import org.epgugateway.packaging.ArchiveSigning.ArchiveDocument;
import org.epgugateway.store.DropRecord;
import org.epgugateway.store.DropState;
import org.epgugateway.store.OrderStore;
import org.epgugateway.validation.SafeXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route bean of the {@code submit} route: reserves (or reuses) the drop's EPGU order, then packs the documents the
 * route built into the archive and uploads it. Each step is committed before the remote call it enables, so a
 * restart continues with the same order and, inside EPGU's upload window, with the same archive bytes.
 */
public final class SubmissionStep {

    private static final Logger LOG = LoggerFactory.getLogger(SubmissionStep.class);

    private final OrderStore store;
    private final Spool spool;
    private final ServiceProfiles profiles;
    private final StatusPublisher status;
    private final EpguClient epgu;
    private final ChunkedUploader uploader;
    private final ArchiveSigning signing;
    private final Settings settings;

    /**
     * What the step needs from configuration.
     *
     * @param owner this instance's claim owner name
     * @param lease how long a claim lasts without renewal
     * @param region OKATO code sent when reserving
     * @param env the {@code Env} written into the transport document
     * @param zone the zone of the request date in the documents
     * @param firstPoll pause between the upload and the first poll
     * @param keepSentArchives whether uploaded archives are kept in the work folder's {@code sent/} for audit
     */
    public record Settings(String owner, Duration lease, String region, String env, ZoneId zone,
            Duration firstPoll, boolean keepSentArchives) {
    }

    public SubmissionStep(OrderStore store, Spool spool, ServiceProfiles profiles, StatusPublisher status,
            EpguClient epgu, ChunkedUploader uploader, ArchiveSigning signing, Settings settings) {
        this.store = store;
        this.spool = spool;
        this.profiles = profiles;
        this.status = status;
        this.epgu = epgu;
        this.uploader = uploader;
        this.signing = signing;
        this.settings = settings;
    }

    /**
     * Makes sure the drop has an order: reuses a reserved one, finishes the bookkeeping of an upload EPGU already
     * completed, gives up an order whose upload window closed, or reserves a new one. Leaves the drop's bytes as
     * the body and the stylesheet parameters and document paths as headers.
     */
    public void reserve(Exchange exchange) throws IOException {
        long id = Headers.dropId(exchange);
        store.renew(id, settings.owner(), settings.lease());
        DropRecord drop = store.require(id);
        ServiceProfile profile = profile(drop);

        if (drop.state() == DropState.UPLOADING && resumeInterruptedUpload(drop)) {
            exchange.getMessage().setHeader(Headers.STATE, DropState.SUBMITTED.name());
            return;
        }
        drop = store.require(id);
        if (drop.orderId() == null) {
            long orderId = epgu.reserve(meta(profile));
            store.markReserved(id, settings.owner(), orderId, store.now().truncatedTo(ChronoUnit.SECONDS));
            drop = status.publish(id);
            LOG.info("Drop {} reserved EPGU order {}", drop.folder(), orderId);
        }

        Message message = exchange.getMessage();
        message.setHeader(Headers.STATE, drop.state().name());
        OffsetDateTime requestTime = drop.reservedAt().atZoneSameInstant(settings.zone()).toOffsetDateTime();
        message.setHeader(Headers.ORDER_ID, Long.toString(drop.orderId()));
        message.setHeader(Headers.EPGU_ENV, settings.env());
        message.setHeader(Headers.REQUEST_DATE_TIME, requestTime.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        message.setHeader(Headers.STATEMENT_DATE, requestTime.toLocalDate().toString());
        message.setHeader(Headers.BUSINESS_XSLT, profile.business().xslt().toString());
        message.setHeader(Headers.BUSINESS_SCHEMA, profile.business().schema().toString());
        message.setHeader(Headers.TRANSPORT_XSLT, profile.transport().xslt().toString());
        message.setHeader(Headers.TRANSPORT_SCHEMA, profile.transport().schema().toString());
        // the stylesheets read UTF-8: the drop may have come in another encoding
        message.setBody(SafeXml.toUtf8(SafeXml.parse(Files.readAllBytes(spool.file(drop.spoolName())))));
    }

    /**
     * Packs the business document (exchange property {@value Headers#BUSINESS_DOCUMENT}) and the transport
     * document (the body), signed as the service profile says, into the archive, keeps it in the spool, and uploads
     * it.
     */
    public void upload(Exchange exchange) throws IOException {
        long id = Headers.dropId(exchange);
        store.renew(id, settings.owner(), settings.lease());
        DropRecord drop = store.require(id);
        ServiceProfile profile = profile(drop);
        Path archive = spool.archive(id, drop.orderId());
        if (!Files.exists(archive)) {
            // a resumed upload must send exactly the bytes of the parts EPGU already has
            pack(signing.entries(profile.signing(), List.of(
                    new ArchiveDocument(profile.transport().name(), exchange.getMessage().getBody(byte[].class)),
                    new ArchiveDocument(profile.business().name(), exchange.getProperty(Headers.BUSINESS_DOCUMENT,
                            byte[].class)))), drop.reservedAt(), archive);
            // packed inside the owner-only spool; the archive itself carries the applicant's data too
            spool.restrict(archive);
        }
        if (drop.state() == DropState.RESERVED) {
            store.markUploadStarted(id, settings.owner(), store.now());
            drop = store.require(id);
        }
        try {
            uploader.upload(drop.orderId(), meta(profile), archive, profile.archiveName(), drop.chunksAcked(),
                    drop.uploadStartedAt().toInstant(), acknowledged -> {
                        store.markChunkAcked(id, settings.owner(), acknowledged);
                        store.renew(id, settings.owner(), settings.lease());
                    });
        } catch (ChunkWindowExpiredException e) {
            abandon(drop, e.getMessage());
            throw new EpguTransientException(e.code(), 0, e.getMessage() + "; a new order will be reserved");
        }
        finishSubmission(drop);
    }

    /**
     * After a restart in the middle of an upload: asks EPGU whether the upload completed before the crash.
     *
     * @return true when the drop is now recorded as submitted
     */
    private boolean resumeInterruptedUpload(DropRecord drop) {
        OrderDetails details = epgu.details(drop.orderId());
        if (details.wasSent()) {
            LOG.info("Drop {}: EPGU already has the complete upload of order {}", drop.folder(), drop.orderId());
            finishSubmission(drop);
            return true;
        }
        OffsetDateTime started = drop.uploadStartedAt();
        if (started != null && store.now().isAfter(started.plus(ChunkedUploader.WINDOW))) {
            abandon(drop, "the upload was interrupted and its five-minute window closed at "
                    + started.plus(ChunkedUploader.WINDOW));
        }
        return false;
    }

    private void abandon(DropRecord drop, String reason) {
        store.abandonOrder(drop.id(), settings.owner(), drop.orderId(), reason);
        try {
            Files.deleteIfExists(spool.archive(drop.id(), drop.orderId()));
        } catch (IOException e) {
            LOG.warn("Drop {}: cannot remove the archive of abandoned order {}: {}", drop.folder(), drop.orderId(),
                    e.getMessage());
        }
        status.publish(drop.id());
        LOG.warn("Drop {}: order {} abandoned ({}); it was never sent to the agency and is listed for "
                + "reconciliation", drop.folder(), drop.orderId(), reason);
    }

    private void finishSubmission(DropRecord drop) {
        store.markSubmitted(drop.id(), settings.owner(), store.now().plus(settings.firstPoll()));
        Path archive = spool.archive(drop.id(), drop.orderId());
        try {
            if (settings.keepSentArchives() && Files.exists(archive)) {
                spool.createSentFolder();
                Path kept = spool.sentArchive(drop.folder(), drop.orderId());
                Files.move(archive, kept, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(archive);
            }
        } catch (IOException e) {
            LOG.warn("Drop {}: cannot tidy up the uploaded archive {}: {}", drop.folder(), archive, e.getMessage());
        }
        status.publish(drop.id());
        LOG.info("Drop {} submitted as EPGU order {}", drop.folder(), drop.orderId());
    }

    /**
     * Writes the archive durably; the same documents and reservation time give the same bytes.
     */
    private static void pack(List<ArchiveEntry> entries, OffsetDateTime time, Path target) throws IOException {
        Path temp = DurableFiles.temporarySibling(target);
        try {
            new FlatZipWriter(time.toLocalDateTime()).write(entries, temp);
            DurableFiles.sync(temp);
            DurableFiles.moveIntoPlace(temp, target);
        } finally {
            DurableFiles.deleteQuietly(temp);
        }
    }

    private ServiceProfile profile(DropRecord drop) {
        return profiles.byServiceCode(drop.serviceCode()).orElseThrow(() -> new IllegalStateException(
                "Drop " + drop.folder() + " is for service " + drop.serviceCode() + ", which has no profile any more"));
    }

    private OrderMeta meta(ServiceProfile profile) {
        return new OrderMeta(settings.region(), profile.serviceCode(), profile.targetCode());
    }
}
