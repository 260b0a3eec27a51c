package org.epgugateway.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.bouncycastle.cms.CMSSignedData;
import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoAuthority.KeySize;
import org.epgugateway.demo.DemoKeys;
import org.epgugateway.demo.DemoOrganisation;
import org.epgugateway.testsupport.OpenSslGost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The external signer contract, with a small script that signs through {@code openssl cms -sign -engine gost} in
 * the place of CryptoPro CSP.
 */
class CommandSignerTest {

    private static final byte[] CONTENT = "order 2540203555 archive".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path folder;

    private static DemoKeys keys;
    private static Path certificate;
    private static Path opensslSigner;

    @BeforeAll
    static void openssl_signer_script() throws Exception {
        OpenSslGost.requireGostEngine();
        keys = DemoAuthority.ensure(folder.resolve("keys"), DemoOrganisation.romashka());
        certificate = keys.organisationCertificate();
        OpenSslGost.run(folder.resolve("keys"), "pkcs12", "-in", DemoAuthority.KEYSTORE_FILE, "-passin",
                "file:" + DemoAuthority.PASSWORD_FILE, "-nocerts", "-nodes", "-out", "key.pem").requireSuccess();
        Path key = folder.resolve("keys").resolve("key.pem");
        opensslSigner = script("openssl-signer.sh", "#!/bin/sh\n"
                + "# signs standard input with the certificate the gateway names, by the contract of CommandSigner\n"
                + "case \"$EPGU_SIGNER_DIGEST\" in\n"
                + "  gost3411-2012-512) md=md_gost12_512 ;;\n"
                + "  *) md=md_gost12_256 ;;\n"
                + "esac\n"
                + "exec openssl cms -sign -engine gost -binary -md \"$md\" -signer \"$EPGU_SIGNER_CERTIFICATE\" "
                + "-inkey '" + key + "' -outform DER -nosmimecap\n");
    }

    @Test
    void the_signature_made_by_the_command_verifies_and_names_the_configured_certificate() {
        CommandSigner signer = new CommandSigner(List.of(opensslSigner.toString()), certificate,
                Duration.ofSeconds(30));

        byte[] signature = signer.signDetached(CONTENT);

        assertThat(new CmsVerifier().verifyDetached(signature, CONTENT)).isEqualTo(signer.certificate());
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void the_command_signs_with_the_digest_of_the_key_size_it_is_told(KeySize size, @TempDir Path work)
            throws Exception {
        Instant now = Instant.now();
        SigningKey key = DemoAuthority.create().issue(DemoOrganisation.romashka(), size, now.minusSeconds(60),
                now.plusSeconds(86_400));
        Path keyFile = Files.writeString(work.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Path certificateFile = Files.writeString(work.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(key.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        Path signerScript = script("signer-" + size + ".sh", "#!/bin/sh\n"
                + "case \"$EPGU_SIGNER_DIGEST\" in gost3411-2012-512) md=md_gost12_512 ;; *) md=md_gost12_256 ;; esac\n"
                + "exec openssl cms -sign -engine gost -binary -md \"$md\" -signer \"$EPGU_SIGNER_CERTIFICATE\" "
                + "-inkey '" + keyFile + "' -outform DER -nosmimecap\n");

        byte[] signature = new CommandSigner(List.of(signerScript.toString()), certificateFile,
                Duration.ofSeconds(30)).signDetached(CONTENT);

        assertThat(new CmsVerifier().verifyDetached(signature, CONTENT)).isEqualTo(key.certificate());
        assertThat(new CMSSignedData(signature).getSignerInfos().getSigners().iterator().next().getDigestAlgOID())
                .isEqualTo(SignatureScheme.of(key.certificate()).digestOid().getId());
    }

    @Test
    void a_large_content_is_streamed_to_the_command() throws Exception {
        byte[] content = new byte[8 * 1024 * 1024];
        new Random(3).nextBytes(content);
        CommandSigner signer = new CommandSigner(List.of(opensslSigner.toString()), certificate,
                Duration.ofSeconds(60));

        byte[] signature = signer.signDetached(new ByteArrayInputStream(content));

        assertThat(new CmsVerifier().verifyDetached(signature, content)).isEqualTo(signer.certificate());
    }

    @Test
    void a_command_that_fails_is_reported_with_its_exit_code_and_standard_error() throws Exception {
        Path failing = script("failing.sh", "#!/bin/sh\ncat > /dev/null\necho 'container not found' >&2\nexit 4\n");

        assertThatThrownBy(() -> new CommandSigner(List.of(failing.toString()), certificate, Duration.ofSeconds(10))
                .signDetached(CONTENT))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("exited with 4")
                .hasMessageContaining("container not found");
    }

    @Test
    void a_command_that_hangs_is_stopped_at_the_timeout() throws Exception {
        Path hanging = script("hanging.sh", "#!/bin/sh\nsleep 30\n");

        assertThatThrownBy(() -> new CommandSigner(List.of(hanging.toString()), certificate, Duration.ofSeconds(1))
                .signDetached(CONTENT))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("did not finish within 1 s");
    }

    @Test
    void a_signature_by_another_key_than_the_configured_certificate_is_refused() throws Exception {
        SigningKey stranger = DemoAuthority.create().issue(DemoOrganisation.romashka());
        Path strangerSignature = Files.write(folder.resolve("stranger.sig"),
                new CmsSigner(stranger).signDetached(CONTENT));
        Path replaying = script("replaying.sh", "#!/bin/sh\ncat > /dev/null\ncat '" + strangerSignature + "'\n");

        assertThatThrownBy(() -> new CommandSigner(List.of(replaying.toString()), certificate, Duration.ofSeconds(10))
                .signDetached(CONTENT))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("WRONG_CERTIFICATE");
    }

    @Test
    void a_signature_over_other_content_is_refused() throws Exception {
        Path otherContent = Files.write(folder.resolve("other.bin"), "other".getBytes(StandardCharsets.UTF_8));
        Path lying = script("lying.sh", "#!/bin/sh\ncat > /dev/null\nexec '" + opensslSigner + "' < '"
                + otherContent + "'\n");

        assertThatThrownBy(() -> new CommandSigner(List.of(lying.toString()), certificate, Duration.ofSeconds(30))
                .signDetached(CONTENT))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("CONTENT_MISMATCH");
    }

    @Test
    void a_command_that_writes_nothing_is_reported() throws Exception {
        Path silent = script("silent.sh", "#!/bin/sh\ncat > /dev/null\n");

        assertThatThrownBy(() -> new CommandSigner(List.of(silent.toString()), certificate, Duration.ofSeconds(10))
                .signDetached(CONTENT))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("wrote nothing to standard output");
    }

    @Test
    void a_missing_program_is_reported_by_name() {
        assertThatThrownBy(() -> new CommandSigner(List.of("/nonexistent/cryptcp"), certificate,
                Duration.ofSeconds(10)).signDetached(CONTENT))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("Cannot start the signer command /nonexistent/cryptcp");
    }

    private static Path script(String name, String text) throws Exception {
        Path file = Files.writeString(folder.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
