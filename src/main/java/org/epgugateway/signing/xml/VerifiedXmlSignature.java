package org.epgugateway.signing.xml;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * An XML signature that verified: who signed, with which algorithm, and what it covers.
 *
 * @param signer the certificate whose key verified the signature
 * @param signatureMethod the SignatureMethod URI as written in the signature
 * @param references the URIs of the references, {@code ""} for the whole document or {@code #Id}; a caller checks
 *        here that the element it relies on is among the signed ones
 */
public record VerifiedXmlSignature(X509Certificate signer, String signatureMethod, List<String> references) {

    public VerifiedXmlSignature {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(signatureMethod, "signatureMethod");
        references = List.copyOf(references);
    }
}
