package org.epgugateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.epgugateway.emulator.HostileArchive;
import org.epgugateway.testsupport.GatewayHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Answers downloaded from EPGU are untrusted input: a hostile answer archive never writes outside the drop's outbox
 * folder, never exhausts memory or disk, and ends the drop in the dead-letter folder with the cap or rule it broke.
 */
class HostileAnswersTest {

    private static final AtomicInteger APPLICANTS = new AtomicInteger();

    @TempDir
    static Path root;

    private static GatewayHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = GatewayHarness.start(root);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @AfterEach
    void genuine_answers_again() {
        harness.emulator().faults().stopHostileAnswers();
    }

    @ParameterizedTest
    @CsvSource({
        "PATH_TRAVERSAL, ARCHIVE_PATH_TRAVERSAL",
        "ABSOLUTE_PATH, ARCHIVE_PATH_TRAVERSAL",
        "SYMLINK, ARCHIVE_SYMLINK",
        "MANY_ENTRIES, ARCHIVE_TOO_MANY_ENTRIES",
        "ZIP_BOMB, ARCHIVE_RATIO",
        "NOT_A_ZIP, ARCHIVE_NOT_ZIP"
    })
    void a_hostile_answer_is_refused_with_the_rule_it_broke(HostileArchive flavour, String code) throws IOException {
        harness.emulator().faults().serveHostileAnswers(flavour);
        String folder = "hostile-" + flavour.name().toLowerCase(java.util.Locale.ROOT);

        harness.drop(folder + ".xml", application());
        JsonNode status = harness.awaitFinal(folder);

        assertThat(status.path("state").asText()).isEqualTo("FAILED");
        assertThat(status.path("error").path("stage").asText()).isEqualTo("result");
        assertThat(status.path("error").path("code").asText()).isEqualTo(code);
        assertThat(status.path("files")).isEmpty();
        try (Stream<Path> files = Files.list(harness.outbox().resolve(folder))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("status.json");
        }
        assertThat(escapedFiles()).isEmpty();
        assertThat(Path.of("/tmp/epgu-escaped.txt")).doesNotExist();
    }

    /** Anything a traversing entry could have written around the test's folders. */
    private static Stream<Path> escapedFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(root.getParent(), 3)) {
            return walk.filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith("escaped"))
                    .toList().stream();
        }
    }

    /** A valid application of its own applicant, so no two cases are duplicates of each other. */
    private static byte[] application() {
        String snils = String.format("3%010d", APPLICANTS.incrementAndGet());
        return new String(GatewayHarness.sample("no-proceedings.xml"), StandardCharsets.UTF_8)
                .replace("00033344400", snils).getBytes(StandardCharsets.UTF_8);
    }
}
