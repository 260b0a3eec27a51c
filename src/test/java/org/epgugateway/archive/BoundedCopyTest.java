package org.epgugateway.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.apache.commons.compress.utils.InputStreamStatistics;
import org.junit.jupiter.api.Test;

/**
 * Specifies that unpacked bytes are counted as they stream and that reading stops at the first crossed cap.
 */
class BoundedCopyTest {

    @Test
    void copies_an_entry_within_its_caps() throws Exception {
        byte[] content = new byte[50_000];
        Arrays.fill(content, (byte) 'x');
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long copied = BoundedCopy.copy("answer.xml", new ByteArrayInputStream(content), out,
                ArchiveLimits.defaults(), 0);

        assertThat(copied).isEqualTo(50_000);
        assertThat(out.toByteArray()).isEqualTo(content);
    }

    @Test
    void endless_entry_is_read_one_byte_past_its_cap_and_no_further() {
        EndlessEntry entry = new EndlessEntry(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArchiveLimits limits = ArchiveLimits.defaults().withMaxEntryBytes(100_000).withMaxCompressionRatio(1_000_000);

        UnsafeArchiveException refusal = catchThrowableOfType(
                () -> BoundedCopy.copy("endless.bin", entry, out, limits, 0), UnsafeArchiveException.class);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_ENTRY_TOO_LARGE");
        assertThat(entry.served).isEqualTo(100_001);
        assertThat(out.size()).isLessThanOrEqualTo(100_000);
    }

    @Test
    void bytes_of_earlier_entries_count_against_the_total_cap() {
        EndlessEntry entry = new EndlessEntry(1);
        ArchiveLimits limits = ArchiveLimits.defaults().withMaxTotalBytes(1_000_000).withMaxCompressionRatio(1_000_000);

        UnsafeArchiveException refusal = catchThrowableOfType(
                () -> BoundedCopy.copy("late.bin", entry, new ByteArrayOutputStream(), limits, 990_000),
                UnsafeArchiveException.class);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_TOO_LARGE");
        assertThat(entry.served).isEqualTo(10_001);
    }

    @Test
    void entry_that_unpacks_far_beyond_its_packed_size_is_stopped_soon_after_the_grace() {
        // a thousand unpacked bytes for every packed one
        EndlessEntry entry = new EndlessEntry(1_000);

        UnsafeArchiveException refusal = catchThrowableOfType(
                () -> BoundedCopy.copy("bomb.xml", entry, new ByteArrayOutputStream(), ArchiveLimits.defaults(), 0),
                UnsafeArchiveException.class);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_RATIO");
        assertThat(entry.served).isBetween(ArchiveLimits.RATIO_GRACE_BYTES, ArchiveLimits.RATIO_GRACE_BYTES + 8192);
    }

    @Test
    void small_and_very_regular_entry_passes_within_the_grace() throws Exception {
        byte[] content = new byte[(int) ArchiveLimits.RATIO_GRACE_BYTES];
        InputStream entry = new StatisticsInput(new ByteArrayInputStream(content), 1_000);

        long copied = BoundedCopy.copy("zeros.bin", entry, new ByteArrayOutputStream(), ArchiveLimits.defaults(), 0);

        assertThat(copied).isEqualTo(content.length);
    }

    @Test
    void failed_read_of_an_entry_is_reported_as_damaged_data() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("invalid stored block lengths");
            }
        };

        UnsafeArchiveException refusal = catchThrowableOfType(
                () -> BoundedCopy.copy("answer.xml", broken, new ByteArrayOutputStream(), ArchiveLimits.defaults(), 0),
                UnsafeArchiveException.class);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_NOT_ZIP");
        assertThat(refusal).hasMessage("entry 'answer.xml' is damaged: invalid stored block lengths");
    }

    /** Unpacked bytes that never end, reporting one packed byte per {@code ratio} unpacked ones. */
    private static final class EndlessEntry extends InputStream implements InputStreamStatistics {

        private final long ratio;
        private long served;

        EndlessEntry(long ratio) {
            this.ratio = ratio;
        }

        @Override
        public int read() {
            served++;
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            served += length;
            return length;
        }

        @Override
        public long getCompressedCount() {
            return served / ratio;
        }

        @Override
        public long getUncompressedCount() {
            return served;
        }
    }

    /** Wraps a stream and reports one packed byte per {@code ratio} bytes read. */
    private static final class StatisticsInput extends InputStream implements InputStreamStatistics {

        private final InputStream in;
        private final long ratio;
        private long read;

        StatisticsInput(InputStream in, long ratio) {
            this.in = in;
            this.ratio = ratio;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public long getCompressedCount() {
            return read / ratio;
        }

        @Override
        public long getUncompressedCount() {
            return read;
        }
    }
}
