package org.epgugateway.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs through an external program, such as a CryptoPro CSP tool or another certified signer, that makes the
 * detached CMS signature itself.
 *
 * <p>The contract, which {@code docs/signing.md} repeats for integrators:
 * <ul>
 *   <li>the program is started without a shell, with the gateway's environment plus {@value #CERTIFICATE_VARIABLE}
 *       (the absolute path of the configured certificate file) and {@value #DIGEST_VARIABLE}
 *       ({@code gost3411-2012-256} or {@code gost3411-2012-512}, the digest that goes with the key);</li>
 *   <li>standard input carries the content, exactly, and is closed at its end;</li>
 *   <li>standard output must carry one detached CMS SignedData, DER or PEM, with signed attributes, by the key of the
 *       configured certificate, and nothing else; at most 1 MiB;</li>
 *   <li>exit code 0 means signed; any other code means failed, and the end of standard error is reported;</li>
 *   <li>standard error is for diagnostics and must never carry a PIN or a password.</li>
 * </ul>
 * The gateway checks every signature the program returns: one signer, the configured certificate, the expected
 * digest algorithm, the content's digest and the signature value. Content is streamed, never held in memory whole.
 */
public final class CommandSigner implements Signer {

    /** The environment variable that names the certificate file for the program. */
    public static final String CERTIFICATE_VARIABLE = "EPGU_SIGNER_CERTIFICATE";
    /** The environment variable that names the digest the program must use. */
    public static final String DIGEST_VARIABLE = "EPGU_SIGNER_DIGEST";

    private static final Logger LOG = LoggerFactory.getLogger(CommandSigner.class);
    private static final int MAX_SIGNATURE_BYTES = 1024 * 1024;
    private static final int STDERR_TAIL_CHARS = 2000;
    // own threads: the common pool may have a single thread, and these block on the program's pipes
    private static final ExecutorService PIPES = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "signer-command");
        thread.setDaemon(true);
        return thread;
    });

    private final List<String> command;
    private final Path certificateFile;
    private final X509Certificate certificate;
    private final SignatureScheme scheme;
    private final Duration timeout;

    /**
     * @param command the program and its arguments; started without a shell
     * @param certificateFile the PEM file whose first certificate is the signer's
     * @param timeout how long one signature may take, content transfer included
     * @throws KeySourceException when the certificate file cannot be read
     */
    public CommandSigner(List<String> command, Path certificateFile, Duration timeout) {
        if (Objects.requireNonNull(command, "command").isEmpty()) {
            throw new IllegalArgumentException("the signer command is empty");
        }
        this.command = List.copyOf(command);
        this.certificateFile = certificateFile.toAbsolutePath();
        List<X509Certificate> chain = Certificates.read(this.certificateFile);
        if (chain.isEmpty()) {
            throw new KeySourceException("Certificate file " + certificateFile + " holds no certificate");
        }
        this.certificate = chain.get(0);
        this.scheme = SignatureScheme.of(certificate);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public byte[] signDetached(byte[] content) {
        return signDetached(new ByteArrayInputStream(Objects.requireNonNull(content, "content")));
    }

    @Override
    public byte[] signDetached(InputStream content) {
        Objects.requireNonNull(content, "content");
        DigestCalculator digest = digestCalculator();
        byte[] signature = run(content, digest.getOutputStream());
        try {
            new CmsVerifier().expectingSigner(certificate).verifyDigest(signature, digest.getAlgorithmIdentifier(),
                    digest.getDigest());
        } catch (SignatureVerificationException e) {
            throw new SigningException("The signer command " + command.get(0) + " returned a signature that does "
                    + "not hold (" + e.reason() + "): " + e.getMessage(), e);
        }
        return signature;
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public String toString() {
        return "CommandSigner[" + command.get(0) + ", " + OrganisationCertificate.describe(certificate) + "]";
    }

    private DigestCalculator digestCalculator() {
        try {
            return new JcaDigestCalculatorProviderBuilder().setProvider(GostProvider.NAME).build()
                    .get(new AlgorithmIdentifier(scheme.digestOid()));
        } catch (OperatorCreationException e) {
            throw new SigningException("Cannot digest with " + scheme.digestName() + ": " + e.getMessage(), e);
        }
    }

    private byte[] run(InputStream content, OutputStream digest) {
        Process process = start();
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> killAfterTimeout(process, timedOut),
                PIPES);
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(
                () -> readAtMost(process.getInputStream(), MAX_SIGNATURE_BYTES + 1), PIPES);
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(
                () -> readAtMost(process.getErrorStream(), 64 * 1024), PIPES);
        IOException writeFailure = feed(process, content, digest);
        int exitCode = awaitExit(process, timedOut);
        watchdog.cancel(true);
        byte[] output = join(stdout);
        String diagnostics = tail(new String(join(stderr), StandardCharsets.UTF_8));

        if (timedOut.get()) {
            throw new SigningException("The signer command " + command.get(0) + " did not finish within "
                    + timeout.toSeconds() + " s and was stopped" + diagnostics);
        }
        if (exitCode != 0) {
            LOG.warn("The signer command {} exited with {}{}", command.get(0), exitCode, diagnostics);
            throw new SigningException("The signer command " + command.get(0) + " exited with " + exitCode
                    + diagnostics);
        }
        if (writeFailure != null) {
            // the program exited 0 without reading all the content: its signature cannot be over that content
            throw new SigningException("The signer command " + command.get(0) + " did not read all the content: "
                    + writeFailure.getMessage(), writeFailure);
        }
        if (output.length == 0 || output.length > MAX_SIGNATURE_BYTES) {
            throw new SigningException("The signer command " + command.get(0) + " wrote " + (output.length == 0
                    ? "nothing" : "more than " + MAX_SIGNATURE_BYTES + " bytes") + " to standard output");
        }
        return der(output);
    }

    private Process start() {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put(CERTIFICATE_VARIABLE, certificateFile.toString());
        builder.environment().put(DIGEST_VARIABLE, scheme == SignatureScheme.GOST_2012_512
                ? "gost3411-2012-512" : "gost3411-2012-256");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new SigningException("Cannot start the signer command " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    // a failure to write is kept, not thrown: the exit code usually tells the better story
    private static IOException feed(Process process, InputStream content, OutputStream digest) {
        try (OutputStream stdin = process.getOutputStream()) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = readContent(content, buffer)) >= 0) {
                digest.write(buffer, 0, read);
                stdin.write(buffer, 0, read);
            }
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    private static int readContent(InputStream content, byte[] buffer) {
        try {
            return content.read(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the content to sign: " + e.getMessage(), e);
        }
    }

    private void killAfterTimeout(Process process, AtomicBoolean timedOut) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut.set(true);
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // cancelled because the program finished
        }
    }

    private int awaitExit(Process process, AtomicBoolean timedOut) {
        try {
            if (!process.waitFor(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                timedOut.set(true);
                process.destroyForcibly();
                process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new SigningException("Interrupted while waiting for the signer command " + command.get(0), e);
        }
    }

    private static byte[] readAtMost(InputStream in, int limit) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (out.size() < limit) {
                    out.write(buffer, 0, Math.min(read, limit - out.size()));
                }
                // keep draining past the limit, so that the program never blocks on a full pipe
            }
            return out.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static byte[] join(CompletableFuture<byte[]> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new byte[0];
        } catch (ExecutionException | TimeoutException e) {
            return new byte[0];
        }
    }

    private static String tail(String stderr) {
        String text = stderr.strip();
        if (text.isEmpty()) {
            return "";
        }
        return "; its standard error ends with: " + (text.length() > STDERR_TAIL_CHARS
                ? "..." + text.substring(text.length() - STDERR_TAIL_CHARS) : text);
    }

    private static byte[] der(byte[] output) {
        String text = new String(output, StandardCharsets.US_ASCII);
        if (!text.startsWith("-----BEGIN")) {
            return output;
        }
        // PEM: the base64 between the armour lines
        String body = text.replaceAll("-----[A-Z0-9 ]+-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new SigningException("The signer command wrote PEM that is not valid base64", e);
        }
    }
}
