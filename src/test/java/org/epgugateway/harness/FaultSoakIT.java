package org.epgugateway.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault soak in short: an EPGU answering 5xx, timing out, bursting 429s, resetting uploads and an ESIA outage
 * still gets every drop through once. The full soak (300 drops) is {@code scripts/fault-soak.sh}.
 */
class FaultSoakIT {

    @TempDir
    Path root;

    @Test
    void every_drop_lands_once_through_an_epgu_that_fails_in_ordinary_ways() throws Exception {
        CrashHarness.Config config = new CrashHarness.Config(Integer.getInteger("soak.drops", 40), 0, 1, false, 11,
                Duration.ofMinutes(5), Path.of("src/test/resources/faults/short-soak.properties"));

        CrashHarness.Report report = new CrashHarness(root).run(config);

        System.out.println(report.describe());
        assertThat(report.lost()).as(report.describe()).isZero();
        assertThat(report.duplicated()).as(report.describe()).isZero();
        assertThat(report.stuck()).as(report.describe()).isZero();
        assertThat(report.states()).as(report.describe()).containsOnlyKeys("DONE");
        assertThat(report.faults()).as("every kind of fault was injected: " + report.describe())
                .containsKeys("SERVICE_UNAVAILABLE", "TIMEOUT", "TOO_MANY_REQUESTS", "RESET", "ESIA_OUTAGE",
                        "TOKEN_EXPIRED_EARLY");
    }
}
