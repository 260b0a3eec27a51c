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
    private final OutputPermissions permissions;

    /**
     * @param permissions what the written files and folders may allow; at most what the inbox allows
     */
    public LocalOutbox(Path outbox, Path deadLetter, OutputPermissions permissions) {
        this.outbox = outbox;
        this.deadLetter = deadLetter;
        this.permissions = permissions;
    }

    public LocalOutbox(Path outbox, Path deadLetter) {
        this(outbox, deadLetter, OutputPermissions.UNCHANGED);
    }

    @Override
    public boolean folderInUse(String folder) {
        return Files.exists(outbox.resolve(folder));
    }

    @Override
    public void writeStatus(String folder, byte[] statusJson) {
        Path dir = createFolder(outbox.resolve(folder));
        DurableFiles.writeAtomically(dir.resolve("status.json"), statusJson, permissions);
    }

    @Override
    public void writeResult(String folder, String fileName, Path source) {
        Path dir = createFolder(outbox.resolve(folder));
        DurableFiles.copyAtomically(source, dir.resolve(fileName), permissions);
    }

    @Override
    public void writeDeadLetter(String fileName, Path original, byte[] errorJson) {
        Path dir = createFolder(deadLetter);
        DurableFiles.copyAtomically(original, dir.resolve(fileName), permissions);
        DurableFiles.writeAtomically(dir.resolve(fileName + ".error.json"), errorJson, permissions);
    }

    @Override
    public String describe() {
        return "outbox " + outbox + ", dead-letter " + deadLetter;
    }

    private Path createFolder(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return dir;
            }
            Files.createDirectories(dir);
            permissions.applyToFolder(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
