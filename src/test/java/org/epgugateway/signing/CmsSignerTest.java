package org.epgugateway.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;

import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoAuthority.KeySize;
import org.epgugateway.demo.DemoOrganisation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CmsSignerTest {

    private static final byte[] API_KEY = "8d3f4a52-1c7e-4b0a-9f6e-2d5c7b8a9e01".getBytes(StandardCharsets.UTF_8);

    private static DemoAuthority authority;
    private static SigningKey key256;
    private static SigningKey key512;

    @BeforeAll
    static void issue_keys() {
        authority = DemoAuthority.create();
        Instant now = Instant.now();
        key256 = authority.issue(DemoOrganisation.romashka());
        key512 = authority.issue(DemoOrganisation.romashka(), KeySize.GOST_2012_512,
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void signature_verifies_over_the_signed_content_and_names_the_signer(KeySize size) {
        SigningKey key = key(size);

        byte[] signature = new CmsSigner(key).signDetached(API_KEY);

        assertThat(new CmsVerifier().verifyDetached(signature, API_KEY)).isEqualTo(key.certificate());
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void signature_over_other_content_fails_with_a_readable_reason(KeySize size) {
        byte[] signature = new CmsSigner(key(size)).signDetached(API_KEY);
        byte[] tampered = API_KEY.clone();
        tampered[0] ^= 1;

        assertThatThrownBy(() -> new CmsVerifier().verifyDetached(signature, tampered))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageContaining("content does not match the signature");
    }

    @Test
    void signature_is_detached_and_der_encoded() throws Exception {
        byte[] signature = new CmsSigner(key256).signDetached(API_KEY);

        CMSSignedData signed = new CMSSignedData(signature);
        assertThat(signed.isDetachedSignature()).isTrue();
        assertThat(signed.getEncoded("DER")).isEqualTo(signature);
    }

    @ParameterizedTest
    @CsvSource({
        "GOST_2012_256, 1.2.643.7.1.1.2.2, 1.2.643.7.1.1.1.1, 64",
        "GOST_2012_512, 1.2.643.7.1.1.2.3, 1.2.643.7.1.1.1.2, 128"})
    void signer_info_names_the_streebog_digest_and_the_gost_key_of_the_key_size(KeySize size, String digest,
            String signatureAlgorithm, int signatureLength) throws Exception {
        SignerInformation signer = onlySigner(new CmsSigner(key(size)).signDetached(API_KEY));

        assertThat(signer.getDigestAlgOID()).isEqualTo(digest);
        assertThat(signer.getEncryptionAlgOID()).isEqualTo(signatureAlgorithm);
        assertThat(signer.getSignature()).hasSize(signatureLength);
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void signed_attributes_are_exactly_the_four_cades_bes_attributes(KeySize size) throws Exception {
        SignerInformation signer = onlySigner(new CmsSigner(key(size)).signDetached(API_KEY));

        assertThat(attributeTypes(signer.getSignedAttributes())).containsExactlyInAnyOrder(
                CMSAttributes.contentType.getId(),
                CMSAttributes.signingTime.getId(),
                CMSAttributes.messageDigest.getId(),
                PKCSObjectIdentifiers.id_aa_signingCertificateV2.getId());
        assertThat(signer.getUnsignedAttributes()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"GOST_2012_256, GOST3411-2012-256", "GOST_2012_512, GOST3411-2012-512"})
    void signing_certificate_v2_holds_the_streebog_hash_of_the_signer_certificate(KeySize size, String digest)
            throws Exception {
        X509Certificate certificate = key(size).certificate();

        SignerInformation signer = onlySigner(new CmsSigner(key(size)).signDetached(API_KEY));

        Attribute attribute = signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        ESSCertIDv2 id = SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0)).getCerts()[0];
        byte[] expectedHash = MessageDigest.getInstance(digest, GostProvider.NAME).digest(certificate.getEncoded());
        assertThat(id.getHashAlgorithm().getAlgorithm().getId()).isEqualTo(signer.getDigestAlgOID());
        assertThat(id.getCertHash()).isEqualTo(expectedHash);
        assertThat(id.getIssuerSerial().getSerial().getValue()).isEqualTo(certificate.getSerialNumber());
    }

    @Test
    void signing_time_is_the_moment_of_signing() throws Exception {
        Instant before = Instant.now().minusSeconds(1);

        SignerInformation signer = onlySigner(new CmsSigner(key256).signDetached(API_KEY));

        Attribute signingTime = signer.getSignedAttributes().get(CMSAttributes.signingTime);
        Instant signed = Time.getInstance(signingTime.getAttrValues().getObjectAt(0)).getDate().toInstant();
        assertThat(signed).isBetween(before, Instant.now().plusSeconds(1));
    }

    @Test
    void signature_carries_the_signer_certificate_but_not_the_self_signed_root() throws Exception {
        CMSSignedData signed = new CMSSignedData(new CmsSigner(key256).signDetached(API_KEY));

        List<X509CertificateHolder> carried = List.copyOf(signed.getCertificates().getMatches(null));
        assertThat(carried).extracting(X509CertificateHolder::getSerialNumber)
                .containsExactly(key256.certificate().getSerialNumber());
    }

    @Test
    void streamed_signature_of_a_multi_megabyte_file_verifies(@TempDir Path folder) throws Exception {
        Path archive = folder.resolve("archive.zip");
        byte[] content = new byte[12 * 1024 * 1024];
        new Random(42).nextBytes(content);
        Files.write(archive, content);

        byte[] signature;
        try (InputStream in = Files.newInputStream(archive)) {
            signature = new CmsSigner(key256).signDetached(in);
        }

        assertThat(new CmsVerifier().verifyDetached(signature, Files.readAllBytes(archive)))
                .isEqualTo(key256.certificate());
    }

    @Test
    void a_content_stream_that_fails_is_reported_as_an_io_error() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };

        assertThatThrownBy(() -> new CmsSigner(key256).signDetached(broken))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("disk gone");
    }

    @Test
    void a_key_that_is_not_gost_2012_is_refused_with_its_algorithm() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        X500Name name = new X500Name("CN=RSA");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(),
                        Date.from(Instant.now().plus(Duration.ofDays(1))), name, rsa.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(rsa.getPrivate())));
        SigningKey key = new SigningKey(rsa.getPrivate(), certificate, List.of());

        assertThatThrownBy(() -> new CmsSigner(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.2.840.113549.1.1.1")
                .hasMessageContaining("only GOST R 34.10-2012 keys");
    }

    private static SigningKey key(KeySize size) {
        return size == KeySize.GOST_2012_256 ? key256 : key512;
    }

    private static SignerInformation onlySigner(byte[] signature) throws Exception {
        List<SignerInformation> signers = List.copyOf(new CMSSignedData(signature).getSignerInfos().getSigners());
        assertThat(signers).hasSize(1);
        return signers.get(0);
    }

    private static List<String> attributeTypes(AttributeTable attributes) {
        return Arrays.stream(attributes.toASN1Structure().getAttributes())
                .map(attribute -> attribute.getAttrType().getId())
                .toList();
    }
}
