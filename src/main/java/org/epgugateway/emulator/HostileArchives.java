package org.epgugateway.emulator;

import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipMethod;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Writes the bytes of hostile answer archives; every archive states the true sizes of its entries, so that what
 * a careful reader learns from the headers is what unpacking would produce.
 */
final class HostileArchives {

    private static final String ESCAPING_ENTRY = "../../escaped.txt";
    private static final String NESTED_ESCAPING_ENTRY = "a/../../escaped.txt";
    private static final String ABSOLUTE_ENTRY = "/tmp/epgu-escaped.txt";
    private static final String LINK_ENTRY = "passwd";
    private static final String LINK_TARGET = "/etc/passwd";
    private static final int MANY_ENTRIES = 10_000;
    private static final long BOMB_SIZE = 1L << 30;

    private static final int BOMB_BLOCK = 1 << 20;
    private static final byte[] ESCAPED = "written outside the extraction folder\n".getBytes(StandardCharsets.UTF_8);

    private HostileArchives() {
    }

    /**
     * The hostile archive of a flavour.
     *
     * @param genuine the genuine answer archive, whose entries some flavours keep
     * @return the bytes; the large flavours share one array, which callers must not change
     */
    static byte[] of(HostileArchive flavour, byte[] genuine) {
        return switch (flavour) {
            case PATH_TRAVERSAL -> withExtraEntries(genuine, out -> {
                file(out, ESCAPING_ENTRY, ESCAPED);
                file(out, NESTED_ESCAPING_ENTRY, ESCAPED);
            });
            case ABSOLUTE_PATH -> withExtraEntries(genuine, out -> file(out, ABSOLUTE_ENTRY, ESCAPED));
            case SYMLINK -> withExtraEntries(genuine, HostileArchives::link);
            case MANY_ENTRIES -> ManyEntries.BYTES;
            case ZIP_BOMB -> ZipBomb.BYTES;
            case NOT_A_ZIP -> notAZip();
        };
    }

    /** The large archives cost time to write, so each is written once, when first asked for. */
    private static final class ManyEntries {
        static final byte[] BYTES = manyEntries();
    }

    /** See {@link ManyEntries}. */
    private static final class ZipBomb {
        static final byte[] BYTES = zipBomb();
    }

    @FunctionalInterface
    private interface Extra {
        void writeTo(ZipArchiveOutputStream out) throws IOException;
    }

    private static byte[] withExtraEntries(byte[] genuine, Extra extra) {
        return zip(out -> {
            copyEntries(genuine, out);
            extra.writeTo(out);
        });
    }

    private static byte[] zip(Extra content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
            content.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a hostile archive", e);
        }
        return bytes.toByteArray();
    }

    private static void copyEntries(byte[] genuine, ZipArchiveOutputStream out) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(genuine), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                file(out, entry.getName(), in.readAllBytes());
            }
        }
    }

    private static void file(ZipArchiveOutputStream out, String name, byte[] content) throws IOException {
        stored(out, new ZipArchiveEntry(name), content);
    }

    private static void link(ZipArchiveOutputStream out) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(LINK_ENTRY);
        // a symbolic link is an entry whose Unix mode says so and whose content is the link target
        entry.setUnixMode(UnixStat.LINK_FLAG | UnixStat.DEFAULT_LINK_PERM);
        stored(out, entry, LINK_TARGET.getBytes(StandardCharsets.UTF_8));
    }

    /** Stored with size and CRC known up front, so that the local header states them and no descriptor follows. */
    private static void stored(ZipArchiveOutputStream out, ZipArchiveEntry entry, byte[] content) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setMethod(ZipMethod.STORED.getCode());
        entry.setSize(content.length);
        entry.setCrc(crc.getValue());
        out.putArchiveEntry(entry);
        out.write(content);
        out.closeArchiveEntry();
    }

    private static byte[] manyEntries() {
        byte[] content = {'x'};
        return zip(out -> {
            for (int i = 1; i <= MANY_ENTRIES; i++) {
                file(out, String.format("entry-%05d.txt", i), content);
            }
        });
    }

    /**
     * One entry of 1 GiB of zeros. Deflating a gigabyte would take seconds, so one block of zeros is deflated with
     * a full flush, which leaves the compressor as it started, and that block is repeated.
     */
    private static byte[] zipBomb() {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] zeros = new byte[BOMB_BLOCK];
        deflater.setInput(zeros);
        byte[] block = drain(deflater, Deflater.FULL_FLUSH);
        deflater.finish();
        byte[] end = drain(deflater, Deflater.NO_FLUSH);
        deflater.end();

        int blocks = (int) (BOMB_SIZE / BOMB_BLOCK);
        CRC32 crc = new CRC32();
        for (int i = 0; i < blocks; i++) {
            crc.update(zeros);
        }
        ZipArchiveEntry entry = new ZipArchiveEntry(AnswerDocuments.ANSWER_FILE);
        entry.setMethod(ZipMethod.DEFLATED.getCode());
        entry.setSize(BOMB_SIZE);
        entry.setCompressedSize((long) block.length * blocks + end.length);
        entry.setCrc(crc.getValue());
        return zip(out -> out.addRawArchiveEntry(entry, new RepeatedBlocks(block, blocks, end)));
    }

    private static byte[] drain(Deflater deflater, int flush) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            int length = deflater.deflate(buffer, 0, buffer.length, flush);
            out.write(buffer, 0, length);
            boolean drained = flush == Deflater.NO_FLUSH ? deflater.finished() : length < buffer.length;
            if (drained) {
                return out.toByteArray();
            }
        }
    }

    private static byte[] notAZip() {
        return ("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>"
                + "<p>The file storage did not answer.</p></body></html>\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A block repeated a number of times and then an end, read as one stream without holding it whole. */
    private static final class RepeatedBlocks extends InputStream {
        private final byte[] block;
        private final byte[] end;
        private int blocksLeft;
        private byte[] current;
        private int position;

        RepeatedBlocks(byte[] block, int blocks, byte[] end) {
            this.block = block;
            this.end = end;
            this.blocksLeft = blocks;
            next();
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            while (current != null && position == current.length) {
                next();
            }
            if (current == null) {
                return -1;
            }
            int count = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, count);
            position += count;
            return count;
        }

        private void next() {
            position = 0;
            if (blocksLeft > 0) {
                blocksLeft--;
                current = block;
            } else {
                current = current == end ? null : end;
            }
        }
    }
}
