package org.epgugateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.epgugateway.testsupport.GatewayHarness;
import org.epgugateway.testsupport.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the start-up log says about the management server. */
class ManagementSummaryTest {

    @Test
    void the_start_up_summary_names_the_address_the_management_server_is_bound_to(@TempDir Path root)
            throws Exception {
        try (LogCapture logs = LogCapture.start(); GatewayHarness harness = GatewayHarness.start(root)) {
            String port = harness.managementPort();

            assertThat(logs.text()).contains("Management server on http://127.0.0.1:" + port + ": /observe/health")
                    .contains("/observe/metrics").doesNotContain("0.0.0.0:" + port);
        }
    }
}
