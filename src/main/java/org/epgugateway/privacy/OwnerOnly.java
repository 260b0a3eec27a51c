package org.epgugateway.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folders and files only the gateway's own user may open: the work folder, the spool and the embedded store hold
 * applicants' personal data. Folders are 0700 and files 0600 on POSIX file systems; elsewhere (a Windows share, a
 * FAT volume) there are no such modes and nothing is changed.
 */
public final class OwnerOnly {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);

    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /**
     * Creates the folder owner-only; missing parents get the default mode, since they may hold the inbox and the
     * outbox too. An existing folder keeps its mode.
     *
     * @return whether the folder was created now
     */
    public static boolean createFolder(Path folder) {
        if (Files.isDirectory(folder)) {
            return false;
        }
        try {
            Path parent = folder.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(folder, attributes(folder.toAbsolutePath().getParent(), FOLDER));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(folder)) {
                throw new UncheckedIOException("Cannot create the folder " + folder + ": a file of that name exists",
                        e);
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder " + folder + ": " + e.getMessage(), e);
        }
        // the process umask may have taken bits off the requested mode; never added any, but say it exactly
        restrict(folder, FOLDER);
        return true;
    }

    /**
     * Creates the folder owner-only, or makes an existing one owner-only: for the gateway's own folders inside the
     * work folder, which nobody else has reason to open.
     */
    public static void ensureFolder(Path folder) {
        if (!createFolder(folder)) {
            restrict(folder, FOLDER);
        }
    }

    /**
     * Creates an empty owner-only file; fails when the file exists, as {@code CREATE_NEW} does.
     */
    public static void createFile(Path file) throws IOException {
        Files.createFile(file, attributes(file.toAbsolutePath().getParent(), FILE));
        restrict(file, FILE);
    }

    /** Makes an existing file owner-only. */
    public static void restrictFile(Path file) {
        restrict(file, FILE);
    }

    /**
     * The folder's mode when group or others may read it, for a warning; empty when they may not, or when the file
     * system has no POSIX modes.
     */
    public static Optional<String> looseMode(Path folder) {
        if (!isPosix(folder)) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(folder);
            if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
                return Optional.of(octal(mode) + " (" + PosixFilePermissions.toString(mode) + ")");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the file system of the path (or of its nearest existing parent) has POSIX modes. */
    public static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void restrict(Path path, Set<PosixFilePermission> mode) {
        if (!isPosix(path)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(path, mode);
        } catch (UnsupportedOperationException e) {
            // a mount without modes inside a POSIX file system: nothing to set
        } catch (IOException e) {
            // a mount that refuses modes (vfat, some network shares) must not stop the gateway; say what stays open
            LOG.warn("Cannot make {} readable by the gateway's user only ({}); it holds applicants' personal data: "
                    + "put gateway.work on a file system with POSIX modes", path, e.getMessage());
        }
    }

    private static FileAttribute<?>[] attributes(Path parent, Set<PosixFilePermission> mode) {
        if (parent == null || !isPosix(parent)) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)};
    }

    private static String octal(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission permission : mode) {
            bits |= 1 << (8 - permission.ordinal());
        }
        return String.format("%04o", bits);
    }
}
