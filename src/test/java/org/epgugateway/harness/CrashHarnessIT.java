package org.epgugateway.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under crashes and with several instances, as short runs of the crash harness. The full runs
 * (200 drops with 20 SIGKILLs, two instances with 500 drops) are {@code scripts/crash-harness.sh}.
 */
class CrashHarnessIT {

    @TempDir
    Path root;

    private static int setting(String key, int fallback) {
        return Integer.getInteger(key, fallback);
    }

    @Test
    void killed_and_restarted_gateway_on_the_embedded_store_loses_and_repeats_nothing() throws Exception {
        CrashHarness.Config config = new CrashHarness.Config(setting("harness.drops", 20),
                setting("harness.kills", 3), 1, false, 42, Duration.ofMinutes(4));

        CrashHarness.Report report = new CrashHarness(root).run(config);

        System.out.println(report.describe());
        assertThat(report.lost()).as(report.describe()).isZero();
        assertThat(report.duplicated()).as(report.describe()).isZero();
        assertThat(report.stuck()).as(report.describe()).isZero();
        assertThat(report.states()).containsOnlyKeys("DONE");
    }

    @Test
    void killed_and_restarted_gateway_on_postgresql_loses_and_repeats_nothing() throws Exception {
        CrashHarness.Config config = new CrashHarness.Config(setting("harness.drops", 20),
                setting("harness.kills", 3), 1, true, 43, Duration.ofMinutes(4));

        CrashHarness.Report report = new CrashHarness(root).run(config);

        System.out.println(report.describe());
        assertThat(report.lost()).as(report.describe()).isZero();
        assertThat(report.duplicated()).as(report.describe()).isZero();
        assertThat(report.stuck()).as(report.describe()).isZero();
    }

    @Test
    void two_instances_on_one_store_and_one_inbox_each_do_work_and_send_every_drop_once() throws Exception {
        CrashHarness.Config config = new CrashHarness.Config(setting("harness.drops", 40), 0, 2, true, 44,
                Duration.ofMinutes(4));

        CrashHarness.Report report = new CrashHarness(root).run(config);

        System.out.println(report.describe());
        assertThat(report.lost()).as(report.describe()).isZero();
        assertThat(report.duplicated()).as(report.describe()).isZero();
        assertThat(report.stuck()).as(report.describe()).isZero();
        assertThat(report.submittedBy()).as(report.describe()).containsOnlyKeys("gw1", "gw2");
    }
}
