package org.epgugateway.packaging;

import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.epgugateway.config.ArchiveSigningRules.SignatureFile;
import org.epgugateway.config.ArchiveSigningRules.SignedDocument;
import org.epgugateway.signing.xml.XmlBytes;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes {@code sign_config.xml}, which tells EPGU which signature files belong to which document.
 *
 * <p>Structure: {@code signedAttachments} holds one {@code signedDocument} per document, each with
 * {@code documentFileName}, an optional {@code documentDescription}, and one {@code signData} per signature file with
 * {@code signFileName} and an optional {@code signFileDescription}.
 */
// Limitation: the elements are written without a namespace, as the structure is described; the official schema of
// the file was not available to check that against
final class SignConfigDocument {

    private SignConfigDocument() {
    }

    /** The file's bytes for the documents in the given order; never null. */
    static byte[] of(List<SignedDocument> documents) {
        Document xml = newDocument();
        Element root = xml.createElement("signedAttachments");
        xml.appendChild(root);
        for (SignedDocument document : documents) {
            Element signedDocument = child(root, "signedDocument");
            text(signedDocument, "documentFileName", document.fileName());
            document.description().ifPresent(d -> text(signedDocument, "documentDescription", d));
            for (SignatureFile signature : document.signatures()) {
                Element signData = child(signedDocument, "signData");
                text(signData, "signFileName", signature.fileName());
                signature.description().ifPresent(d -> text(signData, "signFileDescription", d));
            }
        }
        return XmlBytes.of(xml);
    }

    private static Document newDocument() {
        try {
            return DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK cannot create an XML document: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        Element child = parent.getOwnerDocument().createElement(name);
        parent.appendChild(child);
        return child;
    }

    private static void text(Element parent, String name, String value) {
        child(parent, name).setTextContent(value);
    }
}
