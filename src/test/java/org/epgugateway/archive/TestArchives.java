package org.epgugateway.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Builds ordinary and hostile ZIP archives in memory for the archive tests.
 */
final class TestArchives {

    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_RECORD = 0x06054b50;

    private TestArchives() {
    }

    /** A deflated archive with the given entries in map order; names are taken as they are, however hostile. */
    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** An archive with one entry of the given name. */
    static byte[] zipWithName(String name) throws IOException {
        return zip(Map.of(name, "hostile".getBytes(StandardCharsets.UTF_8)));
    }

    /** A stored (uncompressed) archive with one entry. */
    static byte[] storedZip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry(name);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(content.length);
            CRC32 crc = new CRC32();
            crc.update(content);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** An archive made as a Unix archiver makes it, where a backslash is part of a name, not a separator. */
    static byte[] unixZipWithName(String name) throws IOException {
        // "version made by" of the central directory header: high byte 3 is Unix
        return patchCentralHeadersShort(zipWithName(name), 4, 0x0314);
    }

    /** An archive whose only entry is a Unix symbolic link named {@code name} pointing at {@code target}. */
    static byte[] symlinkZip(String name, String target) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            ZipArchiveEntry link = new ZipArchiveEntry(name);
            link.setUnixMode(UnixStat.LINK_FLAG | 0777);
            zip.putArchiveEntry(link);
            zip.write(target.getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    /** An archive with {@code count} tiny entries. */
    static byte[] manyEntries(int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < count; i++) {
                zip.putNextEntry(new ZipEntry("file-" + i + ".txt"));
                zip.write('x');
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Overwrites a 32-bit field of every central directory header, at {@code offset} from its signature. */
    static byte[] patchCentralHeaders(byte[] zip, int offset, int value) {
        return patch(zip, CENTRAL_HEADER, offset, value, 4);
    }

    /** Overwrites a 16-bit field of every central directory header, at {@code offset} from its signature. */
    static byte[] patchCentralHeadersShort(byte[] zip, int offset, int value) {
        return patch(zip, CENTRAL_HEADER, offset, value, 2);
    }

    /** Makes the end record declare {@code count} entries, whatever the central directory holds. */
    static byte[] declareEntryCount(byte[] zip, int count) {
        byte[] onDisk = patch(zip, END_RECORD, 8, count, 2);
        return patch(onDisk, END_RECORD, 10, count, 2);
    }

    private static byte[] patch(byte[] zip, int signature, int offset, int value, int width) {
        byte[] copy = Arrays.copyOf(zip, zip.length);
        ByteBuffer buffer = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at + 4 <= copy.length; at++) {
            if (buffer.getInt(at) == signature) {
                if (width == 4) {
                    buffer.putInt(at + offset, value);
                } else {
                    buffer.putShort(at + offset, (short) value);
                }
            }
        }
        return copy;
    }
}
