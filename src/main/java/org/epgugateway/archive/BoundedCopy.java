package org.epgugateway.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * Copies the unpacked bytes of one archive entry while counting them, and stops as soon as a cap is crossed.
 */
final class BoundedCopy {

    private static final int BUFFER_SIZE = 8192;

    private BoundedCopy() {
    }

    /**
     * Copies an entry, reading at most one byte beyond the first cap that would be crossed.
     *
     * @param entryName name of the entry, for messages
     * @param in the unpacked entry; when it reports {@link InputStreamStatistics}, the ratio cap is enforced
     * @param out where the bytes go
     * @param limits the caps
     * @param bytesBefore bytes already unpacked from earlier entries of the same archive
     * @return the number of bytes copied
     * @throws UnsafeArchiveException if a cap is crossed or the entry's data is damaged
     * @throws IOException if {@code out} cannot be written
     */
    static long copy(String entryName, InputStream in, OutputStream out, ArchiveLimits limits, long bytesBefore)
            throws UnsafeArchiveException, IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long copied = 0;
        while (true) {
            long room = Math.min(limits.maxEntryBytes() - copied, limits.maxTotalBytes() - bytesBefore - copied);
            int read = read(entryName, in, buffer, (int) Math.min(buffer.length, room + 1));
            if (read < 0) {
                return copied;
            }

            copied += read;
            checkCaps(entryName, in, limits, copied, bytesBefore);
            out.write(buffer, 0, read);
        }
    }

    private static int read(String entryName, InputStream in, byte[] buffer, int length)
            throws UnsafeArchiveException {
        try {
            return in.read(buffer, 0, length);
        } catch (IOException e) {
            // the archive is a local file by now, so a failed read means broken data rather than a broken line
            throw new UnsafeArchiveException(UnsafeArchiveException.Reason.NOT_ZIP,
                    "entry " + EntryNames.quoted(entryName) + " is damaged: " + e.getMessage(), e);
        }
    }

    private static void checkCaps(String entryName, InputStream in, ArchiveLimits limits, long copied,
                                  long bytesBefore) throws UnsafeArchiveException {
        String shown = EntryNames.quoted(entryName);
        if (copied > limits.maxEntryBytes()) {
            throw new UnsafeArchiveException(UnsafeArchiveException.Reason.ENTRY_TOO_LARGE,
                    "entry " + shown + " unpacks to more than " + limits.maxEntryBytes() + " bytes");
        }
        if (bytesBefore + copied > limits.maxTotalBytes()) {
            throw new UnsafeArchiveException(UnsafeArchiveException.Reason.TOO_LARGE,
                    "archive unpacks to more than " + limits.maxTotalBytes() + " bytes in total (reached in entry "
                            + shown + ")");
        }
        if (copied > ArchiveLimits.RATIO_GRACE_BYTES && in instanceof InputStreamStatistics statistics) {
            long packed = Math.max(1, statistics.getCompressedCount());
            if (copied / packed > limits.maxCompressionRatio()) {
                throw new UnsafeArchiveException(UnsafeArchiveException.Reason.RATIO,
                        "entry " + shown + " unpacks to more than " + limits.maxCompressionRatio()
                                + " times its packed size, as a zip bomb does");
            }
        }
    }
}
