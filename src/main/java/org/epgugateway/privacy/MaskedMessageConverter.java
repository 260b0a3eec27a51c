package org.epgugateway.privacy;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;

/**
 * The log pattern's {@code %maskedMessage} (short {@code %mm}): the message with secrets and personal data masked.
 */
@Plugin(name = "MaskedMessageConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"maskedMessage", "mm"})
public final class MaskedMessageConverter extends LogEventPatternConverter {

    private MaskedMessageConverter() {
        super("MaskedMessage", "message");
    }

    /** Called by Log4j when it builds a pattern layout. */
    public static MaskedMessageConverter newInstance(String[] options) {
        return new MaskedMessageConverter();
    }

    @Override
    public void format(LogEvent event, StringBuilder toAppendTo) {
        toAppendTo.append(Redaction.mask(event.getMessage().getFormattedMessage()));
    }
}
