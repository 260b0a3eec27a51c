package org.epgugateway.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.epgugateway.archive.UnsafeArchiveException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts an untrusted flat ZIP into a folder, refusing anything that could escape the folder, replace
 * existing files or exhaust the disk, and leaving nothing behind when it refuses.
 *
 * <p>Only flat archives are extracted: an entry inside a folder, or a folder entry, is refused, because
 * readers of the target folder expect files side by side and EPGU archives are flat. The whole central
 * directory is checked before the first byte is written; bytes are counted while they are unpacked, never
 * taken from the sizes the archive declares. Files are written under temporary names ({@code .<random>.part})
 * and renamed into place once every entry has been unpacked. Instances are immutable and may be shared
 * between threads.
 */
public final class GuardedUnzip {

    // Limitation: a crash in the middle of an extraction leaves its .part files (and, for a stream, the spool
    // file in the temporary folder) behind; nothing here cleans them up on the next start.
    // Limitation: entry names without the ZIP UTF-8 flag are read as UTF-8, so an archive from an old Windows
    // tool that wrote code page 866 names yields garbled, though still checked, names.

    private static final Logger LOG = LoggerFactory.getLogger(GuardedUnzip.class);

    private static final int BUFFER_SIZE = 8192;
    private static final int PREVIEW_LENGTH = 16;
    private static final byte[] LOCAL_HEADER = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ARCHIVE = {'P', 'K', 5, 6};
    private static final int END_RECORD_SIGNATURE = 0x06054b50;
    private static final int END_RECORD_LENGTH = 22;
    private static final int END_RECORD_ENTRIES_OFFSET = 10;
    private static final int MAX_COMMENT_LENGTH = 0xFFFF;
    private static final int ZIP64_MARKER = 0xFFFF;
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:");

    private final ArchiveLimits limits;

    /**
     * Creates an extractor.
     *
     * @param limits the caps every archive must stay within; must not be null
     */
    public GuardedUnzip(ArchiveLimits limits) {
        if (limits == null) {
            throw new IllegalArgumentException("limits must not be null");
        }
        this.limits = limits;
    }

    /** Returns the caps this extractor enforces; never null. */
    public ArchiveLimits limits() {
        return limits;
    }

    /**
     * Extracts an archive file into a folder.
     *
     * @param archive the ZIP to extract; it is only read
     * @param targetFolder an existing folder; files already in it are never replaced
     * @return names of the extracted files relative to the folder, in archive order; never null
     * @throws UnsafeArchiveException if the archive breaks a rule; nothing was left in the folder then
     * @throws IOException if the archive or the folder cannot be read or written
     */
    public List<String> extract(Path archive, Path targetFolder) throws UnsafeArchiveException, IOException {
        Path target = existingFolder(targetFolder);
        long size = Files.size(archive);
        if (size > limits.maxArchiveBytes()) {
            throw new UnsafeArchiveException(Reason.TOO_LARGE,
                    "archive is " + size + " bytes, more than the limit of " + limits.maxArchiveBytes() + " bytes");
        }

        try (SeekableByteChannel channel = Files.newByteChannel(archive)) {
            checkStartsLikeZip(channel);
            checkDeclaredEntryCount(channel);
            channel.position(0);
            try (ZipFile zip = open(channel)) {
                List<ZipArchiveEntry> entries = inspect(zip, target);
                List<String> names = unpack(zip, entries, target);
                LOG.debug("Extracted {} files into {}", names.size(), target);
                return names;
            }
        }
    }

    /**
     * Extracts an archive read from a stream into a folder. The stream is first copied, up to the archive
     * size cap, to a private temporary file, because symbolic links are marked only in the central directory
     * at the end of a ZIP.
     *
     * @param archive the ZIP to extract; read to its end or to the cap, not closed
     * @param targetFolder an existing folder; files already in it are never replaced
     * @return names of the extracted files relative to the folder, in archive order; never null
     * @throws UnsafeArchiveException if the archive breaks a rule; nothing was left in the folder then
     * @throws IOException if the stream cannot be read or the folder cannot be written
     */
    public List<String> extract(InputStream archive, Path targetFolder) throws UnsafeArchiveException, IOException {
        Path target = existingFolder(targetFolder);
        // createTempFile makes the file readable by this user only: answers carry personal data
        Path spool = Files.createTempFile("epgu-archive-", ".zip");
        try {
            spool(archive, spool);
            return extract(spool, target);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static Path existingFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "target folder does not exist");
        }
        // the real path, so that a link in the folder's own path cannot confuse the containment check
        return folder.toRealPath();
    }

    private void spool(InputStream in, Path spool) throws UnsafeArchiveException, IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long copied = 0;
        try (OutputStream out = Files.newOutputStream(spool)) {
            while (true) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, limits.maxArchiveBytes() - copied + 1));
                if (read < 0) {
                    return;
                }
                copied += read;
                if (copied > limits.maxArchiveBytes()) {
                    throw new UnsafeArchiveException(Reason.TOO_LARGE,
                            "archive is larger than the limit of " + limits.maxArchiveBytes() + " bytes");
                }
                out.write(buffer, 0, read);
            }
        }
    }

    private static void checkStartsLikeZip(SeekableByteChannel channel) throws UnsafeArchiveException, IOException {
        ByteBuffer start = ByteBuffer.allocate(PREVIEW_LENGTH);
        while (start.hasRemaining() && channel.read(start) > 0) {
            // keep reading: a channel may return fewer bytes than asked
        }
        byte[] head = Arrays.copyOf(start.array(), start.position());
        if (head.length == 0) {
            throw new UnsafeArchiveException(Reason.NOT_ZIP, "archive is empty (0 bytes)");
        }
        byte[] magic = Arrays.copyOf(head, LOCAL_HEADER.length);
        if (!Arrays.equals(magic, LOCAL_HEADER) && !Arrays.equals(magic, EMPTY_ARCHIVE)) {
            throw new UnsafeArchiveException(Reason.NOT_ZIP,
                    "archive is not a ZIP file; it starts with '" + printable(head) + "'");
        }
    }

    /** Refuses early, before the central directory is read, when the archive itself declares too many entries. */
    private void checkDeclaredEntryCount(SeekableByteChannel channel) throws UnsafeArchiveException, IOException {
        long size = channel.size();
        int tailLength = (int) Math.min(size, END_RECORD_LENGTH + MAX_COMMENT_LENGTH);
        ByteBuffer tail = ByteBuffer.allocate(tailLength).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(size - tailLength);
        while (tail.hasRemaining() && channel.read(tail) > 0) {
            // keep reading: a channel may return fewer bytes than asked
        }

        for (int at = tail.position() - END_RECORD_LENGTH; at >= 0; at--) {
            if (tail.getInt(at) == END_RECORD_SIGNATURE) {
                int declared = Short.toUnsignedInt(tail.getShort(at + END_RECORD_ENTRIES_OFFSET));
                // a ZIP64 archive keeps its count elsewhere; the count of real entries below still applies
                if (declared != ZIP64_MARKER && declared > limits.maxEntries()) {
                    throw new UnsafeArchiveException(Reason.TOO_MANY_ENTRIES, "archive declares " + declared
                            + " entries, more than the limit of " + limits.maxEntries());
                }
                return;
            }
        }
        // no end record: opening the archive reports it as damaged
    }

    // Limitation: an end record that understates the entry count is caught only after commons-compress has read
    // the whole central directory into memory; the archive size cap bounds how large that can be.
    private static ZipFile open(SeekableByteChannel channel) throws UnsafeArchiveException {
        try {
            return ZipFile.builder().setSeekableByteChannel(channel).get();
        } catch (IOException | RuntimeException e) {
            // the parser reads untrusted bytes; whatever it throws means the structure is broken
            throw new UnsafeArchiveException(Reason.NOT_ZIP, "archive is damaged: " + e.getMessage(), e);
        }
    }

    private List<ZipArchiveEntry> inspect(ZipFile zip, Path target) throws UnsafeArchiveException {
        List<ZipArchiveEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Enumeration<ZipArchiveEntry> all = zip.getEntriesInPhysicalOrder();
        while (all.hasMoreElements()) {
            ZipArchiveEntry entry = all.nextElement();
            if (entries.size() == limits.maxEntries()) {
                throw new UnsafeArchiveException(Reason.TOO_MANY_ENTRIES,
                        "archive holds more than " + limits.maxEntries() + " entries");
            }
            checkEntry(zip, entry, target);
            // names that differ only in case would meet in one file on Windows or macOS
            if (!seen.add(entry.getName().toLowerCase(Locale.ROOT))) {
                throw new UnsafeArchiveException(Reason.NAME_CONFLICT, "archive holds "
                        + EntryNames.quoted(entry.getName()) + " more than once (names compared ignoring case)");
            }
            entries.add(entry);
        }
        return entries;
    }

    private static void checkEntry(ZipFile zip, ZipArchiveEntry entry, Path target) throws UnsafeArchiveException {
        String name = entry.getName();
        checkName(name);
        String shown = EntryNames.quoted(name);

        if (entry.isUnixSymlink()) {
            throw new UnsafeArchiveException(Reason.SYMLINK,
                    "entry " + shown + " is a symbolic link; links are never extracted");
        }
        if (entry.isDirectory()) {
            throw new UnsafeArchiveException(Reason.NESTED_FOLDER,
                    "entry " + shown + " is a folder; only flat archives are extracted");
        }
        if (entry.getGeneralPurposeBit().usesEncryption()) {
            throw new UnsafeArchiveException(Reason.UNSUPPORTED, "entry " + shown + " is encrypted");
        }
        if (entry.getMethod() != ZipArchiveEntry.STORED && entry.getMethod() != ZipArchiveEntry.DEFLATED) {
            throw new UnsafeArchiveException(Reason.UNSUPPORTED, "entry " + shown + " uses compression method "
                    + entry.getMethod() + "; only stored and deflated entries are extracted");
        }
        if (!zip.canReadEntryData(entry)) {
            throw new UnsafeArchiveException(Reason.UNSUPPORTED, "entry " + shown + " cannot be read");
        }

        Path destination = target.resolve(name).normalize();
        if (!target.equals(destination.getParent())) {
            throw new UnsafeArchiveException(Reason.PATH_TRAVERSAL,
                    "entry " + shown + " would land outside the target folder");
        }
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeArchiveException(Reason.NAME_CONFLICT,
                    "entry " + shown + " would replace a file that is already in the target folder");
        }
    }

    /** Judges the name alone, before it is ever combined with a path. */
    private static void checkName(String name) throws UnsafeArchiveException {
        String shown = EntryNames.quoted(name);
        String slashed = name.replace('\\', '/');
        if (slashed.startsWith("/")) {
            throw new UnsafeArchiveException(Reason.PATH_TRAVERSAL,
                    "entry " + shown + " would land outside the target folder (absolute path)");
        }
        if (DRIVE.matcher(name).lookingAt()) {
            throw new UnsafeArchiveException(Reason.PATH_TRAVERSAL,
                    "entry " + shown + " would land outside the target folder (drive letter)");
        }
        if (Arrays.asList(slashed.split("/")).contains("..")) {
            throw new UnsafeArchiveException(Reason.PATH_TRAVERSAL,
                    "entry " + shown + " would land outside the target folder ('..' in its path)");
        }
        if (name.indexOf('\\') >= 0) {
            throw new UnsafeArchiveException(Reason.BAD_NAME, "entry " + shown + " contains a backslash");
        }
        if (name.indexOf('/') >= 0) {
            throw new UnsafeArchiveException(Reason.NESTED_FOLDER,
                    "entry " + shown + " is in a folder; only flat archives are extracted");
        }
        Optional<String> problem = EntryNames.fileNameProblem(name);
        if (problem.isPresent()) {
            throw new UnsafeArchiveException(Reason.BAD_NAME, "entry " + shown + " " + problem.get());
        }
    }

    private List<String> unpack(ZipFile zip, List<ZipArchiveEntry> entries, Path target)
            throws UnsafeArchiveException, IOException {
        List<Path> temporaries = new ArrayList<>();
        List<Path> placed = new ArrayList<>();
        boolean complete = false;
        try {
            long total = 0;
            for (ZipArchiveEntry entry : entries) {
                Path temporary = target.resolve("." + UUID.randomUUID() + ".part");
                temporaries.add(temporary);
                total += unpackEntry(zip, entry, temporary, total);
            }

            List<String> names = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                String name = entries.get(i).getName();
                placed.add(moveIntoPlace(temporaries.get(i), target.resolve(name), name));
                names.add(name);
            }
            complete = true;
            return Collections.unmodifiableList(names);
        } finally {
            if (!complete) {
                removeQuietly(temporaries);
                removeQuietly(placed);
            }
        }
    }

    private long unpackEntry(ZipFile zip, ZipArchiveEntry entry, Path temporary, long bytesBefore)
            throws UnsafeArchiveException, IOException {
        CRC32 checksum = new CRC32();
        long written;
        try (InputStream in = openEntry(zip, entry);
             FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.WRITE);
             OutputStream out = new CheckedOutputStream(Channels.newOutputStream(channel), checksum)) {
            written = BoundedCopy.copy(entry.getName(), in, out, limits, bytesBefore);
            // the answer must survive a crash right after its status says it has arrived
            channel.force(true);
        }

        // commons-compress does not compare checksums when reading through ZipFile
        if (entry.getCrc() != ZipArchiveEntry.CRC_UNKNOWN && entry.getCrc() != checksum.getValue()) {
            throw new UnsafeArchiveException(Reason.NOT_ZIP,
                    "entry " + EntryNames.quoted(entry.getName()) + " is damaged (checksum mismatch)");
        }
        return written;
    }

    private static InputStream openEntry(ZipFile zip, ZipArchiveEntry entry) throws UnsafeArchiveException {
        try {
            return zip.getInputStream(entry);
        } catch (IOException | RuntimeException e) {
            throw new UnsafeArchiveException(Reason.NOT_ZIP,
                    "entry " + EntryNames.quoted(entry.getName()) + " is damaged: " + e.getMessage(), e);
        }
    }

    private static Path moveIntoPlace(Path temporary, Path destination, String name)
            throws UnsafeArchiveException, IOException {
        try {
            // without REPLACE_EXISTING the move refuses to overwrite; within one folder it is a rename
            return Files.move(temporary, destination);
        } catch (FileAlreadyExistsException e) {
            throw new UnsafeArchiveException(Reason.NAME_CONFLICT, "entry " + EntryNames.quoted(name)
                    + " would replace a file that appeared in the target folder during extraction", e);
        }
    }

    private static void removeQuietly(List<Path> files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Could not remove {} after a refused extraction; remove it by hand", file, e);
            }
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder shown = new StringBuilder();
        for (byte b : bytes) {
            shown.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
        }
        return shown.toString();
    }
}
