package org.epgugateway.signing.xml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The SMEV 3 transform {@value #URI}: a normal form of an XML fragment that forgives differences in prefixes,
 * namespace declarations, attribute order, indentation and empty-element tags.
 *
 * <p>Written from the published rules, one method per rule:
 * <ol>
 *   <li>the XML declaration and processing instructions are dropped;</li>
 *   <li>text nodes made only of characters up to U+0020 are dropped; other text is kept as it is;</li>
 *   <li>an element is always written as a start tag and an end tag, never as an empty-element tag;</li>
 *   <li>namespace declarations that no element or attribute uses are dropped;</li>
 *   <li>a namespace that an element or attribute uses is declared where it is first needed, unless an
 *       ancestor in the output declares it already;</li>
 *   <li>prefixes are replaced by {@code ns1}, {@code ns2}, ... numbered in document order across the fragment;</li>
 *   <li>attributes are sorted by namespace URI, then local name; attributes without a namespace come last,
 *       sorted by local name;</li>
 *   <li>namespace declarations come before attributes: the element's own namespace first, then those of its
 *       attributes in the attribute order;</li>
 *   <li>text escapes {@code & < >}, attribute values escape {@code & < > "}; everything else is written as
 *       UTF-8 characters.</li>
 * </ol>
 *
 * <p>Comments are dropped as well: in SMEV signatures the transform follows exclusive canonicalisation without
 * comments, which has removed them already. Instances do not exist; the methods are thread-safe.
 */
// Limitation: there are no official input/output pairs in the project, so the rules above are checked by hand-built
// cases only. Step 9 of newer SMEV documents also describes details (conditional escaping of '>', whitespace in
// attribute values) that could not be checked against the official text; escaping here follows the plain rule above.
public final class SmevTransform {

    /** The transform's algorithm URI in {@code ds:Transform}. */
    public static final String URI = "urn://smev-gov-ru/xmldsig/transform";

    private static final String PREFIX = "ns";
    private static final char LAST_WHITESPACE = '\u0020';

    // attributes with a namespace first, by namespace URI then local name; the others after, by local name
    private static final Comparator<Attribute> ATTRIBUTE_ORDER = Comparator
            .comparing((Attribute a) -> a.namespace().isEmpty())
            .thenComparing(Attribute::namespace)
            .thenComparing(Attribute::localName);

    private SmevTransform() {
    }

    /**
     * Transforms a fragment held in memory.
     *
     * @param xml a well-formed XML document or fragment with one root element, in UTF-8 or with its encoding declared
     * @return the transformed bytes in UTF-8; never null
     * @throws IllegalArgumentException when the input is not well-formed or carries a DTD
     */
    public static byte[] apply(byte[] xml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(xml.length);
        try {
            transform(new ByteArrayInputStream(xml), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory streams do not fail
        }
        return out.toByteArray();
    }

    /**
     * Reads a fragment from the stream and writes its transformed form.
     *
     * @throws IllegalArgumentException when the input is not well-formed or carries a DTD
     * @throws IOException when writing fails
     */
    public static void transform(InputStream in, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        XMLStreamReader reader = null;
        try {
            reader = inputFactory().createXMLStreamReader(in);
            new Run(reader, writer).copy();
            writer.flush();
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("Cannot apply the SMEV transform: the input is not well-formed XML ("
                    + e.getMessage() + ")", e);
        } finally {
            closeQuietly(reader);
        }
    }

    private static XMLInputFactory inputFactory() {
        // the JDK's own parser, whatever StAX implementation the class path brings, so that parsing never varies
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // one event per text node, so that rule 2 sees whole nodes (CDATA sections become text as well)
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    private static void closeQuietly(XMLStreamReader reader) {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // the result is complete or the failure has been reported already
        }
    }

    /** One attribute as read: namespace URI ("" for none), local name and value. */
    private record Attribute(String namespace, String localName, String value) {
    }

    /** The state of one transformation: the namespaces declared on the output path and the prefix counter. */
    private static final class Run {

        private final XMLStreamReader reader;
        private final Writer out;
        // one map per open element: the namespace URIs it declares, with their new prefixes, in declaration order
        private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
        private final Deque<String> openNames = new ArrayDeque<>();
        private int prefixes;

        Run(XMLStreamReader reader, Writer out) {
            this.reader = reader;
            this.out = out;
        }

        void copy() throws XMLStreamException, IOException {
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.START_ELEMENT -> startElement();
                    case XMLStreamConstants.END_ELEMENT -> endElement();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text();
                    case XMLStreamConstants.DTD -> throw new XMLStreamException("a DTD is not allowed here");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new XMLStreamException("undeclared entity &" + reader.getLocalName() + ";");
                    default -> {
                        // rule 1: declaration and processing instructions; comments: see the class comment
                    }
                }
            }
        }

        private void startElement() throws IOException {
            Map<String, String> declared = new LinkedHashMap<>();
            scopes.push(declared);

            // rules 5, 6 and 8: the element's namespace is looked up (and declared if new) before any attribute's
            String name = qualifiedName(reader.getNamespaceURI(), reader.getLocalName(), declared);
            List<Attribute> attributes = sortedAttributes();
            List<String> attributeNames = new ArrayList<>(attributes.size());
            for (Attribute attribute : attributes) {
                attributeNames.add(qualifiedName(attribute.namespace(), attribute.localName(), declared));
            }

            out.write('<');
            out.write(name);
            for (Map.Entry<String, String> declaration : declared.entrySet()) {
                out.write(" xmlns:" + declaration.getValue() + "=\"");
                writeEscaped(declaration.getKey(), true);
                out.write('"');
            }
            for (int i = 0; i < attributes.size(); i++) {
                out.write(' ');
                out.write(attributeNames.get(i));
                out.write("=\"");
                writeEscaped(attributes.get(i).value(), true);
                out.write('"');
            }
            // rule 3: the start tag is always closed on its own, so an empty element gets an end tag too
            out.write('>');
            openNames.push(name);
        }

        private void endElement() throws IOException {
            out.write("</");
            out.write(openNames.pop());
            out.write('>');
            scopes.pop();
        }

        // rule 2: whitespace-only text nodes go; any other text stays exactly as it is
        private void text() throws IOException {
            String text = reader.getText();
            if (isWhitespaceOnly(text)) {
                return;
            }
            writeEscaped(text, false);
        }

        // rule 7
        private List<Attribute> sortedAttributes() {
            List<Attribute> attributes = new ArrayList<>(reader.getAttributeCount());
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                String namespace = reader.getAttributeNamespace(i);
                attributes.add(new Attribute(namespace == null ? "" : namespace, reader.getAttributeLocalName(i),
                        reader.getAttributeValue(i)));
            }
            attributes.sort(ATTRIBUTE_ORDER);
            return attributes;
        }

        // rules 4 to 6: only used namespaces are declared, each once on the output path, with a generated prefix
        private String qualifiedName(String namespace, String localName, Map<String, String> declared) {
            if (namespace == null || namespace.isEmpty()) {
                // Limitation: the rules do not say how to write a name without a namespace; it stays unprefixed,
                // which is unambiguous because the output never declares a default namespace
                return localName;
            }
            if (XMLConstants.XML_NS_URI.equals(namespace)) {
                return XMLConstants.XML_NS_PREFIX + ":" + localName; // xml: is bound by definition and never declared
            }
            String prefix = prefixInScope(namespace);
            if (prefix == null) {
                prefixes++;
                prefix = PREFIX + prefixes;
                declared.put(namespace, prefix);
            }
            return prefix + ":" + localName;
        }

        private String prefixInScope(String namespace) {
            for (Map<String, String> scope : scopes) {
                String prefix = scope.get(namespace);
                if (prefix != null) {
                    return prefix;
                }
            }
            return null;
        }

        // rule 9
        private void writeEscaped(String text, boolean attribute) throws IOException {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '&' -> out.write("&amp;");
                    case '<' -> out.write("&lt;");
                    case '>' -> out.write("&gt;");
                    case '"' -> out.write(attribute ? "&quot;" : "\"");
                    default -> out.write(c);
                }
            }
        }
    }

    static boolean isWhitespaceOnly(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > LAST_WHITESPACE) {
                return false;
            }
        }
        return true;
    }
}
