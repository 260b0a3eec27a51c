package org.epgugateway.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes files so that readers never see them half written and a crash never leaves them torn: a temporary sibling
 * is written and synced, then renamed into place, then the folder is synced.
 */
public final class DurableFiles {

    private DurableFiles() {
    }

    public static void writeAtomically(Path target, byte[] content) {
        writeAtomically(target, content, OutputPermissions.UNCHANGED);
    }

    /**
     * Writes a file others read, with the given permissions set before it appears.
     */
    public static void writeAtomically(Path target, byte[] content, OutputPermissions permissions) {
        Path temp = temporarySibling(target);
        try {
            Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            permissions.applyToFile(temp);
            sync(temp);
            moveIntoPlace(temp, target);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    public static void copyAtomically(Path source, Path target) {
        copyAtomically(source, target, OutputPermissions.UNCHANGED);
    }

    /**
     * Copies a file others read, with the given permissions set before it appears.
     */
    public static void copyAtomically(Path source, Path target, OutputPermissions permissions) {
        Path temp = temporarySibling(target);
        try {
            Files.copy(source, temp);
            permissions.applyToFile(temp);
            sync(temp);
            moveIntoPlace(temp, target);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * A name next to the target that readers ignore: a leading dot keeps it out of most listings and globs.
     */
    public static Path temporarySibling(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    /**
     * Renames a synced temporary file to its final name and syncs the folder, so the rename survives a crash.
     */
    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        sync(target.getParent());
    }

    /**
     * Flushes a file, or a folder's entries, to the storage device.
     */
    public static void sync(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException e) {
                // some file systems cannot sync a folder; the rename is still atomic there
            }
            return;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    public static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // nothing more to do: a temporary name keeps the leftover out of readers' way
        }
    }
}
