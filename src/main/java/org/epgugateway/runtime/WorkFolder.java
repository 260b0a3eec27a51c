package org.epgugateway.runtime;

import java.nio.file.Path;
import java.util.Optional;

import org.epgugateway.privacy.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work folder holds the spool copies of drops and the embedded store, both full of applicants' personal data:
 * the gateway creates it readable by its own user only, and warns about one that others can read. It does not
 * change the mode of a folder an operator made, since a deployment may share it on purpose (several instances).
 */
final class WorkFolder {

    private static final Logger LOG = LoggerFactory.getLogger(WorkFolder.class);

    private WorkFolder() {
    }

    /**
     * Creates the work folder owner-only, or warns once when an existing one is readable by group or others.
     *
     * @param sftpInbox whether SFTP downloads land in the work folder's {@code sftp-inbox}
     */
    static void prepare(Path work, boolean sftpInbox) {
        Path folder = work.toAbsolutePath().normalize();
        if (!OwnerOnly.createFolder(folder)) {
            Optional<String> loose = OwnerOnly.looseMode(folder);
            loose.ifPresent(mode -> LOG.warn("Work folder {} has mode {}: users other than the gateway's may read "
                    + "the spool copies of drops and the embedded store, which hold applicants' personal data; "
                    + "run: chmod 700 {}", folder, mode, shellWord(folder)));
        }
        if (sftpInbox) {
            // Camel downloads drops there before custody, with the process's default file mode
            OwnerOnly.ensureFolder(folder.resolve("sftp-inbox"));
        }
    }

    /** The path as one shell word, so the command can be pasted as it stands. */
    private static String shellWord(Path path) {
        String text = path.toString();
        return text.matches("[A-Za-z0-9_./:@%+=,-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
