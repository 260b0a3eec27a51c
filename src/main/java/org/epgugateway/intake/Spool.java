package org.epgugateway.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The work folder's spool: the gateway's own copies of drops and of the archives built from them.
 */
public final class Spool {

    private final Path folder;

    public Spool(Path workFolder) {
        this.folder = workFolder.resolve("spool");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the spool folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The path of a spool file by its name. */
    public Path file(String name) {
        return folder.resolve(name);
    }

    /** Where the archive uploaded for one order of a drop is kept, so a resumed upload sends the same bytes. */
    public Path archive(long dropId, long orderId) {
        return folder.resolve("drop-" + dropId + "-order-" + orderId + ".zip");
    }

    /**
     * Where an uploaded archive is kept when operators asked to keep what was sent.
     */
    public Path sentArchive(String dropFolder, long orderId) {
        return folder.resolveSibling("sent").resolve(dropFolder + "-" + orderId + ".zip");
    }

    /**
     * Removes a drop's custody copy once the drop reached a final state; the outbox or the dead-letter folder now
     * holds what matters.
     */
    public void discard(String spoolName) {
        try {
            Files.deleteIfExists(file(spoolName));
        } catch (IOException e) {
            // a leftover copy wastes space but harms nothing; the next start does not read it
        }
    }

    /** A scratch folder for one drop's answer while it is checked and unpacked. */
    public Path answerFolder(long dropId) {
        return folder.resolve("answer-" + dropId);
    }
}
