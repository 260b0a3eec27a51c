package org.epgugateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoKeys;
import org.epgugateway.demo.DemoOrganisation;
import org.epgugateway.demo.DemoRun;
import org.epgugateway.emulator.ApiKeyState;
import org.epgugateway.emulator.EmulatorServer;
import org.epgugateway.emulator.EmulatorSettings;
import org.epgugateway.testsupport.GatewayHarness;
import org.epgugateway.testsupport.GatewayProcess;
import org.epgugateway.testsupport.TestGatewaySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run of the packaged gateway with every logger at DEBUG leaves no configured secret, no access token and no
 * unmasked personal data in its log or in the error files it writes; HttpClient's wire and header loggers, which
 * would print the bearer token, stay off as the shipped configuration sets them.
 */
class SecretsStayOutOfLogsIT {

    private static final Pattern PERSONAL = Pattern.compile(
            "<fssp:(AuthorSnils|AuthorName|AuthorBorn)>([^<]+)</fssp:\\1>");

    @TempDir
    Path root;

    @Test
    void a_debug_run_logs_no_secret_and_no_unmasked_personal_data() throws Exception {
        DemoKeys keys = DemoAuthority.ensure(root.resolve("keys"), DemoOrganisation.romashka());
        UUID apiKey = UUID.randomUUID();
        List<String> personalData = new ArrayList<>();
        try (EmulatorServer emulator = EmulatorServer.start(EmulatorSettings.defaults().withPort(0)
                .withTrustedCa(keys.caCertificate()).withApiKey(apiKey, ApiKeyState.ACTIVE)
                .withStepDelay(Duration.ofMillis(100)).withSchemas(Path.of("schemas")))) {
            Map<String, String> settings = TestGatewaySettings.forEmulator(root, emulator, keys, apiKey);
            GatewayProcess gateway = new GatewayProcess("gw", settings, Files.createDirectories(root.resolve("logs")),
                    List.of("-Dlog4j2.configurationFile=" + Path.of("src/test/resources/log4j2-debug.properties")
                            .toAbsolutePath()));
            gateway.start();
            for (String sample : DemoRun.SAMPLES.keySet()) {
                byte[] drop = GatewayHarness.sample(sample);
                personalData.addAll(personalDataIn(drop));
                dropFile(sample, drop);
            }
            // a schema error that quotes the applicant's SNILS written with separators
            dropFile("bad-snils.xml", new String(GatewayHarness.sample("refused.xml"), StandardCharsets.UTF_8)
                    .replace("<fssp:AuthorBackAddr>00055566600<", "<fssp:AuthorBackAddr>000-555-666 00<")
                    .getBytes(StandardCharsets.UTF_8));
            personalData.add("000-555-666 00");

            awaitFinal(List.of("proceedings-found", "no-proceedings", "refused", "delivery-error", "bad-snils"));
            gateway.stop();

            String log = Files.readString(gateway.log(), StandardCharsets.UTF_8);
            String errorFiles = errorFiles();
            assertThat(log).as("a DEBUG log").contains(" DEBUG ");
            // HttpClient's wire and header loggers print every header and body as sent: none of their lines, and
            // no Authorization header even masked, may reach the log, so a token cut across two wire lines (which
            // no mask recognises) cannot either
            assertThat(log).doesNotContainPattern("(?m)^\\S+ +\\w+ +\\[[^\\]]*\\] (wire|headers) - ")
                    .doesNotContain("Authorization:")
                    .doesNotContainPattern("Bearer (?!\\*\\*\\*)\\S");
            assertThat(errorFiles).contains("bad-snils", "***********");
            for (String text : List.of(log, errorFiles)) {
                assertThat(text).doesNotContain(apiKey.toString(), keys.password())
                        .doesNotContainPattern("eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}")
                        .doesNotContainPattern("signature=[^*\\s]");
                for (String value : personalData) {
                    assertThat(text).as("personal data '%s' unmasked", value).doesNotContain(value);
                }
            }
        }
    }

    private void dropFile(String name, byte[] content) throws IOException {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Path part = Files.write(inbox.resolve(name + ".part"), content);
        Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private void awaitFinal(List<String> folders) {
        ObjectMapper json = new ObjectMapper();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (String folder : folders) {
                Path status = root.resolve("outbox").resolve(folder).resolve("status.json");
                if (!Files.exists(status)
                        || !GatewayHarness.FINAL.contains(json.readTree(status.toFile()).path("state").asText())) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Every error.json and status.json the gateway wrote, concatenated. */
    private String errorFiles() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".error.json")
                    || f.getFileName().toString().equals("status.json")).toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
            }
        }
        return all.toString();
    }

    private static List<String> personalDataIn(byte[] drop) {
        List<String> values = new ArrayList<>();
        Matcher matcher = PERSONAL.matcher(new String(drop, StandardCharsets.UTF_8));
        while (matcher.find()) {
            values.add(matcher.group(2));
        }
        return values;
    }
}
