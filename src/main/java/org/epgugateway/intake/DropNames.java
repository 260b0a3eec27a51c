package org.epgugateway.intake;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns a drop's file name into the folder name the folder contract promises ({@code <base>.xml} →
 * {@code <base>}), made safe to use as a single path segment on any file system the outbox may live on.
 */
public final class DropNames {

    /**
     * Most file systems allow 255 bytes per name. The longest name built from a folder name is the temporary file
     * beside a dead letter: {@code .<base>~NNNN.xml.error.json.<uuid>.tmp}, 62 bytes more than the base; the rest
     * leaves room for longer {@code ~N} suffixes. Counted in UTF-8 bytes, because a Cyrillic letter takes two.
     */
    static final int MAX_BASE_BYTES = 180;

    private DropNames() {
    }

    /**
     * The base folder name for a drop file name: the name without its {@code .xml} extension, with characters that
     * are unsafe in a path segment replaced by {@code _}. Cyrillic letters and spaces are kept.
     *
     * @return a non-empty name of at most {@value #MAX_BASE_BYTES} UTF-8 bytes that is neither {@code .} nor
     *     {@code ..} and contains no separator
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
        return withinBudget(base);
    }

    /** Cuts a name to {@link #MAX_BASE_BYTES} UTF-8 bytes at a whole character, never inside one. */
    private static String withinBudget(String base) {
        if (base.getBytes(StandardCharsets.UTF_8).length <= MAX_BASE_BYTES) {
            return base;
        }
        StringBuilder cut = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < base.length(); ) {
            int c = base.codePointAt(i);
            int size = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_BASE_BYTES) {
                break;
            }
            cut.appendCodePoint(c);
            bytes += size;
            i += Character.charCount(c);
        }
        return cut.toString().strip();
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
