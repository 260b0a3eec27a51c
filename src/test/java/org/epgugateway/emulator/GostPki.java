package org.epgugateway.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A GOST R 34.10-2012 test PKI made with OpenSSL and its gost engine: a CA and the certificates it issues, and
 * CMS signatures made by {@code openssl cms -sign}, as an organisation would make them.
 */
final class GostPki {

    private final Path folder;
    private final Path caCertificate;
    private final Path caKey;

    private GostPki(Path folder, Path caCertificate, Path caKey) {
        this.folder = folder;
        this.caCertificate = caCertificate;
        this.caKey = caKey;
    }

    /** A new self-signed GOST CA in the given folder. */
    static GostPki newCa(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        Path key = folder.resolve("ca.key");
        Path certificate = folder.resolve("ca.pem");
        openssl(folder, "genpkey", "-engine", "gost", "-algorithm", "gost2012_256", "-pkeyopt", "paramset:A",
                "-out", key.toString());
        openssl(folder, "req", "-engine", "gost", "-x509", "-new", "-key", key.toString(), "-out",
                certificate.toString(), "-days", "30", "-md_gost12_256", "-subj",
                "/CN=" + name + "/O=" + name + "/C=RU");
        return new GostPki(folder, certificate, key);
    }

    Path caCertificate() {
        return caCertificate;
    }

    /**
     * Issues a signing certificate.
     *
     * @param name    a file-name-safe name for the key and certificate files
     * @param subject the subject in OpenSSL's form, e.g. {@code /CN=Romashka/O=Romashka/OGRN=1027700123450/C=RU}
     */
    Signer issue(String name, String subject) throws IOException {
        Path key = folder.resolve(name + ".key");
        Path request = folder.resolve(name + ".csr");
        Path certificate = folder.resolve(name + ".pem");
        Path extensions = folder.resolve(name + ".ext");
        Files.writeString(extensions, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n");
        openssl(folder, "genpkey", "-engine", "gost", "-algorithm", "gost2012_256", "-pkeyopt", "paramset:A",
                "-out", key.toString());
        openssl(folder, "req", "-engine", "gost", "-new", "-key", key.toString(), "-out", request.toString(),
                "-md_gost12_256", "-subj", subject);
        openssl(folder, "x509", "-req", "-engine", "gost", "-in", request.toString(), "-CA", caCertificate.toString(),
                "-CAkey", caKey.toString(), "-CAcreateserial", "-days", "30", "-md_gost12_256", "-extfile",
                extensions.toString(), "-out", certificate.toString());
        return new Signer(folder, certificate, key);
    }

    /** A certificate and its key that sign with {@code openssl cms -sign -engine gost}. */
    static final class Signer {

        private final Path folder;
        private final Path certificate;
        private final Path key;
        private int signatures;

        private Signer(Path folder, Path certificate, Path key) {
            this.folder = folder;
            this.certificate = certificate;
            this.key = key;
        }

        /** A detached CMS SignedData over the UTF-8 bytes of the text, GOST R 34.11-2012-256 digest, DER. */
        byte[] signDetached(String text) throws IOException {
            return sign(text, List.of());
        }

        /** The same with the text encapsulated in the SignedData. */
        byte[] signAttached(String text) throws IOException {
            return sign(text, List.of("-nodetach"));
        }

        /** A detached signature without signed attributes, hence without signingTime. */
        byte[] signWithoutAttributes(String text) throws IOException {
            return sign(text, List.of("-noattr"));
        }

        private synchronized byte[] sign(String text, List<String> options) throws IOException {
            int number = ++signatures;
            Path content = folder.resolve("content-" + number + ".txt");
            Path signature = folder.resolve("signature-" + number + ".der");
            Files.writeString(content, text, StandardCharsets.UTF_8);
            List<String> arguments = new ArrayList<>(List.of("cms", "-sign", "-engine", "gost", "-binary", "-md",
                    "md_gost12_256", "-outform", "DER", "-in", content.toString(), "-signer", certificate.toString(),
                    "-inkey", key.toString(), "-out", signature.toString()));
            arguments.addAll(options);
            openssl(folder, arguments.toArray(String[]::new));
            return Files.readAllBytes(signature);
        }
    }

    private static void openssl(Path folder, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", arguments) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while waiting for openssl", e);
        }
    }
}
