package org.epgugateway.signing.xml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;

/**
 * Serialises a signed document once, in UTF-8 and without reformatting, so that the bytes sent are the bytes signed.
 */
public final class XmlBytes {

    private static final byte[] DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            .getBytes(StandardCharsets.US_ASCII);

    private XmlBytes() {
    }

    /**
     * Writes the document as it is: no indentation is added and no whitespace removed.
     *
     * @return the UTF-8 bytes with an XML declaration; never null
     */
    public static byte[] of(Document document) {
        try {
            // the JDK's own serialiser, not whichever XSLT engine the class path offers, so the output never varies
            Transformer identity = TransformerFactory.newDefaultInstance().newTransformer();
            identity.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            identity.setOutputProperty(OutputKeys.INDENT, "no");
            // written here: the JDK's declaration says standalone="no", or runs into the root element without it
            identity.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(DECLARATION);
            identity.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot serialise the signed document: " + e.getMessage(), e);
        }
    }
}
