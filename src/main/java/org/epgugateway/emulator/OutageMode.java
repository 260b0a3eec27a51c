package org.epgugateway.emulator;

import java.util.Locale;

/**
 * How ESIA's token service behaves while it is down.
 */
public enum OutageMode {
    /** Token requests are answered 503 with a proxy's HTML page. */
    UNAVAILABLE("unavailable"),
    /** Token requests get no answer: the connection is dropped. */
    RESET("reset");

    private final String word;

    OutageMode(String word) {
        this.word = word;
    }

    /**
     * Reads a mode as written in the settings: {@code unavailable} or {@code reset}.
     *
     * @throws IllegalArgumentException for any other word
     */
    public static OutageMode fromWord(String word) {
        String wanted = word.trim().toLowerCase(Locale.ROOT);
        for (OutageMode mode : values()) {
            if (mode.word.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown outage mode '" + word + "' (expected unavailable or reset)");
    }

    /** The word used for this mode in the settings. */
    public String word() {
        return word;
    }
}
