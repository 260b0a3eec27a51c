package org.epgugateway.delivery;

import java.nio.file.Path;

/**
 * Where back-office systems read the gateway's answers: one folder per drop in the outbox and the dead-letter
 * folder. Every file appears whole (written under a temporary name, then renamed), whatever the transport.
 */
public interface Outbox {

    /**
     * Whether a drop folder name is already taken by something the store does not know about.
     */
    boolean folderInUse(String folder);

    /**
     * Replaces {@code <folder>/status.json}.
     */
    void writeStatus(String folder, byte[] statusJson);

    /**
     * Places one result file into {@code <folder>/}.
     */
    void writeResult(String folder, String fileName, Path source);

    /**
     * Places the original bytes of a drop and its {@code .error.json} into the dead-letter folder.
     */
    void writeDeadLetter(String fileName, Path original, byte[] errorJson);

    /**
     * Where this outbox writes, for logs and status files.
     */
    String describe();
}
