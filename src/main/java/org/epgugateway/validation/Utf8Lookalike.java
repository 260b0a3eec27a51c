package org.epgugateway.validation;

import java.util.OptionalInt;

/**
 * Tells UTF-8 bytes that were declared in a single-byte code page. Such a file decodes in that code page without a
 * single error — every UTF-8 Cyrillic letter becomes two letters, «Р°» for «а» — so only the pattern of its bytes
 * gives it away.
 *
 * <p>The rule: every byte above 0x7F belongs to a well-formed UTF-8 sequence, and at least one of those sequences
 * is a Cyrillic letter (lead byte 0xD0 or 0xD1). Genuine windows-1251 Russian never passes it: its letters are the
 * bytes 0xC0–0xFF, and two letters in a row, or a letter before a space or an ASCII character, are never well-formed
 * UTF-8.
 */
final class Utf8Lookalike {

    private Utf8Lookalike() {
    }

    /**
     * The offset of the first UTF-8 Cyrillic letter when the bytes look like UTF-8 by the rule above.
     */
    static OptionalInt firstCyrillicLetter(byte[] bytes) {
        int firstCyrillic = -1;
        int i = 0;
        while (i < bytes.length) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int length = sequenceLength(bytes, i);
            if (length == 0) {
                return OptionalInt.empty();
            }
            if (firstCyrillic < 0 && (lead == 0xD0 || lead == 0xD1)) {
                firstCyrillic = i;
            }
            i += length;
        }
        return firstCyrillic < 0 ? OptionalInt.empty() : OptionalInt.of(firstCyrillic);
    }

    /**
     * The length of the well-formed UTF-8 sequence starting at {@code at}, or 0 when there is none (the table of
     * well-formed byte sequences in the Unicode standard: no overlong forms, no surrogates, nothing above U+10FFFF).
     */
    private static int sequenceLength(byte[] bytes, int at) {
        int lead = bytes[at] & 0xFF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            return continues(bytes, at + 1, 0x80, 0xBF) ? 2 : 0;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            int low = lead == 0xE0 ? 0xA0 : 0x80;
            int high = lead == 0xED ? 0x9F : 0xBF;
            return continues(bytes, at + 1, low, high) && continues(bytes, at + 2, 0x80, 0xBF) ? 3 : 0;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            int low = lead == 0xF0 ? 0x90 : 0x80;
            int high = lead == 0xF4 ? 0x8F : 0xBF;
            return continues(bytes, at + 1, low, high) && continues(bytes, at + 2, 0x80, 0xBF)
                    && continues(bytes, at + 3, 0x80, 0xBF) ? 4 : 0;
        }
        return 0;
    }

    private static boolean continues(byte[] bytes, int at, int low, int high) {
        if (at >= bytes.length) {
            return false;
        }
        int b = bytes[at] & 0xFF;
        return b >= low && b <= high;
    }
}
