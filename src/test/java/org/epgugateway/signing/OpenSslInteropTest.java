package org.epgugateway.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoKeys;
import org.epgugateway.demo.DemoOrganisation;
import org.epgugateway.testsupport.OpenSslGost;
import org.epgugateway.testsupport.OpenSslGost.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The product's signatures against OpenSSL with the gost engine, in both directions. */
class OpenSslInteropTest {

    private static final String API_KEY = "3f2b8c1e-9a4d-4c6e-b7f0-1d2e3c4b5a69";
    private static final String P12_PASSWORD = "interop-secret";

    @BeforeAll
    static void gost_engine_is_installed() {
        OpenSslGost.requireGostEngine();
    }

    @Test
    void openssl_accepts_the_token_signature_over_an_api_key(@TempDir Path folder) throws Exception {
        DemoKeys keys = DemoAuthority.ensure(folder, DemoOrganisation.romashka());
        Files.write(folder.resolve("token.sig"), new CmsSigner(keys.keySource().load())
                .signDetached(API_KEY.getBytes(StandardCharsets.UTF_8)));
        Files.writeString(folder.resolve("api-key.txt"), API_KEY);

        Result verify = verifyWithOpenSsl(folder, "token.sig", "api-key.txt", DemoAuthority.CA_FILE);

        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
        assertThat(verify.stderr()).contains("Verification successful");
        assertThat(folder.resolve("verified.out")).hasContent(API_KEY);
    }

    @Test
    void openssl_rejects_the_token_signature_for_another_api_key(@TempDir Path folder) throws Exception {
        DemoKeys keys = DemoAuthority.ensure(folder, DemoOrganisation.romashka());
        Files.write(folder.resolve("token.sig"), new CmsSigner(keys.keySource().load())
                .signDetached(API_KEY.getBytes(StandardCharsets.UTF_8)));
        Files.writeString(folder.resolve("api-key.txt"), API_KEY.replace('3', '4'));

        Result verify = verifyWithOpenSsl(folder, "token.sig", "api-key.txt", DemoAuthority.CA_FILE);

        assertThat(verify.exitCode()).isNotZero();
        assertThat(verify.stderr()).contains("Verification failure");
    }

    @Test
    void cms_verifier_accepts_a_detached_signature_made_by_openssl_with_the_demo_key(@TempDir Path folder)
            throws Exception {
        DemoKeys keys = DemoAuthority.ensure(folder, DemoOrganisation.romashka());
        OpenSslGost.run(folder, "pkcs12", "-in", DemoAuthority.KEYSTORE_FILE,
                "-passin", "file:" + DemoAuthority.PASSWORD_FILE, "-nocerts", "-nodes", "-out", "key.pem")
                .requireSuccess();
        Files.writeString(folder.resolve("api-key.txt"), API_KEY);

        signWithOpenSsl(folder, DemoAuthority.CERTIFICATE_FILE, "key.pem", "md_gost12_256", "api-key.txt", "token.sig");

        X509Certificate signer = new CmsVerifier().verifyDetached(Files.readAllBytes(folder.resolve("token.sig")),
                API_KEY.getBytes(StandardCharsets.UTF_8));
        assertThat(signer).isEqualTo(keys.keySource().load().certificate());
    }

    @ParameterizedTest
    @CsvSource({"gost2012_256, md_gost12_256", "gost2012_512, md_gost12_512"})
    void pkcs12_made_by_openssl_loads_and_signs_for_both_sides(String algorithm, String digest,
            @TempDir Path folder) throws Exception {
        makeOrganisationWithOpenSsl(folder, algorithm, digest);
        Files.writeString(folder.resolve("api-key.txt"), API_KEY);

        SigningKey key = new Pkcs12KeySource(folder.resolve("organisation.p12"), P12_PASSWORD.toCharArray(), null)
                .load();
        Files.write(folder.resolve("token.sig"),
                new CmsSigner(key).signDetached(API_KEY.getBytes(StandardCharsets.UTF_8)));

        assertThat(key.certificate()).isEqualTo(readCertificate(folder.resolve("cert.pem")));
        assertThat(new CmsVerifier().verifyDetached(Files.readAllBytes(folder.resolve("token.sig")),
                API_KEY.getBytes(StandardCharsets.UTF_8))).isEqualTo(key.certificate());
        Result verify = verifyWithOpenSsl(folder, "token.sig", "api-key.txt", "cert.pem");
        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"gost2012_256, md_gost12_256", "gost2012_512, md_gost12_512"})
    void cms_verifier_accepts_a_detached_signature_made_by_openssl(String algorithm, String digest,
            @TempDir Path folder) throws Exception {
        makeOrganisationWithOpenSsl(folder, algorithm, digest);
        Files.writeString(folder.resolve("api-key.txt"), API_KEY);

        signWithOpenSsl(folder, "cert.pem", "key.pem", digest, "api-key.txt", "token.sig");

        X509Certificate signer = new CmsVerifier().verifyDetached(Files.readAllBytes(folder.resolve("token.sig")),
                API_KEY.getBytes(StandardCharsets.UTF_8));
        assertThat(signer).isEqualTo(readCertificate(folder.resolve("cert.pem")));
    }

    @Test
    void ogrn_is_read_from_a_certificate_made_by_openssl(@TempDir Path folder) throws Exception {
        makeOrganisationWithOpenSsl(folder, "gost2012_256", "md_gost12_256");

        SigningKey key = new Pkcs12KeySource(folder.resolve("organisation.p12"), P12_PASSWORD.toCharArray(), "")
                .load();

        assertThat(OrganisationCertificate.ogrn(key.certificate())).contains("1027700123450");
        assertThat(OrganisationCertificate.organisationName(key.certificate())).contains("OOO Interop");
        // OpenSSL's INN is the INN of a person (1.2.643.3.131.1.1), which is not the INN of a legal entity
        assertThat(OrganisationCertificate.innLe(key.certificate())).isEmpty();
    }

    private static void makeOrganisationWithOpenSsl(Path folder, String algorithm, String digest) {
        OpenSslGost.run(folder, "genpkey", "-algorithm", algorithm, "-pkeyopt", "paramset:A", "-out", "key.pem")
                .requireSuccess();
        OpenSslGost.run(folder, "req", "-new", "-x509", "-key", "key.pem", "-" + digest, "-days", "30",
                "-subj", "/CN=OOO Interop/O=OOO Interop/C=RU/OGRN=1027700123450/INN=007700123459",
                "-out", "cert.pem")
                .requireSuccess();
        OpenSslGost.run(folder, "pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-name", "interop",
                "-passout", "pass:" + P12_PASSWORD, "-out", "organisation.p12")
                .requireSuccess();
    }

    private static void signWithOpenSsl(Path folder, String certificate, String key, String digest, String content,
            String signature) {
        OpenSslGost.run(folder, "cms", "-sign", "-binary", "-md", digest, "-signer", certificate, "-inkey", key,
                "-in", content, "-outform", "DER", "-out", signature)
                .requireSuccess();
    }

    private static Result verifyWithOpenSsl(Path folder, String signature, String content, String trusted) {
        return OpenSslGost.run(folder, "cms", "-verify", "-binary", "-inform", "DER", "-in", signature,
                "-content", content, "-CAfile", trusted, "-out", "verified.out");
    }

    private static X509Certificate readCertificate(Path pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }
}
