package org.epgugateway.emulator;

import java.util.List;

/**
 * The verdict of the gu-smev checks on an uploaded archive.
 *
 * @param code    {@code DONE} or the final gu-smev error code
 * @param message why the checks failed; null when they passed
 * @param facts   what the business file says, or null when it could not be read
 * @param files   the files of the archive with their sizes
 */
record Inspection(String code, String message, ApplicationFacts facts, List<ArchivedFile> files) {

    /**
     * One file of an uploaded archive.
     *
     * @param name the entry name
     * @param size its uncompressed size in bytes
     */
    record ArchivedFile(String name, long size) {
    }

    boolean passed() {
        return ArchiveInspector.DONE.equals(code);
    }
}
