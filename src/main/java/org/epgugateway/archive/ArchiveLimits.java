package org.epgugateway.archive;

/**
 * Caps that an untrusted archive must stay within while it is extracted.
 *
 * @param maxEntries largest number of entries, folders included; must be positive
 * @param maxTotalBytes largest number of bytes all entries may unpack to together; must be positive
 * @param maxEntryBytes largest number of bytes one entry may unpack to; must be positive
 * @param maxCompressionRatio largest ratio of unpacked to packed bytes of one entry, judged once the entry has
 *        unpacked to more than {@link #RATIO_GRACE_BYTES}, so that small and very regular files pass; must be positive
 * @param maxArchiveBytes largest size of the archive itself; must be positive
 */
public record ArchiveLimits(int maxEntries, long maxTotalBytes, long maxEntryBytes, int maxCompressionRatio,
                            long maxArchiveBytes) {

    /** Bytes an entry may unpack to before its compression ratio is judged. */
    public static final long RATIO_GRACE_BYTES = 1024L * 1024L;

    private static final long MIB = 1024L * 1024L;

    /** Checks that every cap is positive. */
    public ArchiveLimits {
        requirePositive("maxEntries", maxEntries);
        requirePositive("maxTotalBytes", maxTotalBytes);
        requirePositive("maxEntryBytes", maxEntryBytes);
        requirePositive("maxCompressionRatio", maxCompressionRatio);
        requirePositive("maxArchiveBytes", maxArchiveBytes);
    }

    /**
     * Returns the defaults: 1 000 entries, 100 MiB in total, 50 MiB per entry, ratio 100, archive 100 MiB.
     * An answer of service 60010153 is a few kilobytes, so these leave a wide margin.
     */
    public static ArchiveLimits defaults() {
        return new ArchiveLimits(1_000, 100 * MIB, 50 * MIB, 100, 100 * MIB);
    }

    /** Returns a copy with another entry cap. */
    public ArchiveLimits withMaxEntries(int value) {
        return new ArchiveLimits(value, maxTotalBytes, maxEntryBytes, maxCompressionRatio, maxArchiveBytes);
    }

    /** Returns a copy with another cap on all unpacked bytes. */
    public ArchiveLimits withMaxTotalBytes(long value) {
        return new ArchiveLimits(maxEntries, value, maxEntryBytes, maxCompressionRatio, maxArchiveBytes);
    }

    /** Returns a copy with another cap on the unpacked bytes of one entry. */
    public ArchiveLimits withMaxEntryBytes(long value) {
        return new ArchiveLimits(maxEntries, maxTotalBytes, value, maxCompressionRatio, maxArchiveBytes);
    }

    /** Returns a copy with another compression ratio cap. */
    public ArchiveLimits withMaxCompressionRatio(int value) {
        return new ArchiveLimits(maxEntries, maxTotalBytes, maxEntryBytes, value, maxArchiveBytes);
    }

    /** Returns a copy with another cap on the size of the archive itself. */
    public ArchiveLimits withMaxArchiveBytes(long value) {
        return new ArchiveLimits(maxEntries, maxTotalBytes, maxEntryBytes, maxCompressionRatio, value);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
