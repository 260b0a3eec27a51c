package org.epgugateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * HttpClient's wire and header loggers would print the bearer token, ESIA's answers and the uploaded archives: every
 * logging configuration the project ships or runs its tests with keeps them off, whatever its other levels.
 */
class WireLoggersOffTest {

    private static final List<String> WIRE_LOGGERS = List.of("org.apache.hc.client5.http.wire",
            "org.apache.hc.client5.http.headers", "org.apache.http.wire", "org.apache.http.headers");

    @Test
    void every_logging_configuration_turns_the_wire_loggers_off() throws IOException {
        List<Path> configurations = new ArrayList<>(List.of(Path.of("src/main/resources/log4j2.properties"),
                Path.of("src/test/resources/log4j2-debug.properties")));
        try (Stream<Path> files = Files.walk(Path.of("config"))) {
            files.filter(file -> file.getFileName().toString().startsWith("log4j2")).forEach(configurations::add);
        }

        for (Path configuration : configurations) {
            Properties logging = load(configuration);
            for (String logger : WIRE_LOGGERS) {
                assertThat(levelOf(logging, logger)).as("level of %s in %s", logger, configuration).isEqualTo("off");
            }
        }
    }

    @Test
    void the_configuration_in_the_jar_is_the_one_checked() throws IOException {
        Properties packaged = new Properties();
        try (InputStream in = WireLoggersOffTest.class.getResourceAsStream("/log4j2.properties")) {
            packaged.load(in);
        }

        assertThat(levelOf(packaged, "org.apache.hc.client5.http.wire")).isEqualTo("off");
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    /** The level a properties configuration gives the logger by name, lower case; null when it names none. */
    private static String levelOf(Properties logging, String loggerName) {
        for (String key : logging.stringPropertyNames()) {
            if (key.startsWith("logger.") && key.endsWith(".name") && loggerName.equals(logging.getProperty(key))) {
                String level = logging.getProperty(key.substring(0, key.length() - ".name".length()) + ".level");
                return level == null ? null : level.trim().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
