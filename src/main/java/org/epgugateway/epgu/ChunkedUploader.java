package org.epgugateway.epgu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads an archive by EPGU's chunk rules: the ZIP bytes are split (never a multi-volume archive); every part but
 * the last holds 5 000 000 to 50 000 000 bytes, the last at most 50 000 000; parts are numbered from 0 and sent in
 * order; a single part sends neither {@code chunk} nor {@code chunks}; EPGU answers 206 to a non-last part and 200
 * to the last; all parts go within the five-minute window counted from the first.
 */
public final class ChunkedUploader {

    /** Smallest non-last part EPGU accepts. */
    public static final long MIN_PART = 5_000_000L;
    /** Largest part EPGU accepts. */
    public static final long MAX_PART = 50_000_000L;
    /** The window EPGU gives for all parts of one upload. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(ChunkedUploader.class);

    private final EpguClient client;
    private final long partSize;
    private final boolean sendMeta;
    private final Duration safetyMargin;
    private final Clock clock;

    /**
     * @param partSize wanted size of non-last parts; clamped to EPGU's limits
     * @param sendMeta whether every part carries the {@code meta} field
     * @param safetyMargin time kept free before the window closes; a part is not started after that
     */
    public ChunkedUploader(EpguClient client, long partSize, boolean sendMeta, Duration safetyMargin, Clock clock) {
        this.client = client;
        this.partSize = Math.max(MIN_PART, Math.min(MAX_PART, partSize));
        this.sendMeta = sendMeta;
        this.safetyMargin = safetyMargin;
        this.clock = clock;
    }

    /**
     * The parts an archive of this size is sent in.
     *
     * @param archiveName the archive's file name; parts of a series are named {@code <base>.z001}, {@code .z002}, ...
     */
    public List<UploadPart> plan(long archiveSize, String archiveName) {
        int count = (int) Math.max(1, (archiveSize + partSize - 1) / partSize);
        if (count == 1 && archiveSize > MAX_PART) {
            throw new IllegalStateException("unreachable: parts are never larger than " + MAX_PART);
        }
        String base = archiveName.endsWith(".zip") ? archiveName.substring(0, archiveName.length() - 4) : archiveName;
        List<UploadPart> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long offset = i * partSize;
            long length = Math.min(partSize, archiveSize - offset);
            String name = count == 1 ? archiveName : String.format("%s.z%03d", base, i + 1);
            parts.add(new UploadPart(i, count, offset, length, name));
        }
        return parts;
    }

    /**
     * Sends the parts not yet acknowledged.
     *
     * @param acknowledged how many leading parts EPGU already acknowledged in this upload
     * @param windowStart when the first part of this upload was sent; null when none was
     * @param onAcknowledged told the new count after each part EPGU acknowledges, before the next is sent
     * @throws ChunkWindowExpiredException when the window closed (or would close) before the last part
     */
    public void upload(long orderId, OrderMeta meta, Path archive, String archiveName, int acknowledged,
            Instant windowStart, IntConsumer onAcknowledged) {
        List<UploadPart> parts = plan(size(archive), archiveName);
        Instant start = windowStart;
        for (UploadPart part : parts.subList(Math.min(acknowledged, parts.size()), parts.size())) {
            Instant now = clock.instant();
            if (start != null && !now.isBefore(start.plus(WINDOW).minus(safetyMargin))) {
                throw new ChunkWindowExpiredException(orderId, "the five-minute upload window that opened at "
                        + start + " has closed with " + part.index() + " of " + part.count() + " parts sent");
            }
            if (start == null) {
                start = now;
            }
            int status = client.uploadPart(orderId, part, sendMeta ? meta : null, archive);
            int expected = part.isLast() ? 200 : 206;
            if (status != expected) {
                throw new EpguRejectedException("UNEXPECTED_STATUS", status, "Upload of order " + orderId + ": EPGU "
                        + "answered " + status + " to part " + part.index() + " of " + part.count() + ", expected "
                        + expected);
            }
            LOG.debug("Order {}: part {}/{} ({} bytes) accepted with {}", orderId, part.index() + 1, part.count(),
                    part.length(), status);
            onAcknowledged.accept(part.index() + 1);
        }
    }

    private static long size(Path archive) {
        try {
            return Files.size(archive);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the archive " + archive + ": " + e.getMessage(), e);
        }
    }
}
