package org.epgugateway.signing;

import java.security.cert.X509Certificate;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Reads the organisation attributes from the subject of a Russian qualified certificate.
 */
public final class OrganisationCertificate {

    /** ОГРН, the primary state registration number of a legal entity (13 digits). */
    public static final ASN1ObjectIdentifier OGRN = new ASN1ObjectIdentifier("1.2.643.100.1");

    /** ИНН ЮЛ, the taxpayer number of a legal entity (10 digits). */
    public static final ASN1ObjectIdentifier INN_LE = new ASN1ObjectIdentifier("1.2.643.100.4");

    private OrganisationCertificate() {
    }

    /** The OGRN of the subject, or empty when the certificate has none. */
    public static Optional<String> ogrn(X509Certificate certificate) {
        return subjectAttribute(certificate, OGRN);
    }

    /** The INN of the subject as a legal entity, or empty when the certificate has none. */
    public static Optional<String> innLe(X509Certificate certificate) {
        return subjectAttribute(certificate, INN_LE);
    }

    /** The organisation name (O) of the subject, or empty when the certificate has none. */
    public static Optional<String> organisationName(X509Certificate certificate) {
        return subjectAttribute(certificate, BCStyle.O);
    }

    /**
     * Names the certificate for logs and error messages, for example {@code ООО "Ромашка" (OGRN 1027700123450,
     * serial 1f3a)}; unlike the RFC 2253 form it shows OGRN as text.
     */
    public static String describe(X509Certificate certificate) {
        String name = subjectAttribute(certificate, BCStyle.CN)
                .or(() -> organisationName(certificate))
                .orElseGet(() -> certificate.getSubjectX500Principal().getName());
        return name + " (OGRN " + ogrn(certificate).orElse("none") + ", serial "
                + certificate.getSerialNumber().toString(16) + ")";
    }

    private static Optional<String> subjectAttribute(X509Certificate certificate, ASN1ObjectIdentifier type) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs(type)) {
            // an RDN may hold several attributes, so look at each rather than at the first
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (attribute.getType().equals(type)) {
                    return text(attribute.getValue());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> text(ASN1Encodable value) {
        if (!(value instanceof ASN1String)) {
            return Optional.empty(); // not a string type: no issuer writes these attributes that way
        }
        String text = ((ASN1String) value).getString().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
