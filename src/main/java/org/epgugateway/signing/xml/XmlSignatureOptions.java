package org.epgugateway.signing.xml;

import java.util.Objects;

/**
 * How XML signatures are written: which spelling of the GOST URIs, and whether references end with the SMEV
 * transform after exclusive canonicalisation.
 *
 * @param uris the URI family of SignatureMethod and DigestMethod
 * @param smevTransform whether each reference's transforms end with {@value SmevTransform#URI}
 */
public record XmlSignatureOptions(UriFamily uris, boolean smevTransform) {

    public XmlSignatureOptions {
        Objects.requireNonNull(uris, "uris");
    }

    /** The IANA {@code urn:} URIs and exclusive canonicalisation alone. */
    public static XmlSignatureOptions defaults() {
        return new XmlSignatureOptions(UriFamily.CPXMLSEC_URN, false);
    }

    /** What SMEV 3 expects: the {@code urn:} URIs, exclusive canonicalisation, then the SMEV transform. */
    public static XmlSignatureOptions smev() {
        return new XmlSignatureOptions(UriFamily.CPXMLSEC_URN, true);
    }

    public XmlSignatureOptions withUris(UriFamily family) {
        return new XmlSignatureOptions(family, smevTransform);
    }

    public XmlSignatureOptions withSmevTransform(boolean transform) {
        return new XmlSignatureOptions(uris, transform);
    }
}
