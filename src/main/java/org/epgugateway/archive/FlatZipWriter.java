package org.epgugateway.archive;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a ZIP without folders whose entries appear in the given order and carry one given time, so the
 * same entries always give the same bytes.
 */
public final class FlatZipWriter {

    // Limitation: deflated bytes come from the JDK's zlib; the same entries give the same archive on one
    // runtime, but another JDK build may compress differently.

    private static final Logger LOG = LoggerFactory.getLogger(FlatZipWriter.class);

    // the DOS date field of a ZIP entry covers these years; outside them Java adds extra time fields
    private static final int FIRST_DOS_YEAR = 1980;
    private static final int LAST_DOS_YEAR = 2107;

    private final LocalDateTime entryTime;

    /**
     * Creates a writer that stamps every entry with the same time.
     *
     * @param entryTime local date and time written into each entry, kept to whole even seconds as ZIP does;
     *        the year must lie between 1980 and 2107
     */
    public FlatZipWriter(LocalDateTime entryTime) {
        if (entryTime == null) {
            throw new IllegalArgumentException("entryTime must not be null");
        }
        if (entryTime.getYear() < FIRST_DOS_YEAR || entryTime.getYear() > LAST_DOS_YEAR) {
            throw new IllegalArgumentException("entryTime must lie in the years 1980 to 2107, was " + entryTime);
        }
        LocalDateTime seconds = entryTime.truncatedTo(ChronoUnit.SECONDS);
        this.entryTime = seconds.minusSeconds(seconds.getSecond() % 2);
    }

    /**
     * Writes the archive to a stream, which stays open.
     *
     * @param entries the files in archive order; names must differ, also when compared ignoring case
     * @param out where the archive goes
     * @throws IllegalArgumentException if there are no entries or two share a name
     * @throws IOException if an entry's file cannot be read or the stream cannot be written
     */
    public void write(List<ArchiveEntry> entries, OutputStream out) throws IOException {
        requireDistinctNames(entries);

        try (ZipOutputStream zip = new ZipOutputStream(new KeepOpen(out))) {
            zip.setLevel(Deflater.DEFAULT_COMPRESSION);
            for (ArchiveEntry entry : entries) {
                writeEntry(zip, entry);
            }
        }
        LOG.debug("Wrote flat archive with entries {}", entries);
    }

    /**
     * Writes the archive to a file: first under a temporary name in the same folder, then renamed over
     * {@code zipFile}, so readers never see half an archive.
     *
     * @param entries the files in archive order; names must differ, also when compared ignoring case
     * @param zipFile the archive to create or replace; its folder must exist
     * @throws IllegalArgumentException if there are no entries or two share a name
     * @throws IOException if an entry's file cannot be read or the archive cannot be written
     */
    public void write(List<ArchiveEntry> entries, Path zipFile) throws IOException {
        requireDistinctNames(entries);
        Path absolute = zipFile.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".part");

        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                write(entries, out);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Returns the archive as bytes.
     *
     * @param entries the files in archive order; names must differ, also when compared ignoring case
     * @return the archive; never null
     * @throws IllegalArgumentException if there are no entries or two share a name
     * @throws IOException if an entry's file cannot be read
     */
    public byte[] toBytes(List<ArchiveEntry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(entries, out);
        return out.toByteArray();
    }

    private void writeEntry(ZipOutputStream zip, ArchiveEntry entry) throws IOException {
        ZipEntry zipEntry = new ZipEntry(entry.name());
        // local time without a zone, so the bytes do not depend on the machine's time zone
        zipEntry.setTimeLocal(entryTime);
        zipEntry.setMethod(ZipEntry.DEFLATED);
        zip.putNextEntry(zipEntry);
        try (InputStream content = entry.open()) {
            content.transferTo(zip);
        }
        zip.closeEntry();
    }

    private static void requireDistinctNames(List<ArchiveEntry> entries) {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("an archive needs at least one entry");
        }
        // names that differ only in case collide when the archive is unpacked on Windows or macOS
        Set<String> seen = new HashSet<>();
        for (ArchiveEntry entry : entries) {
            if (!seen.add(entry.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("entry name " + EntryNames.quoted(entry.name())
                        + " occurs more than once");
            }
        }
    }

    /** Lets the ZIP stream be closed, which frees its deflater, without closing the caller's stream. */
    private static final class KeepOpen extends FilterOutputStream {

        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
