package org.epgugateway.signing.xml;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.KeyInfo;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.utils.Constants;
import org.epgugateway.signing.GostProvider;
import org.epgugateway.signing.OrganisationCertificate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Verifies GOST XML signatures written with either URI family, and says precisely why one does not verify.
 *
 * <p>Only GOST signature and digest methods, canonicalisation and enveloped-signature transforms, the SMEV transform
 * and same-document references ({@code ""} or {@code #Id}) are accepted; anything else is refused before any
 * cryptography runs. Whether the certificate is trusted is the caller's decision, and so is whether the signed
 * references cover what the caller relies on. Instances are thread-safe.
 */
// Limitation: XMLDSig carries no signing time, so the certificate's validity period is not checked here
public final class XmlSignatureVerifier {

    private static final Set<String> CANONICALISATIONS = Set.of(
            Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS, Canonicalizer.ALGO_ID_C14N_EXCL_WITH_COMMENTS,
            Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS, Canonicalizer.ALGO_ID_C14N_WITH_COMMENTS,
            Canonicalizer.ALGO_ID_C14N11_OMIT_COMMENTS, Canonicalizer.ALGO_ID_C14N11_WITH_COMMENTS);
    private static final Set<String> OTHER_TRANSFORMS = Set.of(Transforms.TRANSFORM_ENVELOPED_SIGNATURE,
            SmevTransform.URI);

    public XmlSignatureVerifier() {
        GostXmlDsig.register();
    }

    /**
     * Verifies every {@code ds:Signature} in the document, each with the certificate it carries.
     *
     * @return one result per signature, in document order; never empty
     * @throws XmlSignatureException when the document has no signature or one of them does not verify
     */
    public List<VerifiedXmlSignature> verifyAll(Document document) {
        NodeList signatures = document.getElementsByTagNameNS(Constants.SignatureSpecNS, Constants._TAG_SIGNATURE);
        if (signatures.getLength() == 0) {
            throw new XmlSignatureException("The document holds no ds:Signature element");
        }
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < signatures.getLength(); i++) {
            elements.add((Element) signatures.item(i)); // copied first: the live list is not to be walked while used
        }
        List<VerifiedXmlSignature> verified = new ArrayList<>();
        for (Element signature : elements) {
            verified.add(verify(signature));
        }
        return verified;
    }

    /**
     * Verifies one signature with the certificate in its {@code ds:KeyInfo}.
     *
     * @param signature a {@code ds:Signature} element inside the document it signs
     * @return who signed and what; never null
     * @throws XmlSignatureException when the signature does not verify, with the reason
     */
    public VerifiedXmlSignature verify(Element signature) {
        return verify(signature, null);
    }

    /**
     * Verifies one signature with a certificate the caller expects; a certificate in {@code ds:KeyInfo} must be that
     * one.
     *
     * @param signature a {@code ds:Signature} element inside the document it signs
     * @param expected the certificate whose key must have signed; null to use the one the signature carries
     * @return who signed and what; never null
     * @throws XmlSignatureException when the signature does not verify, with the reason
     */
    public VerifiedXmlSignature verify(Element signature, X509Certificate expected) {
        Objects.requireNonNull(signature, "signature");
        requireSignatureElement(signature);
        GostXmlAlgorithm algorithm = checkAlgorithms(signature);
        List<String> references = checkReferences(signature);

        XMLSignature parsed = parse(signature);
        X509Certificate certificate = signerCertificate(parsed, expected);
        requireMatchingKey(algorithm, certificate, signatureMethod(signature));

        boolean valid;
        try {
            valid = parsed.checkSignatureValue(certificate);
        } catch (XMLSecurityException | RuntimeException e) {
            throw diagnose(parsed, algorithm, certificate, e);
        }
        if (!valid) {
            throw diagnose(parsed, algorithm, certificate, null);
        }
        return new VerifiedXmlSignature(certificate, signatureMethod(signature), references);
    }

    private static void requireSignatureElement(Element signature) {
        if (!Constants.SignatureSpecNS.equals(signature.getNamespaceURI())
                || !Constants._TAG_SIGNATURE.equals(signature.getLocalName())) {
            throw new XmlSignatureException("<" + signature.getTagName() + "> is not a ds:Signature element");
        }
    }

    private static GostXmlAlgorithm checkAlgorithms(Element signature) {
        Element signedInfo = child(signature, Constants._TAG_SIGNEDINFO);
        String canonicalisation = algorithmOf(child(signedInfo, Constants._TAG_CANONICALIZATIONMETHOD));
        if (!CANONICALISATIONS.contains(canonicalisation)) {
            throw new XmlSignatureException("CanonicalizationMethod " + canonicalisation + " is not accepted; "
                    + "use exclusive or inclusive XML canonicalisation");
        }
        String method = signatureMethod(signature);
        return GostXmlAlgorithm.forSignatureUri(method).orElseThrow(() -> new XmlSignatureException(
                "SignatureMethod " + method + " is not a GOST R 34.10 algorithm; only GOST signatures are accepted"));
    }

    private static List<String> checkReferences(Element signature) {
        Document document = signature.getOwnerDocument();
        IdAttributes ids = IdAttributes.declare(document);
        List<String> uris = new ArrayList<>();
        for (Element reference : children(child(signature, Constants._TAG_SIGNEDINFO), Constants._TAG_REFERENCE)) {
            String uri = reference.getAttributeNS(null, Constants._ATT_URI);
            checkUri(uri, reference, ids);
            String digest = algorithmOf(child(reference, Constants._TAG_DIGESTMETHOD));
            if (GostXmlAlgorithm.forDigestUri(digest).isEmpty()) {
                throw new XmlSignatureException("DigestMethod " + digest + " of reference '" + uri
                        + "' is not a GOST R 34.11 digest; only GOST digests are accepted");
            }
            for (Element transforms : children(reference, Constants._TAG_TRANSFORMS)) {
                for (Element transform : children(transforms, Constants._TAG_TRANSFORM)) {
                    String algorithm = algorithmOf(transform);
                    if (!CANONICALISATIONS.contains(algorithm) && !OTHER_TRANSFORMS.contains(algorithm)) {
                        throw new XmlSignatureException("Transform " + algorithm + " of reference '" + uri
                                + "' is not accepted; only canonicalisation, enveloped-signature and the SMEV "
                                + "transform are");
                    }
                }
            }
            uris.add(uri);
        }
        if (uris.isEmpty()) {
            throw new XmlSignatureException("The signature has no ds:Reference, so it signs nothing");
        }
        return uris;
    }

    private static void checkUri(String uri, Element reference, IdAttributes ids) {
        if (!reference.hasAttributeNS(null, Constants._ATT_URI)) {
            throw new XmlSignatureException("A ds:Reference without a URI names no content in this document");
        }
        if (uri.isEmpty()) {
            return; // the whole document
        }
        if (!uri.startsWith("#") || uri.startsWith("#xpointer(")) {
            throw new XmlSignatureException("Reference '" + uri + "' does not point into this document by Id; only "
                    + "URI=\"\" and URI=\"#Id\" are accepted, so nothing is ever fetched");
        }
        String id = uri.substring(1);
        int carriers = ids.count(id);
        if (carriers == 0) {
            throw new XmlSignatureException("Reference '" + uri + "' points at no element: no element has "
                    + IdAttributes.NAME + "=\"" + id + "\"");
        }
        if (carriers > 1) {
            throw new XmlSignatureException(IdAttributes.NAME + " '" + id + "' is carried by " + carriers
                    + " elements, so reference '" + uri + "' is ambiguous (as in a signature wrapping attack)");
        }
    }

    private static XMLSignature parse(Element signature) {
        try {
            return new XMLSignature(signature, "", true);
        } catch (XMLSecurityException e) {
            throw new XmlSignatureException("Malformed XML signature: " + e.getMessage(), e);
        }
    }

    private static X509Certificate signerCertificate(XMLSignature signature, X509Certificate expected) {
        X509Certificate carried = carriedCertificate(signature).orElse(null);
        if (expected == null && carried == null) {
            throw new XmlSignatureException("The signature carries no X.509 certificate in ds:KeyInfo and none was "
                    + "given to verify it with");
        }
        if (expected != null && carried != null && !expected.equals(carried)) {
            throw new XmlSignatureException("The signature carries the certificate of "
                    + OrganisationCertificate.describe(carried) + ", not the expected "
                    + OrganisationCertificate.describe(expected));
        }
        return expected != null ? expected : carried;
    }

    private static Optional<X509Certificate> carriedCertificate(XMLSignature signature) {
        KeyInfo keyInfo = signature.getKeyInfo();
        if (keyInfo == null || !keyInfo.containsX509Data()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(keyInfo.getX509Certificate());
        } catch (XMLSecurityException e) {
            throw new XmlSignatureException("Cannot read the certificate in ds:KeyInfo: " + e.getMessage(), e);
        }
    }

    private static void requireMatchingKey(GostXmlAlgorithm algorithm, X509Certificate certificate, String method) {
        Optional<GostXmlAlgorithm> key = GostXmlAlgorithm.forKey(certificate);
        if (key.isEmpty() || key.get() != algorithm) {
            throw new XmlSignatureException("SignatureMethod " + method + " needs a " + algorithm + " key, but "
                    + OrganisationCertificate.describe(certificate) + " holds "
                    + key.map(GostXmlAlgorithm::name).orElse("a key that is not GOST"));
        }
    }

    /** Finds out which part failed, so that the message tells an operator what to look at. */
    private static XmlSignatureException diagnose(XMLSignature signature, GostXmlAlgorithm algorithm,
            X509Certificate certificate, Exception failure) {
        String signer = OrganisationCertificate.describe(certificate);
        try {
            byte[] value = signature.getSignatureValue();
            if (value.length != algorithm.signatureLength()) {
                return new XmlSignatureException("The SignatureValue has " + value.length + " bytes; a " + algorithm
                        + " signature has " + algorithm.signatureLength(), failure);
            }
            byte[] signedInfo = signature.getSignedInfo().getCanonicalizedOctetStream();
            if (!verifies(algorithm, certificate, signedInfo, value)) {
                return signatureValueFailure(algorithm, certificate, signedInfo, value, signer, failure);
            }
            return referenceFailure(signature.getSignedInfo(), failure);
        } catch (XMLSecurityException | IOException e) {
            return new XmlSignatureException("Cannot verify the signature by " + signer + ": " + e.getMessage(), e);
        }
    }

    private static XmlSignatureException signatureValueFailure(GostXmlAlgorithm algorithm, X509Certificate certificate,
            byte[] signedInfo, byte[] value, String signer, Exception failure) {
        if (verifies(algorithm, certificate, signedInfo, reversed(value))) {
            return new XmlSignatureException("The SignatureValue by " + signer + " is byte-reversed (little-endian, "
                    + "as CryptoAPI returns it); XMLDSig needs s||r with big-endian halves", failure);
        }
        if (verifies(algorithm, certificate, signedInfo, halvesSwapped(value))) {
            return new XmlSignatureException("The SignatureValue by " + signer + " has its halves swapped (r||s); "
                    + "XMLDSig needs s||r", failure);
        }
        return new XmlSignatureException("The SignatureValue does not verify with the key of " + signer
                + ": ds:SignedInfo was changed after signing, or another key made the signature", failure);
    }

    private static XmlSignatureException referenceFailure(SignedInfo signedInfo, Exception failure)
            throws XMLSecurityException {
        for (int i = 0; i < signedInfo.getLength(); i++) {
            Reference reference = signedInfo.item(i);
            boolean matches;
            try {
                matches = reference.verify();
            } catch (XMLSecurityException e) {
                return new XmlSignatureException("Reference '" + reference.getURI() + "' cannot be read: "
                        + e.getMessage(), e);
            }
            if (!matches) {
                return new XmlSignatureException("The digest of reference '" + reference.getURI() + "' does not "
                        + "match: the signed content was changed after signing", failure);
            }
        }
        return new XmlSignatureException("The signature does not verify"
                + (failure == null ? "" : ": " + failure.getMessage()), failure);
    }

    // checked outside Santuario, so that the variants below can be tried on the same bytes
    private static boolean verifies(GostXmlAlgorithm algorithm, X509Certificate certificate, byte[] signedInfo,
            byte[] value) {
        try {
            Signature signature = Signature.getInstance(algorithm.signatureName(), GostProvider.NAME);
            signature.initVerify(certificate.getPublicKey());
            signature.update(signedInfo);
            return signature.verify(value);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] reversed(byte[] value) {
        byte[] reversed = new byte[value.length];
        for (int i = 0; i < value.length; i++) {
            reversed[i] = value[value.length - 1 - i];
        }
        return reversed;
    }

    private static byte[] halvesSwapped(byte[] value) {
        int half = value.length / 2;
        byte[] swapped = Arrays.copyOfRange(value, half, value.length);
        swapped = Arrays.copyOf(swapped, value.length);
        System.arraycopy(value, 0, swapped, half, half);
        return swapped;
    }

    private static String signatureMethod(Element signature) {
        return algorithmOf(child(child(signature, Constants._TAG_SIGNEDINFO), Constants._TAG_SIGNATUREMETHOD));
    }

    private static String algorithmOf(Element element) {
        return element.getAttributeNS(null, Constants._ATT_ALGORITHM);
    }

    private static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        if (found.size() != 1) {
            throw new XmlSignatureException("Malformed XML signature: <" + parent.getLocalName() + "> must hold one "
                    + "ds:" + localName + ", found " + found.size());
        }
        return found.get(0);
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element && Constants.SignatureSpecNS.equals(child.getNamespaceURI())
                    && localName.equals(child.getLocalName())) {
                found.add((Element) child);
            }
        }
        return found;
    }
}
