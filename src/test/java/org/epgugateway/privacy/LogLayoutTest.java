package org.epgugateway.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Properties;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** The shipped console layout, as an operator reads it next to status.json. */
class LogLayoutTest {

    @Test
    void each_line_carries_its_time_with_the_offset_from_utc() throws IOException {
        Properties logging = new Properties();
        try (InputStream in = LogLayoutTest.class.getResourceAsStream("/log4j2.properties")) {
            logging.load(in);
        }
        PatternLayout layout = PatternLayout.newBuilder()
                .withPattern(logging.getProperty("appender.console.layout.pattern"))
                .withConfiguration(new DefaultConfiguration()).build();
        Log4jLogEvent event = Log4jLogEvent.newBuilder().setLoggerName("org.epgugateway.Probe").setLevel(Level.INFO)
                .setMessage(new SimpleMessage("drop taken")).setTimeMillis(Instant.parse("2026-12-04T16:24:31.120Z")
                        .toEpochMilli()).build();

        String line = layout.toSerializable(event);

        assertThat(line).matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d INFO .*")
                .contains("drop taken");
    }
}
