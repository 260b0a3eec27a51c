package org.epgugateway.signing;

import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameStyle;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Reads the organisation attributes from the subject of a Russian qualified certificate.
 */
public final class OrganisationCertificate {

    /** ОГРН, the primary state registration number of a legal entity (13 digits). */
    public static final ASN1ObjectIdentifier OGRN = new ASN1ObjectIdentifier("1.2.643.100.1");

    /** ИНН ЮЛ, the taxpayer number of a legal entity (10 digits). */
    public static final ASN1ObjectIdentifier INN_LE = new ASN1ObjectIdentifier("1.2.643.100.4");

    /** ИНН of a person, which also appears in the certificates of an organisation's employees (12 digits). */
    private static final ASN1ObjectIdentifier INN = new ASN1ObjectIdentifier("1.2.643.3.131.1.1");
    private static final ASN1ObjectIdentifier SNILS = new ASN1ObjectIdentifier("1.2.643.100.3");
    private static final ASN1ObjectIdentifier OGRNIP = new ASN1ObjectIdentifier("1.2.643.100.5");
    private static final X500NameStyle RUSSIAN_NAMES = new RussianNameStyle();

    private OrganisationCertificate() {
    }

    /**
     * A distinguished name as a person reads it: in certificate order, with OGRN, INN and SNILS named and their
     * values as text, where the RFC 2253 form shows dotted numbers and hexadecimal.
     */
    public static String readableName(X500Principal principal) {
        return X500Name.getInstance(RUSSIAN_NAMES, principal.getEncoded()).toString();
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

    /** BouncyCastle's names, plus the registration numbers of Russian qualified certificates. */
    private static final class RussianNameStyle extends BCStyle {
        @SuppressWarnings("unchecked")
        RussianNameStyle() {
            defaultSymbols.put(OGRN, "OGRN");
            defaultSymbols.put(OGRNIP, "OGRNIP");
            defaultSymbols.put(INN_LE, "INNLE");
            defaultSymbols.put(INN, "INN");
            defaultSymbols.put(SNILS, "SNILS");
        }
    }

    private static Optional<String> text(ASN1Encodable value) {
        if (!(value instanceof ASN1String)) {
            return Optional.empty(); // not a string type: no issuer writes these attributes that way
        }
        String text = ((ASN1String) value).getString().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
