package org.epgugateway.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.epgugateway.privacy.OwnerOnly;

/**
 * The work folder's spool: the gateway's own copies of drops and of the archives built from them. They carry
 * applicants' personal data, so the spool and everything the gateway puts in it are readable by its user only.
 */
public final class Spool {

    private final Path folder;

    public Spool(Path workFolder) {
        this.folder = workFolder.resolve("spool");
        try {
            OwnerOnly.createFolder(workFolder);
            // a spool left by an older version may be open to others; it is the gateway's own, so it is tightened
            OwnerOnly.ensureFolder(folder);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("Cannot create the spool folder " + folder + ": " + e.getMessage(),
                    e.getCause());
        }
    }

    /**
     * Creates an empty spool file readable by the gateway's user only, to be written next.
     *
     * @throws java.nio.file.FileAlreadyExistsException when it exists
     */
    public Path createFile(String name) throws IOException {
        Path file = file(name);
        OwnerOnly.createFile(file);
        return file;
    }

    /** Makes a file the spool received from elsewhere (an archive packed beside it) readable by its owner only. */
    public void restrict(Path file) {
        OwnerOnly.restrictFile(file);
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

    /** Creates the answer's scratch folder, readable by the gateway's user only. */
    public Path createAnswerFolder(long dropId) {
        Path answer = answerFolder(dropId);
        OwnerOnly.ensureFolder(answer);
        return answer;
    }

    /** The folder of kept uploaded archives, created readable by the gateway's user only. */
    public Path createSentFolder() {
        Path sent = folder.resolveSibling("sent");
        OwnerOnly.ensureFolder(sent);
        return sent;
    }
}
