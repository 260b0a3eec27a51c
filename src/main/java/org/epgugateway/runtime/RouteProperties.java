package org.epgugateway.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.epgugateway.config.GatewaySettings;

/**
 * The gateway's settings as the YAML routes read them through placeholders: folders made absolute against the
 * installation folder, intervals in the milliseconds the endpoints expect, counts already checked. Handed to
 * Camel as override properties, so a duration such as {@code 1s} never reaches an endpoint URI unconverted.
 */
final class RouteProperties {

    /** The Camel Main key naming the route files. */
    static final String ROUTES_PATTERN = "camel.main.routes-include-pattern";

    private static final String FILE_SCHEME = "file:";

    private RouteProperties() {
    }

    static Map<String, String> of(Path home, GatewaySettings settings) {
        Map<String, String> properties = new HashMap<>();
        properties.put("gateway.inbox", absolute(home, settings.get("gateway.inbox", "data/inbox")));
        properties.put("gateway.work", absolute(home, settings.get("gateway.work", "data/work")));
        properties.put("gateway.inbox.poll-delay", millis(settings.getDurationOrMillis("gateway.inbox.poll-delay",
                Duration.ofSeconds(1))));
        properties.put("gateway.resume-interval", millis(settings.getDurationOrMillis("gateway.resume-interval",
                Duration.ofSeconds(5))));
        properties.put("gateway.workers", Integer.toString(settings.getInt("gateway.workers", 4)));
        properties.put("gateway.queue-size", Integer.toString(settings.getInt("gateway.queue-size", 1000)));
        properties.put(ROUTES_PATTERN, routeFiles(home, settings.get(ROUTES_PATTERN, "file:routes/*.camel.yaml")));
        return properties;
    }

    /** Each relative {@code file:} pattern resolved against the installation folder; others left as written. */
    // Visible for testing
    static String routeFiles(Path home, String patterns) {
        List<String> resolved = new ArrayList<>();
        for (String pattern : patterns.split(",")) {
            String trimmed = pattern.trim();
            if (trimmed.startsWith(FILE_SCHEME) && !Path.of(trimmed.substring(FILE_SCHEME.length())).isAbsolute()) {
                trimmed = FILE_SCHEME + absolute(home, trimmed.substring(FILE_SCHEME.length()));
            }
            resolved.add(trimmed);
        }
        return String.join(",", resolved);
    }

    private static String absolute(Path home, String path) {
        return home.resolve(path).toAbsolutePath().normalize().toString();
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }
}
