package org.epgugateway.signing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.epgugateway.signing.SignatureVerificationException.Reason;

/**
 * Verifies a detached CMS signature (CAdES-BES or CAdES-T) and tells who made it.
 *
 * <p>It always checks the content digest, the signature value, that the signer's certificate was valid at the signed
 * signingTime, that signingCertificateV2 (when present) names that certificate, and that a signature timestamp
 * (when present) covers this signature value and is signed by a time-stamping authority. Given a
 * {@link CertificateValidator}, it also checks the signer's chain to the trust roots and its revocation status, at
 * the timestamp's time when there is one and at the present time otherwise. Content is digested in one pass and never
 * held in memory whole. Instances are thread-safe.
 */
public final class CmsVerifier implements SignatureVerifier {

    private final CertificateValidator trust;
    private final X509Certificate expectedSigner;
    private final Clock clock;

    /** A verifier that checks the signature but leaves trust in the certificate to the caller. */
    public CmsVerifier() {
        this(null, null, Clock.systemUTC());
    }

    /**
     * A verifier that also checks the signer's chain and revocation.
     *
     * @param trust the trust roots and revocation sources; null leaves trust to the caller
     */
    public CmsVerifier(CertificateValidator trust) {
        this(trust, null, Clock.systemUTC());
    }

    // Visible for testing: the clock sets "now" for signatures without a timestamp
    CmsVerifier(CertificateValidator trust, Clock clock) {
        this(trust, null, clock);
    }

    private CmsVerifier(CertificateValidator trust, X509Certificate expectedSigner, Clock clock) {
        GostProvider.install();
        this.trust = trust;
        this.expectedSigner = expectedSigner;
        this.clock = clock;
    }

    /**
     * A verifier like this one that accepts signatures by the given certificate only.
     *
     * @return a new verifier; this one is unchanged
     */
    public CmsVerifier expectingSigner(X509Certificate signer) {
        return new CmsVerifier(trust, Objects.requireNonNull(signer, "signer"), clock);
    }

    /** True when this verifier checks the signer's chain to configured trust roots. */
    public boolean checksTrust() {
        return trust != null;
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

    @Override
    public VerifiedSignature verify(byte[] signature, byte[] content) {
        return verify(signature, new ByteArrayInputStream(Objects.requireNonNull(content, "content")));
    }

    @Override
    public VerifiedSignature verify(byte[] signature, InputStream content) {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(content, "content");
        try {
            return verifyOrFail(signature, content);
        } catch (SignatureVerificationException | UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            // BouncyCastle reports a malformed structure with unchecked exceptions of several kinds
            throw new SignatureVerificationException(Reason.MALFORMED, "Malformed CMS signature: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Verifies a signature whose content the caller has digested already, as a signer that streamed the content
     * elsewhere has to.
     *
     * @param digestAlgorithm the algorithm the caller digested with; the signature must name the same
     * @param digest the content's digest
     */
    VerifiedSignature verifyDigest(byte[] signature, AlgorithmIdentifier digestAlgorithm, byte[] digest) {
        try {
            SignerInformation unbound = onlySigner(parse(signature));
            if (!unbound.getDigestAlgorithmID().getAlgorithm().equals(digestAlgorithm.getAlgorithm())) {
                throw new SignatureVerificationException(Reason.MALFORMED, "The signature uses digest "
                        + unbound.getDigestAlgorithmID().getAlgorithm() + ", expected "
                        + digestAlgorithm.getAlgorithm());
            }
            return verifyBound(signature, digestAlgorithm, digest);
        } catch (SignatureVerificationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SignatureVerificationException(Reason.MALFORMED, "Malformed CMS signature: " + e.getMessage(),
                    e);
        }
    }

    private VerifiedSignature verifyOrFail(byte[] signature, InputStream content) {
        SignerInformation unbound = onlySigner(parse(signature));
        byte[] digest = digest(content, unbound.getDigestAlgorithmID());
        return verifyBound(signature, unbound.getDigestAlgorithmID(), digest);
    }

    private VerifiedSignature verifyBound(byte[] signature, AlgorithmIdentifier digestAlgorithm, byte[] digest) {
        CMSSignedData signed = parse(signature, digestAlgorithm, digest);
        SignerInformation signer = onlySigner(signed);
        X509CertificateHolder holder = signerCertificate(signed, signer);
        X509Certificate certificate = toX509(holder);

        checkExpectedSigner(certificate);
        boolean certificateBound = checkSigningCertificateAttribute(signer, holder, certificate);
        checkSignature(signer, holder, certificate);
        Optional<Instant> timestamp = timestamp(signer);
        if (trust != null) {
            trust.validate(certificate, carried(signed), timestamp.orElseGet(clock::instant));
        }

        return new VerifiedSignature(certificate, signingTime(signer), timestamp, trust != null, certificateBound);
    }

    private static CMSSignedData parse(byte[] signature) {
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(signature);
        } catch (CMSException e) {
            throw new SignatureVerificationException(Reason.MALFORMED, "Not a CMS SignedData signature: "
                    + e.getMessage(), e);
        }
        // BouncyCastle reads the structure as SignedData whatever its outer content type says
        if (!CMSObjectIdentifiers.signedData.equals(signed.toASN1Structure().getContentType())) {
            throw new SignatureVerificationException(Reason.MALFORMED, "Not a CMS SignedData signature: its content "
                    + "type is " + signed.toASN1Structure().getContentType());
        }
        return signed;
    }

    private static CMSSignedData parse(byte[] signature, AlgorithmIdentifier digestAlgorithm, byte[] digest) {
        // keyed both ways, since BouncyCastle versions differ in how they look the digest up
        Map<Object, byte[]> digests = new HashMap<>();
        digests.put(digestAlgorithm.getAlgorithm(), digest);
        digests.put(digestAlgorithm.getAlgorithm().getId(), digest);
        try {
            return new CMSSignedData(digests, signature);
        } catch (CMSException e) {
            throw new SignatureVerificationException(Reason.MALFORMED, "Not a CMS SignedData signature: "
                    + e.getMessage(), e);
        }
    }

    static byte[] digest(InputStream content, AlgorithmIdentifier algorithm) {
        DigestCalculator calculator;
        try {
            calculator = new JcaDigestCalculatorProviderBuilder().setProvider(GostProvider.NAME).build()
                    .get(algorithm);
        } catch (OperatorCreationException e) {
            throw new SignatureVerificationException(Reason.MALFORMED, "The signature uses digest algorithm "
                    + algorithm.getAlgorithm() + ", which is not supported", e);
        }
        try (OutputStream out = calculator.getOutputStream()) {
            content.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signed content: " + e.getMessage(), e);
        }
        return calculator.getDigest();
    }

    private static SignerInformation onlySigner(CMSSignedData signed) {
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new SignatureVerificationException(Reason.MALFORMED, "Expected a signature by one signer, found "
                    + signers.size() + " signers");
        }
        return signers.iterator().next();
    }

    private static X509CertificateHolder signerCertificate(CMSSignedData signed, SignerInformation signer) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            // Limitation: a signature that does not carry its signer's certificate cannot be verified here
            throw new SignatureVerificationException(Reason.MALFORMED, "The signature does not carry the signer's "
                    + "certificate (" + describe(signer) + ")");
        }
        return matches.iterator().next();
    }

    private void checkExpectedSigner(X509Certificate certificate) {
        if (expectedSigner != null && !expectedSigner.equals(certificate)) {
            throw new SignatureVerificationException(Reason.WRONG_CERTIFICATE, "The signature is by "
                    + OrganisationCertificate.describe(certificate) + ", not by the expected "
                    + OrganisationCertificate.describe(expectedSigner));
        }
    }

    private static void checkSignature(SignerInformation signer, X509CertificateHolder holder,
            X509Certificate certificate) {
        String subject = OrganisationCertificate.describe(certificate);
        try {
            boolean valid = signer.verify(
                    new JcaSimpleSignerInfoVerifierBuilder().setProvider(GostProvider.NAME).build(holder));
            if (!valid) {
                throw new SignatureVerificationException(Reason.SIGNATURE_INVALID, "The signature value does not "
                        + "verify with the key of " + subject + ": it is damaged, or was made by another key");
            }
        } catch (CMSSignerDigestMismatchException e) {
            throw new SignatureVerificationException(Reason.CONTENT_MISMATCH, "The content does not match the "
                    + "signature by " + subject + ": its digest differs from the signed messageDigest", e);
        } catch (CMSVerifierCertificateNotValidException e) {
            throw new SignatureVerificationException(Reason.CERTIFICATE_EXPIRED, "The certificate of " + subject
                    + ", valid from " + certificate.getNotBefore().toInstant() + " to "
                    + certificate.getNotAfter().toInstant() + ", was not valid at the signing time", e);
        } catch (CMSException | OperatorCreationException | CertificateException e) {
            throw new SignatureVerificationException(Reason.SIGNATURE_INVALID, "Cannot verify the signature by "
                    + subject + ": " + e.getMessage(), e);
        }
    }

    /** @return whether the attribute is there; when it is, it must name the signer's certificate */
    private static boolean checkSigningCertificateAttribute(SignerInformation signer, X509CertificateHolder holder,
            X509Certificate certificate) {
        AttributeTable signedAttributes = signer.getSignedAttributes();
        Attribute attribute = signedAttributes == null
                ? null : signedAttributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (attribute == null) {
            return false; // optional in CMS: OpenSSL, for one, writes it only when asked to
        }
        ESSCertIDv2 named = SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0)).getCerts()[0];
        if (!MessageDigest.isEqual(named.getCertHash(), hash(encoded(holder), named.getHashAlgorithm()))) {
            throw new SignatureVerificationException(Reason.WRONG_CERTIFICATE, "The signingCertificateV2 attribute "
                    + "names another certificate than the signer's " + OrganisationCertificate.describe(certificate));
        }
        return true;
    }

    private Optional<Instant> timestamp(SignerInformation signer) {
        AttributeTable unsigned = signer.getUnsignedAttributes();
        Attribute attribute = unsigned == null
                ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (attribute == null) {
            return Optional.empty();
        }
        TimeStampToken token;
        try {
            token = new TimeStampToken(ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)));
        } catch (TSPException | IOException | RuntimeException e) {
            throw new SignatureVerificationException(Reason.TIMESTAMP_INVALID, "The signature timestamp cannot be "
                    + "read: " + e.getMessage(), e);
        }
        byte[] imprint = hash(signer.getSignature(), token.getTimeStampInfo().getHashAlgorithm());
        if (!MessageDigest.isEqual(imprint, token.getTimeStampInfo().getMessageImprintDigest())) {
            throw new SignatureVerificationException(Reason.TIMESTAMP_INVALID, "The signature timestamp covers "
                    + "another signature value than this one");
        }
        X509Certificate authority = TimestampClient.validateToken(token);
        Instant time = token.getTimeStampInfo().getGenTime().toInstant();
        if (trust != null) {
            try {
                trust.validate(authority, carried(token.toCMSSignedData()), time);
            } catch (SignatureVerificationException e) {
                throw new SignatureVerificationException(Reason.TIMESTAMP_INVALID, "The time-stamping authority "
                        + "is not trusted: " + e.getMessage(), e);
            }
        }
        return Optional.of(time);
    }

    private static Optional<Instant> signingTime(SignerInformation signer) {
        AttributeTable signedAttributes = signer.getSignedAttributes();
        Attribute attribute = signedAttributes == null ? null : signedAttributes.get(CMSAttributes.signingTime);
        if (attribute == null) {
            return Optional.empty();
        }
        return Optional.of(Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant());
    }

    private static List<X509Certificate> carried(CMSSignedData signed) {
        List<X509Certificate> certificates = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> holders = signed.getCertificates().getMatches(null);
        for (X509CertificateHolder holder : holders) {
            certificates.add(toX509(holder));
        }
        return certificates;
    }

    static byte[] hash(byte[] data, AlgorithmIdentifier algorithm) {
        try {
            DigestCalculator digest = new JcaDigestCalculatorProviderBuilder().setProvider(GostProvider.NAME).build()
                    .get(algorithm);
            try (OutputStream out = digest.getOutputStream()) {
                out.write(data);
            }
            return digest.getDigest();
        } catch (OperatorCreationException | IOException e) {
            throw new SignatureVerificationException(Reason.MALFORMED, "Cannot compute a digest with "
                    + algorithm.getAlgorithm() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new SignatureVerificationException(Reason.MALFORMED, "Cannot encode the certificate "
                    + certificate.getSubject() + ": " + e.getMessage(), e);
        }
    }

    static X509Certificate toX509(X509CertificateHolder certificate) {
        try {
            return new JcaX509CertificateConverter().setProvider(GostProvider.NAME).getCertificate(certificate);
        } catch (CertificateException e) {
            throw new SignatureVerificationException(Reason.MALFORMED, "Cannot decode the certificate "
                    + certificate.getSubject() + ": " + e.getMessage(), e);
        }
    }

    private static String describe(SignerInformation signer) {
        return signer.getSID().getIssuer() == null
                ? "signer identified by its key identifier"
                : "issuer " + signer.getSID().getIssuer() + ", serial " + signer.getSID().getSerialNumber();
    }
}
