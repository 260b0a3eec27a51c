package org.epgugateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.epgugateway.emulator.Endpoint;
import org.epgugateway.testsupport.GatewayHarness;
import org.epgugateway.testsupport.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An outbox that cannot take status.json for a while (unmounted, replaced by a link to nothing) does not stop a
 * drop: custody is taken, the application goes out once, the problem is said once, and the file appears when the
 * outbox is back.
 */
class UnwritableOutboxTest {

    @TempDir
    Path root;

    @Test
    void a_drop_goes_on_while_its_status_file_cannot_be_written_and_the_file_follows_later() throws Exception {
        try (GatewayHarness harness = GatewayHarness.start(root)) {
            Path outbox = harness.outbox();
            Files.createDirectories(outbox);
            Path parked = Files.move(outbox, root.resolve("outbox-parked"));
            Files.createSymbolicLink(outbox, root.resolve("outbox-unmounted"));

            try (LogCapture log = LogCapture.start()) {
                harness.drop("unwritable.xml", GatewayHarness.sample("proceedings-found.xml"));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> harness.emulator().journal().requests(Endpoint.PUSH_CHUNKED) == 1);
                // a few sweeps of lagging status files pass meanwhile
                Thread.sleep(3000);

                assertThat(harness.inbox().resolve("unwritable.xml")).as("taken into custody").doesNotExist();
                assertThat(log.lines()).filteredOn(line -> line.contains("cannot write its status.json"))
                        .singleElement().asString().startsWith("WARN").contains("Drop unwritable:");
                assertThat(log.lines()).noneMatch(line -> line.startsWith("ERROR"));
                assertThat(log.text()).doesNotContain("\tat ");
            }

            Files.delete(outbox);
            Files.move(parked, outbox);
            JsonNode status = harness.awaitFinal("unwritable", Duration.ofSeconds(60));

            assertThat(status.path("state").asText()).isEqualTo("DONE");
            assertThat(harness.emulator().journal().requests(Endpoint.ORDER_CREATE)).isEqualTo(1);
            assertThat(harness.emulator().journal().requests(Endpoint.PUSH_CHUNKED)).isEqualTo(1);
        }
    }
}
