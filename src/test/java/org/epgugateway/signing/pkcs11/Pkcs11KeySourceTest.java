package org.epgugateway.signing.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoOrganisation;
import org.epgugateway.signing.CmsSigner;
import org.epgugateway.signing.CmsVerifier;
import org.epgugateway.signing.GostProvider;
import org.epgugateway.signing.KeySourceException;
import org.epgugateway.signing.SignatureScheme;
import org.epgugateway.signing.SigningException;
import org.epgugateway.signing.SigningKey;
import org.epgugateway.signing.VerifiedSignature;
import org.epgugateway.testsupport.OpenSslGost;
import org.epgugateway.testsupport.SoftHsm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PKCS#11 path against a SoftHSM2 token with an EC P-256 key, the key type SoftHSM2 offers; GOST on a hardware
 * token is a documented limitation of {@link Pkcs11Key}.
 */
class Pkcs11KeySourceTest {

    private static final String TOKEN = "gateway-test";
    private static final String PIN = "4711";
    private static final byte[] CONTENT = "order 2540203555 archive".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path folder;

    private static Path module;
    private static X509Certificate onToken;
    private static Path certificateFile;
    private static Path strangerCertificateFile;

    @BeforeAll
    static void token_with_an_ec_key_and_its_certificate() throws Exception {
        GostProvider.install();
        module = SoftHsm.module();
        SoftHsm.freshToken(TOKEN, PIN, "so-secret-8");
        KeyPair keys = ecKeyPair();
        onToken = selfSigned(keys, "CN=Token Organisation");
        Path keyFile = folder.resolve("key.pem");
        Files.writeString(keyFile, pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
        SoftHsm.importKey(keyFile, TOKEN, "organisation", "a1b2", PIN);
        Files.delete(keyFile);
        putCertificateOnToken(onToken, new byte[] {(byte) 0xa1, (byte) 0xb2});
        certificateFile = Files.writeString(folder.resolve("token-cert.pem"), pem(onToken));
        strangerCertificateFile = Files.writeString(folder.resolve("stranger.pem"),
                pem(selfSigned(ecKeyPair(), "CN=Stranger")));
    }

    @Test
    void key_on_the_token_signs_cms_that_verifies_with_the_certificate_from_the_token() {
        try (Pkcs11Key key = source("organisation", null, PIN, null).open()) {
            byte[] signature = new CmsSigner(key).signDetached(CONTENT);

            VerifiedSignature verified = new CmsVerifier().verify(signature, CONTENT);

            assertThat(key.scheme()).isEqualTo(SignatureScheme.ECDSA_P256_SHA256);
            assertThat(verified.signer()).isEqualTo(onToken);
        }
    }

    @Test
    void openssl_accepts_the_cms_signature_made_on_the_token(@TempDir Path work) throws Exception {
        try (Pkcs11Key key = source(null, "a1b2", PIN, certificateFile).open()) {
            Files.write(work.resolve("content.bin"), CONTENT);
            Files.write(work.resolve("content.sig"), new CmsSigner(key).signDetached(CONTENT));
            Files.writeString(work.resolve("trusted.pem"), pem(onToken));

            OpenSslGost.Result verify = OpenSslGost.run(work, "cms", "-verify", "-binary", "-inform", "DER",
                    "-in", "content.sig", "-content", "content.bin", "-CAfile", "trusted.pem", "-purpose", "any",
                    "-out", "verified.out");

            assertThat(verify.exitCode()).as(verify.stderr()).isZero();
            assertThat(work.resolve("verified.out")).hasBinaryContent(CONTENT);
        }
    }

    @Test
    void a_wrong_pin_is_reported_with_the_pkcs11_code() {
        assertThatThrownBy(() -> source("organisation", null, "0000", null).open())
                .isInstanceOf(Pkcs11Exception.class)
                .hasMessageContaining("C_Login failed with CKR_PIN_INCORRECT");
    }

    @Test
    void an_unknown_token_label_lists_the_tokens_present() {
        Pkcs11KeySource source = new Pkcs11KeySource(module, "no-such-token", null, "organisation", null,
                PIN.toCharArray(), null);

        assertThatThrownBy(source::open)
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("No token labelled 'no-such-token'")
                .hasMessageContaining("[" + TOKEN + "]");
    }

    @Test
    void an_unknown_key_label_lists_the_private_keys_on_the_token() {
        assertThatThrownBy(() -> source("vasilek", null, PIN, null).open())
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("No private key matching")
                .hasMessageContaining("[organisation]");
    }

    @Test
    void a_certificate_file_for_another_key_makes_signing_fail_before_anything_leaves_the_gateway() {
        try (Pkcs11Key key = source("organisation", null, PIN, strangerCertificateFile).open()) {
            assertThatThrownBy(() -> new CmsSigner(key).signDetached(CONTENT))
                    .isInstanceOf(SigningException.class)
                    .hasMessageContaining("does not verify with the key of");
        }
    }

    @Test
    void a_gost_certificate_for_the_ec_key_on_the_token_is_refused_by_key_type() throws Exception {
        SigningKey gost = DemoAuthority.create().issue(DemoOrganisation.romashka());
        Path gostCertificate = Files.writeString(folder.resolve("gost.pem"), pem(gost.certificate()));

        assertThatThrownBy(() -> source("organisation", null, PIN, gostCertificate).open())
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("is of type 0x3")
                .hasMessageContaining("GOST R 34.10-2012 (256 bit)");
    }

    @Test
    void a_closed_key_refuses_to_sign() {
        Pkcs11Key key = source("organisation", null, PIN, null).open();
        key.close();

        assertThatThrownBy(() -> key.sign(CONTENT))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("is closed");
    }

    private static Pkcs11KeySource source(String keyLabel, String keyId, String pin, Path certificate) {
        return new Pkcs11KeySource(module, TOKEN, null, keyLabel, keyId, pin.toCharArray(), certificate);
    }

    private static void putCertificateOnToken(X509Certificate certificate, byte[] id) throws Exception {
        try (Pkcs11Module opened = Pkcs11Module.open(module)) {
            long slot = opened.slotsWithTokens().get(0);
            long session = opened.openSession(slot, true);
            try {
                opened.login(session, PIN.getBytes(StandardCharsets.UTF_8));
                opened.createObject(session, new Template()
                        .ulong(Pkcs11Module.CKA_CLASS, Pkcs11Module.CKO_CERTIFICATE)
                        .ulong(Pkcs11Module.CKA_CERTIFICATE_TYPE, Pkcs11Module.CKC_X_509)
                        .bool(Pkcs11Module.CKA_TOKEN, true)
                        .bytes(Pkcs11Module.CKA_LABEL, "organisation".getBytes(StandardCharsets.UTF_8))
                        .bytes(Pkcs11Module.CKA_ID, id)
                        .bytes(0x101, certificate.getSubjectX500Principal().getEncoded())
                        .bytes(Pkcs11Module.CKA_VALUE, certificate.getEncoded()));
            } finally {
                opened.closeSession(session);
            }
        }
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair keys, String name) throws Exception {
        X500Name subject = new X500Name(name);
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(30))), subject, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    private static String pem(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
