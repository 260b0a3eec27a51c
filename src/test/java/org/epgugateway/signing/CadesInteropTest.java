package org.epgugateway.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoAuthority.KeySize;
import org.epgugateway.demo.DemoOrganisation;
import org.epgugateway.emulator.TimestampAuthority;
import org.epgugateway.testsupport.OpenSslGost;
import org.epgugateway.testsupport.OpenSslGost.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CAdES-BES and CAdES-T file signatures against OpenSSL with the gost engine, in both directions, and the
 * timestamp token against {@code openssl ts -verify}.
 */
class CadesInteropTest {

    @TempDir
    static Path folder;

    private static DemoAuthority authority;
    private static TimestampAuthority tsa;

    @BeforeAll
    static void pki() throws Exception {
        OpenSslGost.requireGostEngine();
        authority = DemoAuthority.create();
        tsa = TimestampAuthority.start(authority.issueTimestampAuthority());
        Files.writeString(folder.resolve("ca.pem"), pem(authority.caCertificate()));
    }

    @AfterAll
    static void stop() {
        tsa.close();
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void openssl_verifies_the_products_cades_bes_signature_of_a_file(KeySize size, @TempDir Path work)
            throws Exception {
        Path file = archive(work);
        Files.write(work.resolve("archive.zip.sig"), new CmsSigner(issue(size)).signDetached(Files.readAllBytes(file)));

        Result verify = verifyWithOpenSsl(work);

        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
        assertThat(verify.stderr()).contains("Verification successful");
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void openssl_verifies_the_products_cades_t_signature_of_a_file(KeySize size, @TempDir Path work)
            throws Exception {
        Path file = archive(work);
        Files.write(work.resolve("archive.zip.sig"), cadesT(issue(size)).signDetached(Files.readAllBytes(file)));

        Result verify = verifyWithOpenSsl(work);

        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
        assertThat(verify.stderr()).contains("Verification successful");
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void openssl_ts_verifies_the_timestamp_token_taken_out_of_the_products_cades_t_signature(KeySize size,
            @TempDir Path work) throws Exception {
        byte[] signature = cadesT(issue(size)).signDetached(Files.readAllBytes(archive(work)));
        SignerInformation signer = new CMSSignedData(signature).getSignerInfos().getSigners().iterator().next();
        Attribute token = signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        Files.write(work.resolve("token.der"), ContentInfo.getInstance(token.getAttrValues().getObjectAt(0))
                .getEncoded("DER"));
        Files.write(work.resolve("signature-value.bin"), signer.getSignature());
        Files.writeString(work.resolve("ca.pem"), pem(authority.caCertificate()));

        Result verify = OpenSslGost.runWithEngineConfigured(work, "ts", "-verify", "-token_in", "-in", "token.der",
                "-data", "signature-value.bin", "-CAfile", "ca.pem");

        assertThat(verify.exitCode()).as(verify.stderr() + verify.stdout()).isZero();
        assertThat(verify.stdout()).contains("Verification: OK");
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void openssl_ts_rejects_the_token_for_another_signature_value(KeySize size, @TempDir Path work)
            throws Exception {
        byte[] signature = cadesT(issue(size)).signDetached(Files.readAllBytes(archive(work)));
        SignerInformation signer = new CMSSignedData(signature).getSignerInfos().getSigners().iterator().next();
        Attribute token = signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        Files.write(work.resolve("token.der"), ContentInfo.getInstance(token.getAttrValues().getObjectAt(0))
                .getEncoded("DER"));
        byte[] other = signer.getSignature().clone();
        other[0] ^= 1;
        Files.write(work.resolve("signature-value.bin"), other);
        Files.writeString(work.resolve("ca.pem"), pem(authority.caCertificate()));

        Result verify = OpenSslGost.runWithEngineConfigured(work, "ts", "-verify", "-token_in", "-in", "token.der",
                "-data", "signature-value.bin", "-CAfile", "ca.pem");

        assertThat(verify.exitCode()).isNotZero();
        assertThat(verify.stderr()).contains("message imprint mismatch");
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void the_product_verifies_openssls_cades_bes_signature_and_its_chain(KeySize size, @TempDir Path work)
            throws Exception {
        SigningKey key = issue(size);
        Path file = archive(work);
        Files.writeString(work.resolve("cert.pem"), pem(key.certificate()));
        Files.writeString(work.resolve("key.pem"), pem(new JcaPKCS8Generator(key.privateKey(), null)));

        OpenSslGost.run(work, "cms", "-sign", "-cades", "-binary", "-md", size == KeySize.GOST_2012_512
                        ? "md_gost12_512" : "md_gost12_256", "-signer", "cert.pem", "-inkey", "key.pem",
                "-in", "archive.zip", "-outform", "DER", "-out", "archive.zip.sig").requireSuccess();

        VerifiedSignature verified = trusting().verify(Files.readAllBytes(work.resolve("archive.zip.sig")),
                Files.newInputStream(file));
        assertThat(verified.signer()).isEqualTo(key.certificate());
        assertThat(verified.trustChecked()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void an_openssl_signature_timestamped_by_the_product_is_cades_t_for_both(KeySize size, @TempDir Path work)
            throws Exception {
        SigningKey key = issue(size);
        Path file = archive(work);
        Files.writeString(work.resolve("cert.pem"), pem(key.certificate()));
        Files.writeString(work.resolve("key.pem"), pem(new JcaPKCS8Generator(key.privateKey(), null)));
        OpenSslGost.run(work, "cms", "-sign", "-binary", "-md", size == KeySize.GOST_2012_512
                        ? "md_gost12_512" : "md_gost12_256", "-signer", "cert.pem", "-inkey", "key.pem",
                "-in", "archive.zip", "-outform", "DER", "-out", "bes.sig").requireSuccess();

        byte[] cadesT = new TimestampingSigner(new CmsSigner(key), client())
                .withTimestamp(Files.readAllBytes(work.resolve("bes.sig")));
        Files.write(work.resolve("archive.zip.sig"), cadesT);

        assertThat(trusting().verify(cadesT, Files.readAllBytes(file)).timestamp()).isPresent();
        Files.writeString(work.resolve("ca.pem"), pem(authority.caCertificate()));
        assertThat(verifyWithOpenSsl(work).exitCode()).isZero();
    }

    private static Result verifyWithOpenSsl(Path work) throws Exception {
        Files.writeString(work.resolve("ca.pem"), pem(authority.caCertificate()));
        return OpenSslGost.run(work, "cms", "-verify", "-binary", "-inform", "DER", "-in", "archive.zip.sig",
                "-content", "archive.zip", "-CAfile", "ca.pem", "-out", "/dev/null");
    }

    private static Path archive(Path work) throws Exception {
        byte[] content = ("PK archive of order 2540203555 " + HexFormat.of().formatHex(new byte[64]))
                .getBytes(StandardCharsets.UTF_8);
        return Files.write(work.resolve("archive.zip"), content);
    }

    private static SigningKey issue(KeySize size) {
        Instant now = Instant.now();
        return authority.issue(DemoOrganisation.romashka(), size, now.minusSeconds(60), now.plus(Duration.ofDays(30)));
    }

    private static TimestampClient client() {
        return new TimestampClient(tsa.url(), Duration.ofSeconds(10), null);
    }

    private static Signer cadesT(SigningKey key) {
        return new TimestampingSigner(new CmsSigner(key), client());
    }

    private static CmsVerifier trusting() {
        return new CmsVerifier(new CertificateValidator(List.of(authority.caCertificate()), null, null,
                Clock.systemUTC()));
    }

    private static String pem(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
