package org.epgugateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.epgugateway.emulator.Endpoint;
import org.epgugateway.emulator.FaultPlan;
import org.epgugateway.testsupport.GatewayHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live gateway whose calls take longer than its claim lease keeps the claim: no second worker reserves or uploads
 * the same drop while the first is still waiting for EPGU.
 */
class SlowStepsKeepTheirClaimTest {

    private static final String BUSINESS_KEY = "60010153|00033344400|1027700123450|1";

    @TempDir
    Path root;

    private GatewayHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void a_reservation_and_an_upload_slower_than_the_lease_are_made_once() throws Exception {
        // each call alone outlasts the lease, and the sweep looks for lapsed claims every half second
        Path scenario = Files.writeString(root.resolve("slow.properties"), String.join("\n",
                "emulator.faults.order-create.latency = PT4S",
                "emulator.faults.push-chunked.latency = PT4S", ""));
        harness = GatewayHarness.start(root, settings -> settings.withFaults(FaultPlan.fromScenario(scenario)),
                Map.of("gateway.claim-lease", "2s", "gateway.resume-interval", "500", "gateway.workers", "4"));

        harness.drop("slow.xml", GatewayHarness.sample("no-proceedings.xml"));
        JsonNode status = harness.awaitFinal("slow", Duration.ofSeconds(60));

        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("DONE");
        assertThat(harness.emulator().journal().requests(Endpoint.ORDER_CREATE)).as("reservations").isEqualTo(1);
        assertThat(harness.emulator().journal().completedUploadsFor(BUSINESS_KEY)).as("uploads").isEqualTo(1);
    }
}
