package org.epgugateway.archive;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules for names of files that sit directly in a folder, shared by the writer and the extractor.
 */
final class EntryNames {

    /** Longest name most file systems accept. */
    static final int MAX_LENGTH = 255;

    private static final int SHOWN_LENGTH = 120;

    // Windows opens a device instead of a file for these names, whatever the extension
    private static final Pattern WINDOWS_DEVICE =
            Pattern.compile("(?i)(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\\..*)?");

    // ':' also covers drive letters and NTFS alternate streams
    private static final String WINDOWS_FORBIDDEN = "<>:\"|?*";

    private EntryNames() {
    }

    /**
     * Says why a name cannot name a plain file directly inside a folder on common file systems.
     *
     * @param name the name to judge; must not be null
     * @return the problem as the end of a sentence ("is empty", ...), or empty when the name is fine
     */
    static Optional<String> fileNameProblem(String name) {
        if (name.isEmpty()) {
            return Optional.of("is empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.of("contains a path separator");
        }
        if (name.chars().allMatch(c -> c == '.')) {
            return Optional.of("consists of dots only");
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("contains a control character");
        }
        if (name.chars().anyMatch(c -> WINDOWS_FORBIDDEN.indexOf(c) >= 0)) {
            return Optional.of("contains one of the characters " + WINDOWS_FORBIDDEN);
        }
        if (name.endsWith(".") || name.endsWith(" ")) {
            return Optional.of("ends with a dot or a space");
        }
        if (WINDOWS_DEVICE.matcher(name).matches()) {
            return Optional.of("is a reserved device name on Windows");
        }
        return Optional.empty();
    }

    /**
     * Quotes a name from an untrusted source so that it can go into a message or a log line: control
     * characters are escaped and long names are cut.
     */
    static String quoted(String name) {
        StringBuilder shown = new StringBuilder("'");
        int end = Math.min(name.length(), SHOWN_LENGTH);
        for (int i = 0; i < end; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        if (name.length() > SHOWN_LENGTH) {
            shown.append("...");
        }
        return shown.append('\'').toString();
    }
}
