package org.epgugateway.intake;

import java.util.Locale;

/**
 * Turns a drop's file name into the folder name the folder contract promises ({@code <base>.xml} →
 * {@code <base>}), made safe to use as a single path segment on any file system the outbox may live on.
 */
public final class DropNames {

    private static final int MAX_BASE_LENGTH = 200;

    private DropNames() {
    }

    /**
     * The base folder name for a drop file name: the name without its {@code .xml} extension, with characters that
     * are unsafe in a path segment replaced by {@code _}. Cyrillic letters and spaces are kept.
     *
     * @return a non-empty name that is neither {@code .} nor {@code ..} and contains no separator
     */
    public static String baseOf(String fileName) {
        String name = fileName;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".xml")) {
            name = name.substring(0, name.length() - 4);
        }
        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().forEach(c -> safe.appendCodePoint(isUnsafe(c) ? '_' : c));
        String base = safe.toString().strip();
        // a leading dot would hide the folder and ".." would climb out of the outbox
        while (base.startsWith(".")) {
            base = "_" + base.substring(1);
        }
        if (base.isEmpty()) {
            base = "drop";
        }
        return base.length() > MAX_BASE_LENGTH ? base.substring(0, MAX_BASE_LENGTH) : base;
    }

    /**
     * The extension the dead-letter copy keeps: {@code .xml} (as written) or nothing.
     */
    public static String extensionOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && fileName.substring(dot).equalsIgnoreCase(".xml") ? fileName.substring(dot) : "";
    }

    private static boolean isUnsafe(int c) {
        return c < 0x20 || c == 0x7f || "/\\:*?\"<>|~".indexOf(c) >= 0;
    }
}
