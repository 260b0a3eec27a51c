package org.epgugateway.privacy;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;

/**
 * The log pattern's {@code %maskedException} (short {@code %mex}): a stack trace whose messages, which may quote
 * documents or URLs, are masked like log messages.
 */
@Plugin(name = "MaskedThrowableConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"maskedException", "mex"})
public final class MaskedThrowableConverter extends LogEventPatternConverter {

    private MaskedThrowableConverter() {
        super("MaskedThrowable", "throwable");
    }

    /** Called by Log4j when it builds a pattern layout. */
    public static MaskedThrowableConverter newInstance(String[] options) {
        return new MaskedThrowableConverter();
    }

    @Override
    public boolean handlesThrowable() {
        return true;
    }

    @Override
    public void format(LogEvent event, StringBuilder toAppendTo) {
        Throwable thrown = event.getThrown();
        if (thrown == null) {
            return;
        }
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        toAppendTo.append(Redaction.mask(trace.toString()));
    }
}
