package org.epgugateway.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Permissions of what the gateway writes for back-office systems: never wider than those of the inbox they drop
 * into, so a drop's answer is not readable by more people than the drop itself.
 */
public final class OutputPermissions {

    /** Leaves permissions as the process's umask makes them (also where the file system has no POSIX ones). */
    public static final OutputPermissions UNCHANGED = new OutputPermissions(null, null);

    private final Set<PosixFilePermission> folders;
    private final Set<PosixFilePermission> files;

    private OutputPermissions(Set<PosixFilePermission> folders, Set<PosixFilePermission> files) {
        this.folders = folders;
        this.files = files;
    }

    /**
     * Permissions taken from the inbox folder (created when missing, with the process's defaults): folders get the
     * inbox's own, files the same without execute bits.
     */
    public static OutputPermissions like(Path inbox) {
        try {
            Files.createDirectories(inbox);
            Set<PosixFilePermission> folders = EnumSet.copyOf(Files.getPosixFilePermissions(inbox));
            return new OutputPermissions(folders, withoutExecute(folders));
        } catch (UnsupportedOperationException e) {
            return UNCHANGED;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the permissions of the inbox " + inbox + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * File permissions like those of an existing file, without execute bits: for a file that travels with it, such
     * as a signature beside the file it signs.
     */
    public static OutputPermissions likeFile(Path file) throws IOException {
        try {
            return new OutputPermissions(null, withoutExecute(Files.getPosixFilePermissions(file)));
        } catch (UnsupportedOperationException e) {
            return UNCHANGED;
        }
    }

    private static Set<PosixFilePermission> withoutExecute(Set<PosixFilePermission> mode) {
        Set<PosixFilePermission> files = EnumSet.copyOf(mode);
        files.removeAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE));
        return files;
    }

    /** Gives a file the output permissions; called on a temporary file before it is renamed into place. */
    public void applyToFile(Path file) throws IOException {
        if (files != null) {
            Files.setPosixFilePermissions(file, files);
        }
    }

    /** Gives a folder the gateway created the output permissions. */
    public void applyToFolder(Path folder) throws IOException {
        if (folders != null) {
            Files.setPosixFilePermissions(folder, folders);
        }
    }
}
