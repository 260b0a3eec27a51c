package org.epgugateway.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoAuthority.KeySize;
import org.epgugateway.demo.DemoOrganisation;
import org.epgugateway.testsupport.OpenSslGost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PemKeySourceTest {

    private static final byte[] CONTENT = "order 2540203555".getBytes(StandardCharsets.UTF_8);
    private static final char[] PASSWORD = "pem-secret".toCharArray();

    @TempDir
    static Path folder;

    private static DemoAuthority authority;
    private static SigningKey key;
    private static Path plainKey;
    private static Path encryptedKey;
    private static Path chain;

    @BeforeAll
    static void write_pem_files() throws Exception {
        authority = DemoAuthority.create();
        key = authority.issue(DemoOrganisation.romashka());
        plainKey = Files.writeString(folder.resolve("key.pem"), pem(new JcaPKCS8Generator(key.privateKey(), null)));
        OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(GostProvider.NAME).setPassword(PASSWORD).build();
        encryptedKey = Files.writeString(folder.resolve("key.enc.pem"),
                pem(new JcaPKCS8Generator(key.privateKey(), encryptor)));
        chain = Files.writeString(folder.resolve("chain.pem"), pem(key.certificate()) + pem(authority.caCertificate()));
    }

    @Test
    void an_unencrypted_pkcs8_key_loads_with_its_chain_and_signs() {
        SigningKey loaded = new PemKeySource(plainKey, chain, null).load();

        assertThat(loaded.chain()).containsExactly(key.certificate(), authority.caCertificate());
        assertThat(new CmsVerifier().verifyDetached(new CmsSigner(loaded).signDetached(CONTENT), CONTENT))
                .isEqualTo(key.certificate());
    }

    @Test
    void an_encrypted_pkcs8_key_loads_with_its_password() {
        SigningKey loaded = new PemKeySource(encryptedKey, chain, PASSWORD).load();

        assertThat(new CmsVerifier().verifyDetached(new CmsSigner(loaded).signDetached(CONTENT), CONTENT))
                .isEqualTo(key.certificate());
    }

    @Test
    void an_encrypted_key_with_a_wrong_password_is_reported_as_such() {
        assertThatThrownBy(() -> new PemKeySource(encryptedKey, chain, "wrong".toCharArray()).load())
                .isInstanceOf(KeySourceException.class)
                .hasMessageStartingWith("Wrong password for the encrypted key in " + encryptedKey);
    }

    @Test
    void an_encrypted_key_without_a_password_names_what_is_missing() {
        assertThatThrownBy(() -> new PemKeySource(encryptedKey, chain, null).load())
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("is encrypted, but no password is configured");
    }

    @Test
    void a_key_that_does_not_belong_to_the_certificate_is_refused() throws Exception {
        Path otherChain = Files.writeString(folder.resolve("other.pem"),
                pem(authority.issue(DemoOrganisation.romashka()).certificate()));

        assertThatThrownBy(() -> new PemKeySource(plainKey, otherChain, null).load())
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void a_file_without_a_key_is_reported_with_what_it_holds() {
        assertThatThrownBy(() -> new PemKeySource(chain, chain, null).load())
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("not a PKCS#8 private key");
    }

    @ParameterizedTest
    @CsvSource({"gost2012_256, md_gost12_256", "gost2012_512, md_gost12_512"})
    void a_key_made_by_openssl_and_encrypted_with_openssl_pkcs8_loads_and_signs(String algorithm, String digest,
            @TempDir Path work) throws Exception {
        OpenSslGost.run(work, "genpkey", "-algorithm", algorithm, "-pkeyopt", "paramset:A", "-out", "key.pem")
                .requireSuccess();
        OpenSslGost.run(work, "req", "-new", "-x509", "-key", "key.pem", "-" + digest, "-days", "30",
                "-subj", "/CN=OOO Pem/O=OOO Pem/C=RU/OGRN=1027700123450", "-out", "cert.pem").requireSuccess();
        OpenSslGost.run(work, "pkcs8", "-topk8", "-v2", "aes256", "-in", "key.pem", "-passout", "pass:pem-secret",
                "-out", "key.enc.pem").requireSuccess();

        SigningKey loaded = new PemKeySource(work.resolve("key.enc.pem"), work.resolve("cert.pem"), PASSWORD).load();

        assertThat(loaded.scheme()).isEqualTo(algorithm.endsWith("512")
                ? SignatureScheme.GOST_2012_512 : SignatureScheme.GOST_2012_256);
        assertThat(new CmsVerifier().verifyDetached(new CmsSigner(loaded).signDetached(CONTENT), CONTENT))
                .isEqualTo(loaded.certificate());
    }

    @Test
    void a_512_bit_key_signs_with_the_512_bit_scheme() throws Exception {
        SigningKey big = authority.issue(DemoOrganisation.romashka(), KeySize.GOST_2012_512,
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400));
        Path bigKey = Files.writeString(folder.resolve("big.pem"), pem(new JcaPKCS8Generator(big.privateKey(), null)));
        Path bigCert = Files.writeString(folder.resolve("big-cert.pem"), pem(big.certificate()));

        SigningKey loaded = new PemKeySource(bigKey, bigCert, null).load();

        assertThat(loaded.scheme()).isEqualTo(SignatureScheme.GOST_2012_512);
    }

    private static String pem(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
