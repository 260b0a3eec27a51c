package org.epgugateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoKeys;
import org.epgugateway.demo.DemoOrganisation;
import org.epgugateway.emulator.TimestampAuthority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sign}, {@code verify} and {@code keystore info}, run in-process as an integrator would run them. */
class SigningCommandsTest {

    @TempDir
    static Path folder;

    private static DemoKeys keys;
    private static Path passwordFile;
    private static TimestampAuthority tsa;
    private static Path tsaRoot;

    @BeforeAll
    static void keys_and_tsa() throws Exception {
        keys = DemoAuthority.ensure(folder.resolve("keys"), DemoOrganisation.romashka());
        passwordFile = keys.keystore().resolveSibling(DemoAuthority.PASSWORD_FILE);
        DemoAuthority tsaAuthority = DemoAuthority.create();
        tsa = TimestampAuthority.start(tsaAuthority.issueTimestampAuthority());
        tsaRoot = Files.writeString(folder.resolve("tsa-root.pem"), pem(tsaAuthority.caCertificate()));
    }

    @AfterAll
    static void stop_tsa() {
        tsa.close();
    }

    @Test
    void a_file_signed_with_the_keystore_verifies_against_the_trust_root(@TempDir Path work) throws Exception {
        Path file = Files.writeString(work.resolve("archive.zip"), "archive of order 2540203555");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        CommandRun sign = CommandRun.of("sign", "--keystore", keys.keystore().toString(),
                "--password-file", passwordFile.toString(), file.toString());
        CommandRun verify = CommandRun.of("verify", "--trust-roots", keys.caCertificate().toString(), file.toString());

        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(sign.out()).contains("Signed " + file).contains("as CAdES-BES").contains("OGRN 1027700123450");
        assertThat(work.resolve("archive.zip.sig")).isNotEmptyFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work.resolve("archive.zip.sig"))))
                .as("as readable as the file it signs").isEqualTo("rw-r-----");
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("Signature valid").contains("OGRN 1027700123450")
                .contains("timestamp:    none (CAdES-BES)").contains("trusted: chains to");
    }

    @Test
    void a_file_signed_with_a_tsa_configured_is_cades_t(@TempDir Path work) throws Exception {
        Path file = Files.writeString(work.resolve("archive.zip"), "archive of order 2540203556");

        CommandRun sign = CommandRun.of("sign", "--keystore", keys.keystore().toString(),
                "--password-file", passwordFile.toString(), "--tsa-url", tsa.url().toString(), "--pem",
                "--out", work.resolve("archive.p7s").toString(), file.toString());
        CommandRun verify = CommandRun.of("verify", "--trust-roots", keys.caCertificate() + "," + tsaRoot,
                "--signature", work.resolve("archive.p7s").toString(), file.toString());

        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(sign.out()).contains("as CAdES-T");
        assertThat(Files.readString(work.resolve("archive.p7s"))).startsWith("-----BEGIN CMS-----");
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("(CAdES-T)");
    }

    @Test
    void a_tampered_file_fails_verification_with_exit_code_1_and_the_reason(@TempDir Path work) throws Exception {
        Path file = Files.writeString(work.resolve("archive.zip"), "archive of order 2540203557");
        CommandRun.of("sign", "--keystore", keys.keystore().toString(), "--password-file", passwordFile.toString(),
                file.toString());
        Files.writeString(file, "archive of order 2540203558");

        CommandRun verify = CommandRun.of("verify", file.toString());

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).contains("Signature INVALID (CONTENT_MISMATCH)");
    }

    @Test
    void keystore_info_shows_the_certificate_and_passes_the_self_check() {
        CommandRun info = CommandRun.of("keystore", "info", "--keystore", keys.keystore().toString(), "--password-file",
                passwordFile.toString(), "--trust-roots", keys.caCertificate().toString());

        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("OGRN:          1027700123450")
                .contains("GOST R 34.10-2012 (256 bit)")
                .contains("Chain:         CN=epgu-gateway demo CA")
                .containsPattern("Days left: +36[45]")
                .contains("Self-check:    PASSED");
    }

    @Test
    void keystore_info_with_a_wrong_password_exits_with_2_and_says_so(@TempDir Path work) throws Exception {
        Path wrong = Files.writeString(work.resolve("wrong.txt"), "not-the-password\n");

        CommandRun info = CommandRun.of("keystore", "info", "--keystore", keys.keystore().toString(), "--password-file",
                wrong.toString());

        assertThat(info.exitCode()).isEqualTo(2);
        assertThat(info.err()).contains("Wrong password for PKCS#12 keystore");
    }

    @Test
    void the_password_is_never_printed() throws Exception {
        String password = Files.readString(passwordFile, StandardCharsets.US_ASCII).strip();

        CommandRun info = CommandRun.of("keystore", "info", "--keystore", keys.keystore().toString(), "--password-file",
                passwordFile.toString());

        assertThat(info.out() + info.err()).doesNotContain(password);
    }

    @Test
    void keystore_without_a_subcommand_shows_its_usage() {
        CommandRun keystore = CommandRun.of("keystore");

        assertThat(keystore.exitCode()).isEqualTo(2);
        assertThat(keystore.err()).contains("info");
    }

    private static String pem(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
