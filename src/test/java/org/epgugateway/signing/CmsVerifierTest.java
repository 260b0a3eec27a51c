package org.epgugateway.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.rosstandart.RosstandartObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoAuthority.KeySize;
import org.epgugateway.demo.DemoOrganisation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CmsVerifierTest {

    private static final byte[] CONTENT = "4b1a0c9e-6f3d-4e2b-8a7c-5d9e0f1a2b3c".getBytes(StandardCharsets.UTF_8);

    private static DemoAuthority authority;
    private static SigningKey key;

    @BeforeAll
    static void issue_key() {
        authority = DemoAuthority.create();
        key = authority.issue(DemoOrganisation.romashka());
    }

    @Test
    void a_valid_signature_yields_the_signer_certificate() {
        byte[] signature = new CmsSigner(key).signDetached(CONTENT);

        X509Certificate signer = new CmsVerifier().verifyDetached(signature, CONTENT);

        assertThat(signer).isEqualTo(key.certificate());
        assertThat(OrganisationCertificate.ogrn(signer)).contains("1027700123450");
    }

    @Test
    void verify_also_tells_the_signed_signing_time() {
        Instant before = Instant.now().minusSeconds(1);
        byte[] signature = new CmsSigner(key).signDetached(CONTENT);

        VerifiedSignature verified = new CmsVerifier().verify(signature, CONTENT);

        assertThat(verified.signer()).isEqualTo(key.certificate());
        assertThat(verified.signingTime()).hasValueSatisfying(
                time -> assertThat(time).isBetween(before, Instant.now().plusSeconds(1)));
        assertThat(verified.certificateBound()).as("CAdES-BES binds the certificate").isTrue();
    }

    @Test
    void content_other_than_the_signed_one_is_rejected_because_its_digest_differs() {
        byte[] signature = new CmsSigner(key).signDetached(CONTENT);
        byte[] other = "4b1a0c9e-6f3d-4e2b-8a7c-5d9e0f1a2b3d".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new CmsVerifier().verifyDetached(signature, other))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageContaining("content does not match the signature")
                .hasMessageContaining("1027700123450");
    }

    @Test
    void an_altered_signature_value_is_rejected() throws Exception {
        byte[] signature = withAlteredSignatureValue(new CmsSigner(key).signDetached(CONTENT));

        assertThatThrownBy(() -> new CmsVerifier().verifyDetached(signature, CONTENT))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageContaining("signature value does not verify");
    }

    @Test
    void a_signature_made_while_the_certificate_had_expired_is_rejected() {
        Instant now = Instant.now();
        SigningKey expired = authority.issue(DemoOrganisation.romashka(), KeySize.GOST_2012_256,
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35)));
        byte[] signature = new CmsSigner(expired).signDetached(CONTENT);

        assertThatThrownBy(() -> new CmsVerifier().verifyDetached(signature, CONTENT))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageContaining("was not valid at the signing time");
    }

    @Test
    void a_signing_certificate_attribute_naming_another_certificate_is_rejected() throws Exception {
        SigningKey other = authority.issue(DemoOrganisation.romashka());
        byte[] signature = signWithBouncyCastle(key, signingCertificateV2(other.certificate()), true);

        assertThatThrownBy(() -> new CmsVerifier().verifyDetached(signature, CONTENT))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageContaining("signingCertificateV2 attribute names another certificate");
    }

    @Test
    void a_signature_without_a_signing_certificate_attribute_is_accepted_as_plain_cms() throws Exception {
        byte[] signature = signWithBouncyCastle(key, new AttributeTable(new DERSet()), true);

        VerifiedSignature verified = new CmsVerifier().verify(signature, CONTENT);

        assertThat(verified.signer()).isEqualTo(key.certificate());
        assertThat(verified.certificateBound()).isFalse();
    }

    @Test
    void a_signature_that_does_not_carry_the_signer_certificate_is_rejected() throws Exception {
        byte[] signature = signWithBouncyCastle(key, new AttributeTable(new DERSet()), false);

        assertThatThrownBy(() -> new CmsVerifier().verifyDetached(signature, CONTENT))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageContaining("does not carry the signer's certificate");
    }

    @Test
    void bytes_that_are_not_a_cms_signature_are_rejected() {
        byte[] notASignature = "MIIB-this-is-not-der".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> new CmsVerifier().verifyDetached(notASignature, CONTENT))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageStartingWith("Not a CMS SignedData signature");
    }

    @Test
    void damaged_signatures_fail_with_a_signature_verification_error_only() {
        byte[] signature = new CmsSigner(key).signDetached(CONTENT);
        List<byte[]> damaged = new ArrayList<>();
        for (int length = 0; length < signature.length; length += 5) {
            damaged.add(Arrays.copyOf(signature, length));
        }
        Random random = new Random(7);
        for (int i = 0; i < 400; i++) {
            byte[] flipped = signature.clone();
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
            damaged.add(flipped);
        }

        // a flip in a part that no check covers, such as the unsigned list of digest algorithms, may still verify
        for (byte[] candidate : damaged) {
            Throwable failure = catchThrowable(() -> new CmsVerifier().verifyDetached(candidate, CONTENT));
            if (failure != null) {
                assertThat(failure).isInstanceOf(SignatureVerificationException.class);
            }
        }
    }

    private static byte[] withAlteredSignatureValue(byte[] signature) throws Exception {
        byte[] value = new CMSSignedData(signature).getSignerInfos().getSigners().iterator().next().getSignature();
        // without unsigned attributes the signature value is the last thing in the encoding
        assertThat(Arrays.copyOfRange(signature, signature.length - value.length, signature.length)).isEqualTo(value);
        byte[] altered = signature.clone();
        altered[altered.length - 1] ^= 1;
        return altered;
    }

    private static AttributeTable signingCertificateV2(X509Certificate certificate) throws Exception {
        byte[] hash = MessageDigest.getInstance("GOST3411-2012-256", GostProvider.NAME)
                .digest(certificate.getEncoded());
        ESSCertIDv2 id = new ESSCertIDv2(
                new AlgorithmIdentifier(RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256), hash);
        return new AttributeTable(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {id}))));
    }

    private static byte[] signWithBouncyCastle(SigningKey signer, AttributeTable extraAttributes,
            boolean carryCertificate) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(GostProvider.NAME).build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(extraAttributes))
                .build(new JcaContentSignerBuilder("GOST3411-2012-256WITHECGOST3410-2012-256")
                        .setProvider(GostProvider.NAME).build(signer.privateKey()), signer.certificate()));
        if (carryCertificate) {
            generator.addCertificates(new JcaCertStore(List.of(signer.certificate())));
        }
        return generator.generate(new CMSProcessableByteArray(CONTENT), false).getEncoded("DER");
    }
}
