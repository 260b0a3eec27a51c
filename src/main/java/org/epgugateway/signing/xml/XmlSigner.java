package org.epgugateway.signing.xml;

import org.w3c.dom.Element;

/**
 * Signs elements of an XML document with XMLDSig, the XML counterpart of a signer of bytes.
 *
 * <p>Both methods add a {@code ds:Signature} element to the element's document and return it. The document must
 * then be serialised once, for example with {@link XmlBytes#of}, and those bytes sent as they are: reformatting
 * after signing breaks the signature.
 */
public interface XmlSigner {

    /**
     * Signs an element with a signature placed inside it, as its last child.
     *
     * <p>The signature refers to the whole document ({@code URI=""}) when the element is the root, otherwise to the
     * element's {@code Id} attribute; in both cases the enveloped-signature transform leaves the signature out.
     *
     * @return the new {@code ds:Signature} element; never null
     * @throws IllegalArgumentException when the element is not the root and has no unique {@code Id}
     */
    Element signEnveloped(Element element);

    /**
     * Signs an element by its {@code Id} with a signature appended to another element, outside the signed one.
     *
     * @param element the element to sign; it must carry an {@code Id} attribute unique in its document
     * @param container where the signature goes, in the same document and not inside {@code element}
     * @return the new {@code ds:Signature} element; never null
     * @throws IllegalArgumentException when the element has no unique {@code Id} or the container is misplaced
     */
    Element signDetached(Element element, Element container);
}
