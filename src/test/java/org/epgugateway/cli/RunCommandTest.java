package org.epgugateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code run} stops on a configuration it cannot work with: one line naming the setting, exit code 2.
 */
class RunCommandTest {

    @TempDir
    Path temp;

    @Test
    void a_mistyped_esia_url_stops_the_start_with_the_setting_named_and_exit_code_2() throws Exception {
        Path config = configWith("htp:/oops", "http://127.0.0.1:8780");

        CommandRun run = run(config);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(run.err()).startsWith("epgu-gateway cannot start: ")
                .contains("esia.url (ESIA_URL) is 'htp:/oops'")
                .doesNotContain("epgu.url")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void an_epgu_url_without_scheme_stops_the_start_instead_of_a_stack_trace() throws Exception {
        Path config = configWith("https://esia-portal1.test.gosuslugi.ru", "127.0.0.1:8780");

        CommandRun run = run(config);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(run.err()).startsWith("epgu-gateway cannot start: ")
                .contains("epgu.url (EPGU_URL) is '127.0.0.1:8780'")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void a_management_port_in_use_stops_the_start_with_one_line_and_exit_code_2() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = configWith("http://127.0.0.1:8780", "http://127.0.0.1:8780");
            Files.writeString(config, String.join("\n",
                    "camel.management.enabled = true",
                    "camel.management.host = 127.0.0.1",
                    "camel.management.port = " + taken.getLocalPort(),
                    ""), StandardCharsets.UTF_8, StandardOpenOption.APPEND);

            CommandRun run = run(config);

            assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_CONFIGURATION);
            assertThat(run.err()).startsWith("epgu-gateway cannot start: Invalid configuration: management port "
                    + "127.0.0.1:" + taken.getLocalPort() + " is in use").doesNotContain("\tat ");
            assertThat(run.err().strip()).doesNotContain("\n");
        }
    }

    private Path configWith(String esiaUrl, String epguUrl) throws Exception {
        return Files.writeString(temp.resolve("application.properties"), String.join("\n",
                "esia.url = " + esiaUrl,
                "epgu.url = " + epguUrl,
                "esia.api-key = 0f8fad5b-d9cb-469f-a165-70867728950e",
                "signing.keystore = " + temp.resolve("organisation.p12"),
                "signing.keystore-password = not-used",
                "gateway.work = " + temp.resolve("work"),
                ""), StandardCharsets.UTF_8);
    }

    private static CommandRun run(Path config) {
        return CommandRun.of("run", "--config", config.toString());
    }
}
