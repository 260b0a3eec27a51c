package org.epgugateway.signing.xml;

import java.util.Objects;

import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.epgugateway.signing.SigningKey;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Signs XML elements with a GOST R 34.10-2012 key: exclusive canonicalisation, the SMEV transform when configured,
 * GOST R 34.11-2012 digests of the key's size, the signer's certificate in {@code ds:KeyInfo} and the {@code ds}
 * prefix.
 *
 * <p>Instances hold no state besides the key and the options and may sign different documents from several threads
 * at once; one document must not be signed from two threads at the same time, as DOM is not thread-safe.
 */
public final class GostXmlSigner implements XmlSigner {

    private final SigningKey key;
    private final XmlSignatureOptions options;
    private final GostXmlAlgorithm algorithm;

    /**
     * Prepares signing with the key.
     *
     * @throws IllegalArgumentException when the key is not a GOST R 34.10-2012 key
     */
    public GostXmlSigner(SigningKey key, XmlSignatureOptions options) {
        GostXmlDsig.register();
        this.key = Objects.requireNonNull(key, "key");
        this.options = Objects.requireNonNull(options, "options");
        this.algorithm = GostXmlAlgorithm.forSigning(key.certificate());
    }

    @Override
    public Element signEnveloped(Element element) {
        Objects.requireNonNull(element, "element");
        Document document = element.getOwnerDocument();
        String uri = element == document.getDocumentElement() ? "" : "#" + uniqueId(element);
        return sign(element, element, uri, true);
    }

    @Override
    public Element signDetached(Element element, Element container) {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(container, "container");
        if (container.getOwnerDocument() != element.getOwnerDocument()) {
            throw new IllegalArgumentException("The signature must go into the document of the signed element");
        }
        if (isInside(container, element)) {
            // the signature would change the content it signs; that is what signEnveloped is for
            throw new IllegalArgumentException("A detached signature of <" + element.getTagName()
                    + "> cannot go into <" + container.getTagName() + ">, which is inside it");
        }
        return sign(element, container, "#" + uniqueId(element), false);
    }

    private Element sign(Element element, Element container, String uri, boolean enveloped) {
        Document document = element.getOwnerDocument();
        XMLSignature signature;
        try {
            signature = new XMLSignature(document, "", algorithm.signatureUri(options.uris()),
                    Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        } catch (XMLSecurityException e) {
            throw signingFailed(e);
        }
        container.appendChild(signature.getElement());
        try {
            signature.addDocument(uri, transforms(document, enveloped), algorithm.digestUri(options.uris()));
            signature.addKeyInfo(key.certificate());
            signature.sign(key.privateKey());
            return signature.getElement();
        } catch (XMLSecurityException | RuntimeException e) {
            container.removeChild(signature.getElement()); // leave the document as it was
            throw signingFailed(e);
        }
    }

    private Transforms transforms(Document document, boolean enveloped) throws XMLSecurityException {
        Transforms transforms = new Transforms(document);
        if (enveloped) {
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
        }
        transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
        if (options.smevTransform()) {
            transforms.addTransform(SmevTransform.URI);
        }
        return transforms;
    }

    private static String uniqueId(Element element) {
        String id = element.getAttributeNS(null, IdAttributes.NAME);
        if (id.isEmpty()) {
            throw new IllegalArgumentException("<" + element.getTagName() + "> has no " + IdAttributes.NAME
                    + " attribute: a signature that does not cover the whole document refers to its element by Id");
        }
        int carriers = IdAttributes.declare(element.getOwnerDocument()).count(id);
        if (carriers > 1) {
            throw new IllegalArgumentException(IdAttributes.NAME + " '" + id + "' is carried by " + carriers
                    + " elements: a reference to it would be ambiguous");
        }
        return id;
    }

    private static boolean isInside(Node node, Element ancestor) {
        for (Node n = node; n != null; n = n.getParentNode()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    private IllegalStateException signingFailed(Exception e) {
        return new IllegalStateException("GOST XML signing with " + key + " failed: " + e.getMessage(), e);
    }
}
