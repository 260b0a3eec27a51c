package org.epgugateway.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Specifies the default caps for answer archives and how callers change them.
 */
class ArchiveLimitsTest {

    private static final long MIB = 1024L * 1024L;

    @Test
    void defaults_allow_a_thousand_entries_of_moderate_size() {
        ArchiveLimits limits = ArchiveLimits.defaults();

        assertThat(limits.maxEntries()).isEqualTo(1_000);
        assertThat(limits.maxTotalBytes()).isEqualTo(100 * MIB);
        assertThat(limits.maxEntryBytes()).isEqualTo(50 * MIB);
        assertThat(limits.maxCompressionRatio()).isEqualTo(100);
        assertThat(limits.maxArchiveBytes()).isEqualTo(100 * MIB);
    }

    @Test
    void each_cap_can_be_changed_without_touching_the_others() {
        ArchiveLimits limits = ArchiveLimits.defaults().withMaxEntries(10).withMaxCompressionRatio(20);

        assertThat(limits).isEqualTo(new ArchiveLimits(10, 100 * MIB, 50 * MIB, 20, 100 * MIB));
        assertThat(ArchiveLimits.defaults().maxEntries()).isEqualTo(1_000);
    }

    @Test
    void caps_must_be_positive() {
        assertThatThrownBy(() -> ArchiveLimits.defaults().withMaxTotalBytes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTotalBytes must be positive, was 0");
    }
}
