package org.epgugateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs libxml2's {@code xmllint}, an XML canonicaliser that shares no code with Santuario, for interoperability
 * tests.
 *
 * <p>A missing {@code xmllint} fails the test with an explanation instead of skipping it, so that the interoperability
 * tests cannot pass silently on a machine without it.
 */
public final class XmlLint {

    private static final long TIMEOUT_SECONDS = 60;
    private static final String INSTALL_HINT = "XML interoperability tests need libxml2's xmllint "
            + "(Debian: apt-get install libxml2-utils)";

    private XmlLint() {
    }

    /**
     * Writes the exclusive canonical form (without comments) of a document, as {@code xmllint --exc-c14n} prints it.
     *
     * @param folder where both files are
     * @param input the document's file name
     * @param output the file name for the canonical bytes
     * @return the canonical bytes; never null
     */
    public static byte[] exclusiveC14n(Path folder, String input, String output) {
        List<String> line = List.of("xmllint", "--exc-c14n", input);
        try {
            Path out = folder.resolve(output);
            Path err = Files.createTempFile("xmllint", ".err");
            try {
                Process process = start(new ProcessBuilder(line)
                        .directory(folder.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile()));
                process.getOutputStream().close();
                int exitCode = waitFor(process, line);
                if (exitCode != 0) {
                    throw new AssertionError("xmllint failed with exit code " + exitCode + ": " + String.join(" ", line)
                            + "\n" + Files.readString(err));
                }
                return Files.readAllBytes(out);
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new AssertionError(INSTALL_HINT + "; cannot start xmllint: " + e.getMessage(), e);
        }
    }

    private static int waitFor(Process process, List<String> line) {
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("xmllint did not finish within " + TIMEOUT_SECONDS + " s: "
                        + String.join(" ", line));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted while waiting for xmllint", e);
        }
    }
}
