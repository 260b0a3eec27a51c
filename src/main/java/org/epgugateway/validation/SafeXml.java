package org.epgugateway.validation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSOutput;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses untrusted XML with the JDK's parser hardened against hostile input: a DOCTYPE is refused outright, so no
 * entity (external or internal, as in "billion laughs") is ever resolved or expanded, and nothing is fetched.
 * The declared or detected encoding (BOM, UTF-16, windows-1251, ...) is honoured because the bytes are parsed,
 * not a string.
 */
public final class SafeXml {

    /** No application nests deeper; a hostile document that does could exhaust the stack. */
    static final int MAX_DEPTH = 256;
    private static final DocumentBuilderFactory FACTORY = hardenedFactory();

    private SafeXml() {
    }

    /**
     * Parses a whole document.
     *
     * @throws InvalidDropException with code {@code EMPTY}, {@code DTD_FORBIDDEN} or {@code NOT_XML}
     */
    public static Document parse(byte[] bytes) {
        if (bytes.length == 0) {
            throw new InvalidDropException("EMPTY", "The file is empty");
        }
        try {
            DocumentBuilder builder;
            synchronized (FACTORY) {
                builder = FACTORY.newDocumentBuilder();
            }
            builder.setErrorHandler(new Strict());
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("External entities are not allowed (" + systemId + ")");
            });
            Document document = builder.parse(new ByteArrayInputStream(bytes));
            requireEveryByteDecodes(bytes, document.getXmlEncoding());
            return document;
        } catch (SAXParseException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("DOCTYPE")) {
                throw new InvalidDropException("DTD_FORBIDDEN", "The file declares a DOCTYPE; document type "
                        + "declarations and entities are refused for safety (line " + e.getLineNumber() + ")");
            }
            throw new InvalidDropException("NOT_XML", "The file is not well-formed XML: " + message + " (line "
                    + e.getLineNumber() + ", column " + e.getColumnNumber() + ")");
        } catch (SAXException | IOException e) {
            throw new InvalidDropException("NOT_XML", "The file cannot be read as XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be configured safely", e);
        }
    }

    /**
     * The parser reads single-byte encodings such as windows-1251 through the JDK's decoders, which replace a byte
     * the code page leaves undefined (0x98 in windows-1251) with U+FFFD instead of failing. A name or an address
     * must never reach the agency with a character silently lost, so the bytes are decoded once more, strictly.
     * The parser's own UTF-8 and UTF-16 readers already refuse what they cannot decode. Under a single-byte
     * declaration, bytes that are really UTF-8 are refused as well (see {@link #requireNotUtf8}).
     */
    private static void requireEveryByteDecodes(byte[] bytes, String declaredEncoding) {
        if (declaredEncoding == null || declaredEncoding.toUpperCase(Locale.ROOT).startsWith("UTF")
                || !Charset.isSupported(declaredEncoding)) {
            return;
        }
        String encoding = declaredEncoding;
        Charset charset = Charset.forName(encoding);
        if (isSingleByte(charset)) {
            requireNotUtf8(bytes, encoding);
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes);
        CharBuffer output = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(input, output, true);
            if (result.isError()) {
                int offset = input.position();
                throw new InvalidDropException("NOT_XML", String.format("The file declares the encoding %s, but "
                        + "the byte 0x%02X at offset %d is not a character in it", encoding,
                        bytes[offset] & 0xFF, offset));
            }
            if (result.isUnderflow()) {
                return;
            }
            output.clear();
        }
    }

    /**
     * UTF-8 bytes under a single-byte declaration decode without an error, into a name no person wrote («РђРЅРЅР°»
     * for «Анна») that the agency would receive. Such a file is refused with what the producer must change; this
     * comes before the byte check, whose message would point at a byte instead of the cause.
     */
    private static void requireNotUtf8(byte[] bytes, String encoding) {
        Utf8Lookalike.firstCyrillicLetter(bytes).ifPresent(offset -> {
            throw new InvalidDropException("NOT_XML", String.format("The file declares the encoding %s, but its "
                    + "bytes look like UTF-8 (a Cyrillic letter encoded as UTF-8 at offset %d, bytes 0x%02X 0x%02X):"
                    + " declare encoding=\"UTF-8\" or convert the file to %s", encoding, offset,
                    bytes[offset] & 0xFF, bytes[offset + 1] & 0xFF, encoding));
        });
    }

    private static boolean isSingleByte(Charset charset) {
        return charset.canEncode() && charset.newEncoder().maxBytesPerChar() == 1.0f;
    }

    /**
     * The document written out as UTF-8, whatever encoding it arrived in (a BOM, UTF-16, windows-1251), so later
     * steps that read bytes never have to guess an encoding.
     */
    public static byte[] toUtf8(Document document) {
        // DOM Load and Save writes the encoding it is told; the identity transformer would keep the document's own
        DOMImplementationLS ls = (DOMImplementationLS) document.getImplementation().getFeature("LS", "3.0");
        LSOutput output = ls.createLSOutput();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        output.setByteStream(out);
        output.setEncoding(StandardCharsets.UTF_8.name());
        ls.createLSSerializer().write(document, output);
        return out.toByteArray();
    }

    private static DocumentBuilderFactory hardenedFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        try {
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth",
                    String.valueOf(MAX_DEPTH));
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be configured safely", e);
        }
        return factory;
    }

    /** Treats every parser error as fatal, so a document is either well-formed or refused. */
    private static final class Strict implements ErrorHandler {
        @Override
        public void warning(SAXParseException exception) {
            // warnings do not make a document unusable
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    }
}
