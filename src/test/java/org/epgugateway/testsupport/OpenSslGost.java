package org.epgugateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code openssl} command with the GOST engine, for interoperability tests.
 *
 * <p>These tests must not pass silently on a machine without GOST support, so a missing {@code openssl} or a missing
 * engine fails the test with an explanation instead of skipping it.
 */
public final class OpenSslGost {

    private static final long TIMEOUT_SECONDS = 60;
    private static final String INSTALL_HINT = "GOST interoperability tests need OpenSSL 3 with the gost engine "
            + "(Debian: apt-get install openssl libengine-gost-openssl)";

    private static volatile boolean engineFound;

    private OpenSslGost() {
    }

    /** What one {@code openssl} run printed and returned. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** True when openssl exited with status 0. */
        public boolean succeeded() {
            return exitCode == 0;
        }

        /**
         * Fails the test unless openssl succeeded.
         *
         * @return this result, for reading its output
         */
        public Result requireSuccess() {
            if (!succeeded()) {
                throw new AssertionError("openssl failed with exit code " + exitCode + ": "
                        + String.join(" ", command) + "\n" + stderr + stdout);
            }
            return this;
        }
    }

    /**
     * Fails the test unless {@code openssl} runs and can load the GOST engine with GOST R 34.10-2012.
     */
    public static void requireGostEngine() {
        if (engineFound) {
            return;
        }
        Result engine = execute(Path.of("."), List.of("openssl", "engine", "-c", "gost"));
        if (!engine.succeeded() || !engine.stdout().contains("gost2012_256")) {
            throw new AssertionError(INSTALL_HINT + "; `openssl engine -c gost` said:\n"
                    + engine.stderr() + engine.stdout());
        }
        engineFound = true;
    }

    /**
     * Runs {@code openssl <command> -engine gost <arguments>} in the folder.
     *
     * <p>The engine option goes right after the subcommand, where {@code cms}, {@code pkcs12}, {@code genpkey},
     * {@code req}, {@code x509}, {@code verify} and {@code dgst} all accept it, and before options such as
     * {@code -algorithm} that need the engine loaded already. Relative file names resolve against the folder. A
     * missing engine fails the test here, so that a test expecting openssl to reject something cannot pass by it.
     *
     * @param folder the working directory of openssl
     * @param command the openssl subcommand, such as {@code cms}
     * @param arguments the options and operands that follow it
     * @return what openssl returned and printed; a failure is returned, not thrown
     */
    public static Result run(Path folder, String command, String... arguments) {
        requireGostEngine();
        List<String> line = new ArrayList<>(List.of("openssl", command, "-engine", "gost"));
        line.addAll(List.of(arguments));
        return execute(folder, line);
    }

    /**
     * Runs {@code openssl <command> <arguments>} in the folder without loading the engine, for subcommands such as
     * {@code asn1parse} and {@code crl} that do not accept {@code -engine}.
     *
     * @return what openssl returned and printed; a failure is returned, not thrown
     */
    public static Result runWithoutEngine(Path folder, String command, String... arguments) {
        List<String> line = new ArrayList<>(List.of("openssl", command));
        line.addAll(List.of(arguments));
        return execute(folder, line);
    }

    /**
     * Runs {@code openssl <command> <arguments>} with a configuration file that loads the GOST engine as the default
     * for every algorithm, for subcommands such as {@code ts} whose {@code -engine} option does not make OpenSSL
     * decode GOST public keys in certificates.
     *
     * @return what openssl returned and printed; a failure is returned, not thrown
     */
    public static Result runWithEngineConfigured(Path folder, String command, String... arguments) {
        requireGostEngine();
        List<String> line = new ArrayList<>(List.of("openssl", command));
        line.addAll(List.of(arguments));
        Path configuration = null;
        try {
            configuration = Files.createTempFile("openssl-gost", ".cnf");
            Files.writeString(configuration, "openssl_conf = openssl_init\n[openssl_init]\nengines = engines\n"
                    + "[engines]\ngost = gost\n[gost]\nengine_id = gost\ndefault_algorithms = ALL\n");
            return execute(folder, line, configuration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(configuration);
        }
    }

    private static Result execute(Path folder, List<String> line) {
        return execute(folder, line, null);
    }

    private static Result execute(Path folder, List<String> line, Path configuration) {
        Path stdout = null;
        Path stderr = null;
        try {
            // files rather than pipes: a full pipe would block openssl while this thread waits for it
            stdout = Files.createTempFile("openssl", ".out");
            stderr = Files.createTempFile("openssl", ".err");
            ProcessBuilder builder = new ProcessBuilder(line)
                    .directory(folder.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            if (configuration != null) {
                builder.environment().put("OPENSSL_CONF", configuration.toString());
            }
            int exitCode = waitFor(builder, line);
            return new Result(List.copyOf(line), exitCode, Files.readString(stdout), Files.readString(stderr));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    private static int waitFor(ProcessBuilder builder, List<String> line) throws IOException {
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(INSTALL_HINT + "; cannot start openssl: " + e.getMessage(), e);
        }
        // nothing is typed in: a command that would prompt for a password fails instead of hanging
        process.getOutputStream().close();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("openssl did not finish within " + TIMEOUT_SECONDS + " s: "
                        + String.join(" ", line));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while waiting for openssl", e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file does not change the result of the test
        }
    }
}
