package org.epgugateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A SoftHSM2 software token for the PKCS#11 tests, in a folder of the build's own.
 *
 * <p>SoftHSM2 reads its configuration from the file named by {@code SOFTHSM2_CONF}, which the build sets for the
 * test JVM; this class writes that file and runs {@code softhsm2-util} with the same setting. A missing SoftHSM2 fails
 * the test with an explanation instead of skipping it.
 */
public final class SoftHsm {

    /** Where Debian's softhsm2 package puts the module, in the order they are tried. */
    private static final List<Path> MODULES = List.of(Path.of("/usr/lib/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"));
    private static final String INSTALL_HINT = "PKCS#11 tests need SoftHSM2 (Debian: apt-get install softhsm2)";

    private SoftHsm() {
    }

    /** The SoftHSM2 module, or a test failure naming the package to install. */
    public static Path module() {
        return MODULES.stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new AssertionError(INSTALL_HINT + "; no module at " + MODULES));
    }

    /**
     * Deletes every token and initialises one new token.
     *
     * @return the configuration file the test JVM's SoftHSM2 reads
     */
    public static Path freshToken(String label, String userPin, String soPin) {
        Path conf = configuration();
        try {
            Path tokens = conf.getParent().resolve("tokens");
            if (Files.exists(tokens)) {
                try (Stream<Path> walk = Files.walk(tokens)) {
                    for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(tokens);
            Files.writeString(conf, "directories.tokendir = " + tokens.toAbsolutePath() + "\n"
                    + "objectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n",
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        util("--init-token", "--free", "--label", label, "--pin", userPin, "--so-pin", soPin);
        return conf;
    }

    /** Imports a PEM PKCS#8 private key into the token. */
    public static void importKey(Path pkcs8Pem, String token, String label, String idHex, String userPin) {
        util("--import", pkcs8Pem.toString(), "--token", token, "--label", label, "--id", idHex, "--pin", userPin);
    }

    private static Path configuration() {
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null || conf.isBlank()) {
            throw new AssertionError("SOFTHSM2_CONF is not set for the test JVM: run the tests through Maven, "
                    + "whose surefire configuration sets it");
        }
        Path file = Path.of(conf);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static void util(String... arguments) {
        List<String> line = new ArrayList<>(List.of("softhsm2-util"));
        line.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("softhsm2-util " + arguments[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new AssertionError(INSTALL_HINT + "; cannot run softhsm2-util: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running softhsm2-util", e);
        }
    }
}
