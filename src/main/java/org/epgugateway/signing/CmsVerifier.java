package org.epgugateway.signing;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Verifies a detached CMS signature and tells who made it.
 *
 * <p>It checks the content digest, the signature value, that the signer's certificate was valid at the signed
 * signingTime, and, when present, that signingCertificateV2 names that certificate. Whether the certificate is
 * trusted is the caller's decision. Instances are thread-safe.
 */
public final class CmsVerifier {

    public CmsVerifier() {
        GostProvider.install();
    }

    /**
     * Verifies a signature made by exactly one signer over the given content.
     *
     * @param signature the DER or BER encoded CMS SignedData
     * @param content the bytes that were signed
     * @return the signer's certificate, as carried in the signature; never null
     * @throws SignatureVerificationException when the signature does not verify, with the reason
     */
    public X509Certificate verifyDetached(byte[] signature, byte[] content) {
        return verify(signature, content).signer();
    }

    /**
     * Verifies like {@link #verifyDetached} and also tells the signed signingTime, for receivers that bound the
     * age of a signature, as ESIA does for the API key signature.
     *
     * @return the signer and the signing time; never null
     * @throws SignatureVerificationException when the signature does not verify, with the reason
     */
    public VerifiedSignature verify(byte[] signature, byte[] content) {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(content, "content");
        try {
            return verifyOrFail(signature, content);
        } catch (SignatureVerificationException e) {
            throw e;
        } catch (RuntimeException e) {
            // BouncyCastle reports a malformed structure with unchecked exceptions of several kinds
            throw new SignatureVerificationException("Malformed CMS signature: " + e.getMessage(), e);
        }
    }

    private static VerifiedSignature verifyOrFail(byte[] signature, byte[] content) {
        CMSSignedData signed = parse(signature, content);
        SignerInformation signer = onlySigner(signed);
        X509CertificateHolder holder = signerCertificate(signed, signer);
        X509Certificate certificate = toX509(holder);

        checkSignature(signer, holder, certificate);
        checkSigningCertificateAttribute(signer, holder, certificate);

        return new VerifiedSignature(certificate, signingTime(signer));
    }

    private static CMSSignedData parse(byte[] signature, byte[] content) {
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(new CMSProcessableByteArray(content), signature);
        } catch (CMSException e) {
            throw new SignatureVerificationException("Not a CMS SignedData signature: " + e.getMessage(), e);
        }
        // BouncyCastle reads the structure as SignedData whatever its outer content type says
        if (!CMSObjectIdentifiers.signedData.equals(signed.toASN1Structure().getContentType())) {
            throw new SignatureVerificationException("Not a CMS SignedData signature: its content type is "
                    + signed.toASN1Structure().getContentType());
        }
        return signed;
    }

    private static SignerInformation onlySigner(CMSSignedData signed) {
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new SignatureVerificationException("Expected a signature by one signer, found "
                    + signers.size() + " signers");
        }
        return signers.iterator().next();
    }

    private static X509CertificateHolder signerCertificate(CMSSignedData signed, SignerInformation signer) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            // Limitation: a signature that does not carry its signer's certificate cannot be verified here
            throw new SignatureVerificationException("The signature does not carry the signer's certificate ("
                    + describe(signer) + ")");
        }
        return matches.iterator().next();
    }

    private static void checkSignature(SignerInformation signer, X509CertificateHolder holder,
            X509Certificate certificate) {
        String subject = OrganisationCertificate.describe(certificate);
        try {
            boolean valid = signer.verify(
                    new JcaSimpleSignerInfoVerifierBuilder().setProvider(GostProvider.NAME).build(holder));
            if (!valid) {
                throw new SignatureVerificationException("The signature value does not verify with the key of "
                        + subject);
            }
        } catch (CMSSignerDigestMismatchException e) {
            throw new SignatureVerificationException("The content does not match the signature by " + subject
                    + ": its digest differs from the signed messageDigest", e);
        } catch (CMSVerifierCertificateNotValidException e) {
            throw new SignatureVerificationException("The certificate of " + subject + ", valid from "
                    + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant()
                    + ", was not valid at the signing time", e);
        } catch (CMSException | OperatorCreationException | CertificateException e) {
            throw new SignatureVerificationException("Cannot verify the signature by " + subject + ": "
                    + e.getMessage(), e);
        }
    }

    private static void checkSigningCertificateAttribute(SignerInformation signer, X509CertificateHolder holder,
            X509Certificate certificate) {
        AttributeTable signedAttributes = signer.getSignedAttributes();
        Attribute attribute = signedAttributes == null
                ? null : signedAttributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (attribute == null) {
            return; // optional in CMS: OpenSSL, for one, writes it only when asked to
        }
        ESSCertIDv2 named = SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0)).getCerts()[0];
        if (!MessageDigest.isEqual(named.getCertHash(), hash(holder, named))) {
            throw new SignatureVerificationException("The signingCertificateV2 attribute names another certificate "
                    + "than the signer's " + OrganisationCertificate.describe(certificate));
        }
    }

    private static Optional<Instant> signingTime(SignerInformation signer) {
        AttributeTable signedAttributes = signer.getSignedAttributes();
        Attribute attribute = signedAttributes == null ? null : signedAttributes.get(CMSAttributes.signingTime);
        if (attribute == null) {
            return Optional.empty();
        }
        return Optional.of(Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant());
    }

    private static byte[] hash(X509CertificateHolder certificate, ESSCertIDv2 named) {
        try {
            DigestCalculator digest = new JcaDigestCalculatorProviderBuilder().setProvider(GostProvider.NAME).build()
                    .get(named.getHashAlgorithm());
            try (OutputStream out = digest.getOutputStream()) {
                out.write(certificate.getEncoded());
            }
            return digest.getDigest();
        } catch (OperatorCreationException | IOException e) {
            throw new SignatureVerificationException("Cannot check the signingCertificateV2 attribute: "
                    + e.getMessage(), e);
        }
    }

    private static X509Certificate toX509(X509CertificateHolder certificate) {
        try {
            return new JcaX509CertificateConverter().setProvider(GostProvider.NAME).getCertificate(certificate);
        } catch (CertificateException e) {
            throw new SignatureVerificationException("Cannot decode the signer's certificate: " + e.getMessage(), e);
        }
    }

    private static String describe(SignerInformation signer) {
        return signer.getSID().getIssuer() == null
                ? "signer identified by its key identifier"
                : "issuer " + signer.getSID().getIssuer() + ", serial " + signer.getSID().getSerialNumber();
    }
}
