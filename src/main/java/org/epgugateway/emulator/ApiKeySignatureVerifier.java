package org.epgugateway.emulator;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Verifies the CMS signature over an API key the way ESIA does for the ext-app token: content, algorithms,
 * signature, signing time, chain to a trusted CA, and an organisation certificate.
 */
final class ApiKeySignatureVerifier {

    static final String BAD_SIGNATURE = "ESIA-005002";

    private static final Duration MAX_AGE = Duration.ofHours(24);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final TrustedCertificates trusted;
    private final boolean lenient;

    ApiKeySignatureVerifier(TrustedCertificates trusted, boolean lenient) {
        this.trusted = trusted;
        this.lenient = lenient;
    }

    /**
     * Verifies a detached or attached CMS SignedData over the API key text as it appears in the URL.
     *
     * @return the organisation of the signer; never null
     * @throws ApiException 400 {@value #BAD_SIGNATURE} saying what is wrong
     */
    SignerIdentity verify(String apiKeyText, byte[] cms, Instant now) {
        byte[] apiKey = apiKeyText.getBytes(StandardCharsets.UTF_8);
        CMSSignedData signedData = parse(apiKey, cms);
        SignerInformation signer = onlySigner(signedData);
        checkAlgorithms(signer);
        X509CertificateHolder holder = signerCertificate(signedData, signer);
        checkSigningTime(signer, now);
        checkSignature(signer, holder);
        X509Certificate certificate = toCertificate(holder);
        String untrusted = trusted.whyUntrusted(certificate, otherCertificates(signedData, holder), now);
        if (untrusted != null) {
            throw refusal(untrusted);
        }
        return identity(holder.getSubject());
    }

    private static CMSSignedData parse(byte[] apiKey, byte[] cms) {
        CMSSignedData signedData;
        try {
            signedData = new CMSSignedData(cms);
            if (signedData.getSignedContent() == null) {
                return new CMSSignedData(new CMSProcessableByteArray(apiKey), cms);
            }
        } catch (CMSException | RuntimeException e) {
            throw refusal("the signature is not a CMS SignedData: " + e.getMessage());
        }
        Object content = signedData.getSignedContent().getContent();
        if (!(content instanceof byte[] bytes) || !Arrays.equals(bytes, apiKey)) {
            throw refusal("the signed content is not the API key of the URL");
        }
        return signedData;
    }

    // Limitation: a signature with several signers is refused; ESIA's handling of that case is not documented
    private static SignerInformation onlySigner(CMSSignedData signedData) {
        Collection<SignerInformation> signers = signedData.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw refusal("expected exactly one signer, found " + signers.size());
        }
        return signers.iterator().next();
    }

    private void checkAlgorithms(SignerInformation signer) {
        if (lenient) {
            return;
        }
        if (!Gost.DIGESTS.contains(signer.getDigestAlgOID())) {
            throw refusal("digest " + signer.getDigestAlgOID() + " is not GOST R 34.11-2012");
        }
        if (!Gost.SIGNATURES.contains(signer.getEncryptionAlgOID())) {
            throw refusal("signature algorithm " + signer.getEncryptionAlgOID() + " is not GOST R 34.10-2012");
        }
    }

    @SuppressWarnings("unchecked") // BouncyCastle's SignerId is a raw Selector
    private static X509CertificateHolder signerCertificate(CMSSignedData signedData, SignerInformation signer) {
        Collection<X509CertificateHolder> matches = signedData.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            throw refusal("the signer certificate is not in the signature");
        }
        return matches.iterator().next();
    }

    private void checkSigningTime(SignerInformation signer, Instant now) {
        AttributeTable attributes = signer.getSignedAttributes();
        Attribute signingTime = attributes == null ? null : attributes.get(CMSAttributes.signingTime);
        if (signingTime == null) {
            if (lenient) {
                return;
            }
            throw refusal("the signature has no signingTime");
        }
        Instant signedAt;
        try {
            signedAt = Time.getInstance(signingTime.getAttrValues().getObjectAt(0)).getDate().toInstant();
        } catch (RuntimeException e) {
            throw refusal("the signingTime cannot be read: " + e.getMessage());
        }
        if (signedAt.isBefore(now.minus(MAX_AGE))) {
            throw refusal("signed at " + signedAt + ", more than 24 h ago");
        }
        if (signedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw refusal("signed at " + signedAt + ", in the future");
        }
    }

    private static void checkSignature(SignerInformation signer, X509CertificateHolder holder) {
        boolean valid;
        try {
            valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Gost.PROVIDER).build(holder));
        } catch (CMSException | OperatorCreationException | CertificateException | RuntimeException e) {
            throw refusal("the signature does not verify: " + e.getMessage());
        }
        if (!valid) {
            throw refusal("the signature does not verify");
        }
    }

    private static X509Certificate toCertificate(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().setProvider(Gost.PROVIDER).getCertificate(holder);
        } catch (CertificateException e) {
            throw refusal("the signer certificate cannot be read: " + e.getMessage());
        }
    }

    private static List<X509Certificate> otherCertificates(CMSSignedData signedData, X509CertificateHolder signer) {
        List<X509Certificate> others = new ArrayList<>();
        for (X509CertificateHolder holder : signedData.getCertificates().getMatches(null)) {
            if (!holder.equals(signer)) {
                others.add(toCertificate(holder));
            }
        }
        return others;
    }

    private static SignerIdentity identity(X500Name subject) {
        String ogrn = attribute(subject, Gost.OGRN);
        if (ogrn == null || !ogrn.matches("\\d{13}|\\d{15}")) {
            throw refusal("the certificate carries no OGRN (1.2.643.100.1): it is not an organisation certificate");
        }
        String organisation = attribute(subject, BCStyle.O);
        return new SignerIdentity(ogrn, organisation != null ? organisation : attribute(subject, BCStyle.CN));
    }

    private static String attribute(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        if (rdns.length == 0) {
            return null;
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        return value instanceof ASN1String text ? text.getString().trim() : value.toString().trim();
    }

    private static ApiException refusal(String why) {
        return new ApiException(400, BAD_SIGNATURE, "Неверная подпись: " + why);
    }
}
