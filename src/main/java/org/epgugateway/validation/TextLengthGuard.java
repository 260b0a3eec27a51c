package org.epgugateway.validation;

import java.io.ByteArrayInputStream;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Refuses a drop with a text or attribute value longer than a limit before the schema sees it: the JDK's schema
 * validator checks pattern facets in time that grows with the square of a value's length, so one value of a few
 * megabytes would hold a worker for hours. The check streams through the bytes once and builds no tree.
 *
 * <p>Text interrupted only by comments or processing instructions counts as one run, because the schema validates
 * the joined value. A document this pass cannot read (a DOCTYPE, nesting beyond the parser's limit, malformed
 * bytes) is left to {@link SafeXml}, which refuses it with the precise reason.
 */
public final class TextLengthGuard {

    private static final XMLInputFactory FACTORY = hardenedFactory();

    private final int maxLength;

    /**
     * @param maxLength the most characters a text run or an attribute value may have
     */
    public TextLengthGuard(int maxLength) {
        this.maxLength = maxLength;
    }

    /**
     * @throws InvalidDropException with code {@code TEXT_TOO_LONG} naming the element and the limit
     */
    public void check(byte[] bytes) {
        XMLStreamReader reader;
        try {
            synchronized (FACTORY) {
                reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(bytes));
            }
        } catch (XMLStreamException e) {
            return;
        }
        try {
            walk(reader);
        } catch (XMLStreamException e) {
            // not this pass's business: the strict parse that follows names what is wrong
        } finally {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // nothing was held open beyond the byte array
            }
        }
    }

    private void walk(XMLStreamReader reader) throws XMLStreamException {
        String[] open = new String[SafeXml.MAX_DEPTH];
        int depth = 0;
        long run = 0;
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (depth == open.length) {
                        return;
                    }
                    open[depth++] = name(reader);
                    run = 0;
                    checkAttributes(reader, open[depth - 1]);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    run = 0;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    run += Character.codePointCount(reader.getTextCharacters(), reader.getTextStart(),
                            reader.getTextLength());
                    if (run > maxLength && depth > 0) {
                        throw tooLong("The text of element " + open[depth - 1]);
                    }
                }
                case XMLStreamConstants.DTD -> {
                    return;
                }
                default -> {
                    // comments and processing instructions neither end a text run nor count towards it
                }
            }
        }
    }

    private void checkAttributes(XMLStreamReader reader, String element) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String value = reader.getAttributeValue(i);
            if (value.codePointCount(0, value.length()) > maxLength) {
                String prefix = reader.getAttributePrefix(i);
                String attribute = prefix == null || prefix.isEmpty() ? reader.getAttributeLocalName(i)
                        : prefix + ":" + reader.getAttributeLocalName(i);
                throw tooLong("The attribute " + attribute + " of element " + element);
            }
        }
    }

    private InvalidDropException tooLong(String what) {
        return new InvalidDropException("TEXT_TOO_LONG", what + " is longer than " + maxLength
                + " characters; longer values are refused (gateway.max-text-length)");
    }

    private static String name(XMLStreamReader reader) {
        String prefix = reader.getPrefix();
        return prefix == null || prefix.isEmpty() ? reader.getLocalName() : prefix + ":" + reader.getLocalName();
    }

    private static XMLInputFactory hardenedFactory() {
        // the JDK's own parser, whatever StAX implementation the class path brings
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // text arrives in pieces, so a long value is refused without ever being held whole
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }
}
