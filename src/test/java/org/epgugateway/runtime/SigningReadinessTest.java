package org.epgugateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.testsupport.GatewayHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up self-check of the signing key, as readiness and as a Prometheus gauge. */
class SigningReadinessTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void a_gateway_whose_key_signs_is_ready_and_reports_days_until_certificate_expiry(@TempDir Path root)
            throws Exception {
        try (GatewayHarness harness = GatewayHarness.start(root)) {
            // the file consumer reports DOWN until its first poll, so readiness as a whole comes a moment later
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> get(harness, "/observe/health/ready").statusCode() == 200);
            HttpResponse<String> ready = get(harness, "/observe/health/ready?data=true");
            HttpResponse<String> metrics = get(harness, "/observe/metrics");

            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).containsPattern("\"signing.certificate.days-until-expiry\":36[45]")
                    .contains("signs and verifies");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(gauge(metrics.body(), "gateway_signing_certificate_days_until_expiry"))
                    .isBetween(363.0, 365.0);
            assertThat(gauge(metrics.body(), "gateway_signing_self_check")).isEqualTo(1.0);
            assertThat(metrics.body()).as("the JVM's own metrics beside the gateway's")
                    .contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds");
        }
    }

    @Test
    void a_gateway_whose_key_cannot_sign_is_not_ready_and_says_why(@TempDir Path root) throws Exception {
        Path signer = Files.writeString(root.resolve("unplugged-token.sh"),
                "#!/bin/sh\ncat > /dev/null\necho 'token not present in reader 0' >&2\nexit 3\n");
        Files.setPosixFilePermissions(signer, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> settings = Map.of("signing.key-source", "command",
                "signing.command", signer.toString(),
                "signing.certificate-file", root.resolve("keys").resolve(DemoAuthority.CERTIFICATE_FILE).toString());

        try (GatewayHarness harness = GatewayHarness.start(root, s -> s, settings)) {
            HttpResponse<String> ready = get(harness, "/observe/health/ready");
            HttpResponse<String> metrics = get(harness, "/observe/metrics");

            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("signing").contains("DOWN")
                    .contains("exited with 3").contains("token not present in reader 0");
            assertThat(gauge(metrics.body(), "gateway_signing_self_check")).isEqualTo(0.0);
        }
    }

    private static HttpResponse<String> get(GatewayHarness harness, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.managementPort() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double gauge(String prometheusText, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(prometheusText);
        assertThat(matcher.find()).as(name + " in the Prometheus text").isTrue();
        return Double.parseDouble(matcher.group(2));
    }
}
