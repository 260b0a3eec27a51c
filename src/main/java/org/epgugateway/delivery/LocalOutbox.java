package org.epgugateway.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The outbox and dead-letter folders on a local or mounted file system.
 */
public final class LocalOutbox implements Outbox {

    private final Path outbox;
    private final Path deadLetter;

    public LocalOutbox(Path outbox, Path deadLetter) {
        this.outbox = outbox;
        this.deadLetter = deadLetter;
    }

    @Override
    public boolean folderInUse(String folder) {
        return Files.exists(outbox.resolve(folder));
    }

    @Override
    public void writeStatus(String folder, byte[] statusJson) {
        Path dir = createFolder(outbox.resolve(folder));
        DurableFiles.writeAtomically(dir.resolve("status.json"), statusJson);
    }

    @Override
    public void writeResult(String folder, String fileName, Path source) {
        Path dir = createFolder(outbox.resolve(folder));
        DurableFiles.copyAtomically(source, dir.resolve(fileName));
    }

    @Override
    public void writeDeadLetter(String fileName, Path original, byte[] errorJson) {
        Path dir = createFolder(deadLetter);
        DurableFiles.copyAtomically(original, dir.resolve(fileName));
        DurableFiles.writeAtomically(dir.resolve(fileName + ".error.json"), errorJson);
    }

    @Override
    public String describe() {
        return "outbox " + outbox + ", dead-letter " + deadLetter;
    }

    private static Path createFolder(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
