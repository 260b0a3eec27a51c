package org.epgugateway.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects every log line (with stack traces) the process writes at the configured levels while it is open, so a
 * test can check what an operator would read.
 */
public final class LogCapture implements AutoCloseable {

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final Collector collector = new Collector();

    private LogCapture() {
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.collector.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        configuration.getRootLogger().addAppender(capture.collector, Level.ALL, null);
        context.updateLoggers();
        return capture;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Everything captured as one text. */
    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(collector.getName());
        context.updateLoggers();
        collector.stop();
    }

    private final class Collector extends AbstractAppender {

        Collector() {
            super("test-capture-" + System.identityHashCode(LogCapture.this), null, null, true,
                    Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " - "
                    + event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                StringWriter trace = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            lines.add(line.toString());
        }
    }
}
