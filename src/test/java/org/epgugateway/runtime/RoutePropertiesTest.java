package org.epgugateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.epgugateway.config.GatewaySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the routes read through placeholders: milliseconds, absolute folders, route files of the installation. */
class RoutePropertiesTest {

    @TempDir
    Path home;

    @Test
    void durations_reach_the_routes_as_milliseconds_and_plain_numbers_stay_milliseconds() {
        GatewaySettings settings = GatewaySettings.of(new Properties(), Map.of("GATEWAY_INBOX_POLL_DELAY", "1s",
                "GATEWAY_RESUME_INTERVAL", "1500"), new Properties());

        Map<String, String> properties = RouteProperties.of(home, settings);

        assertThat(properties).containsEntry("gateway.inbox.poll-delay", "1000")
                .containsEntry("gateway.resume-interval", "1500");
    }

    @Test
    void unset_keys_get_the_documented_defaults() {
        Map<String, String> properties = RouteProperties.of(home, GatewaySettings.of(new Properties(), Map.of(),
                new Properties()));

        assertThat(properties).containsEntry("gateway.inbox.poll-delay", "1000")
                .containsEntry("gateway.resume-interval", "5000")
                .containsEntry("gateway.workers", "4")
                .containsEntry("gateway.queue-size", "1000")
                .containsEntry("gateway.inbox", home.resolve("data/inbox").toString())
                .containsEntry("gateway.work", home.resolve("data/work").toString())
                .containsEntry(RouteProperties.ROUTES_PATTERN, "file:" + home.resolve("routes/*.camel.yaml"));
    }

    @Test
    void relative_folders_resolve_against_the_installation_folder_and_absolute_ones_stay() {
        GatewaySettings settings = GatewaySettings.of(new Properties(), Map.of("GATEWAY_INBOX", "drops/in",
                "GATEWAY_WORK", "/var/lib/epgu-gateway/work"), new Properties());

        Map<String, String> properties = RouteProperties.of(home, settings);

        assertThat(properties).containsEntry("gateway.inbox", home.resolve("drops/in").toString())
                .containsEntry("gateway.work", "/var/lib/epgu-gateway/work");
    }

    @Test
    void only_relative_file_patterns_of_route_files_are_resolved() {
        String patterns = RouteProperties.routeFiles(home,
                "file:routes/*.camel.yaml, classpath:extra/*.yaml,file:/etc/epgu-gateway/routes/*.yaml");

        assertThat(patterns).isEqualTo("file:" + home.resolve("routes/*.camel.yaml")
                + ",classpath:extra/*.yaml,file:/etc/epgu-gateway/routes/*.yaml");
    }
}
