package org.epgugateway.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes detached CMS signatures with CAdES-BES signed attributes using a GOST R 34.10-2012 key (or an ECDSA P-256
 * key, which only serves to test the PKCS#11 path).
 *
 * <p>The signature size (256 or 512) follows the key, and the GOST R 34.11-2012 digest has the same size. The signed
 * attributes are exactly contentType, signingTime, messageDigest and signingCertificateV2, as CryptoPro's CAdES-BES
 * writes them. The signature carries the signer's certificate and any intermediate CA certificates of the chain, not
 * a self-signed root. The key may live anywhere a {@link KeyHandle} reaches: only the small DER of the signed
 * attributes goes to it, while the content is digested here. Instances are thread-safe.
 */
public final class CmsSigner implements Signer {

    private static final Logger LOG = LoggerFactory.getLogger(CmsSigner.class);

    private final KeyHandle key;
    private final SignatureScheme scheme;
    private final Attribute signingCertificate;
    private final JcaCertStore certificates;

    /**
     * Prepares signing with the given key.
     *
     * @throws IllegalArgumentException when the key is of a type no {@link SignatureScheme} covers
     */
    public CmsSigner(KeyHandle key) {
        GostProvider.install();
        this.key = Objects.requireNonNull(key, "key");
        this.scheme = SignatureScheme.of(key.certificate());
        this.signingCertificate = signingCertificateV2(key.certificate(), scheme);
        this.certificates = certificatesToCarry(key.chain());
        warnUnlessValidNow(key.certificate());
    }

    @Override
    public byte[] signDetached(byte[] content) {
        try {
            return sign(new CMSProcessableByteArray(Objects.requireNonNull(content, "content")));
        } catch (CMSException e) {
            throw signingFailed(e);
        }
    }

    @Override
    public byte[] signDetached(InputStream content) {
        StreamedContent streamed = new StreamedContent(Objects.requireNonNull(content, "content"));
        try {
            return sign(streamed);
        } catch (CMSException e) {
            if (streamed.failure != null) {
                throw new UncheckedIOException("Cannot read the content to sign: " + streamed.failure.getMessage(),
                        streamed.failure);
            }
            throw signingFailed(e);
        }
    }

    @Override
    public X509Certificate certificate() {
        return key.certificate();
    }

    private byte[] sign(CMSTypedData content) throws CMSException {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfoGenerator());
            generator.addCertificates(certificates);
            return generator.generate(content, false).getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | GeneralSecurityException | IOException e) {
            throw signingFailed(e);
        }
    }

    private SigningException signingFailed(Exception e) {
        // BouncyCastle may wrap the key's own failure, which already names the key and the reason
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SigningException) {
                return (SigningException) cause;
            }
        }
        return new SigningException("Signing with " + key + " failed: " + e.getMessage(), e);
    }

    // a content signer holds the state of one signature, so every call gets its own
    private SignerInfoGenerator signerInfoGenerator() throws OperatorCreationException, GeneralSecurityException {
        ContentSigner contentSigner = new HandleContentSigner(key, scheme);
        return new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(GostProvider.NAME).build())
                .setSignedAttributeGenerator(new CadesBesAttributes(signingCertificate))
                .build(contentSigner, key.certificate());
    }

    private static Attribute signingCertificateV2(X509Certificate certificate, SignatureScheme scheme) {
        try {
            byte[] hash = MessageDigest.getInstance(scheme.digestName(), GostProvider.NAME)
                    .digest(certificate.getEncoded());
            IssuerSerial issuerSerial = new IssuerSerial(
                    new GeneralNames(new GeneralName(
                            X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()))),
                    certificate.getSerialNumber());
            // the hash algorithm is written out: left implicit it would mean SHA-256
            ESSCertIDv2 id = new ESSCertIDv2(new AlgorithmIdentifier(scheme.digestOid()), hash, issuerSerial);
            return new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {id})));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot hash the signing certificate: " + e.getMessage(), e);
        }
    }

    private static JcaCertStore certificatesToCarry(List<X509Certificate> chain) {
        List<X509Certificate> carried = new ArrayList<>();
        carried.add(chain.get(0));
        for (X509Certificate certificate : chain.subList(1, chain.size())) {
            // a receiver must already trust the root, so sending it only makes the signature longer
            if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                carried.add(certificate);
            }
        }
        try {
            return new JcaCertStore(carried);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot encode the certificate chain: " + e.getMessage(), e);
        }
    }

    private static void warnUnlessValidNow(X509Certificate certificate) {
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            LOG.warn("Signing certificate {} is valid only from {} to {}: receivers will reject its signatures",
                    OrganisationCertificate.describe(certificate), certificate.getNotBefore().toInstant(),
                    certificate.getNotAfter().toInstant());
        }
    }

    /** Collects the DER of the signed attributes and has the key sign it in one go. */
    private static final class HandleContentSigner implements ContentSigner {

        private final KeyHandle key;
        private final AlgorithmIdentifier algorithm;
        private final ByteArrayOutputStream toBeSigned = new ByteArrayOutputStream();

        HandleContentSigner(KeyHandle key, SignatureScheme scheme) {
            this.key = key;
            this.algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find(scheme.signatureName());
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
        }

        @Override
        public OutputStream getOutputStream() {
            return toBeSigned;
        }

        @Override
        public byte[] getSignature() {
            return key.sign(toBeSigned.toByteArray());
        }
    }

    /** BouncyCastle's standard signed attributes minus CMSAlgorithmProtection, plus signingCertificateV2. */
    private static final class CadesBesAttributes implements CMSAttributeTableGenerator {

        private final DefaultSignedAttributeTableGenerator standard;

        CadesBesAttributes(Attribute signingCertificate) {
            this.standard = new DefaultSignedAttributeTableGenerator(new AttributeTable(signingCertificate));
        }

        @Override
        public AttributeTable getAttributes(Map params) {
            // CryptoPro's CAdES-BES does not write it, and a verifier that was never shown it may balk
            return standard.getAttributes(params).remove(CMSAttributes.cmsAlgorithmProtect);
        }
    }

    /** Content that is read once, straight into the digest. */
    private static final class StreamedContent implements CMSTypedData {

        private final InputStream in;
        private IOException failure;

        StreamedContent(InputStream in) {
            this.in = in;
        }

        @Override
        public ASN1ObjectIdentifier getContentType() {
            return CMSObjectIdentifiers.data;
        }

        @Override
        public void write(OutputStream out) throws IOException {
            try {
                in.transferTo(out);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public Object getContent() {
            return in;
        }
    }
}
