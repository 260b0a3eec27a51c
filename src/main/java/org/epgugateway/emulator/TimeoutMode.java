package org.epgugateway.emulator;

import java.util.Locale;

/**
 * What a timeout loses: the request, so that nothing happens, or only the answer, after the endpoint did its work.
 */
public enum TimeoutMode {
    /** The request is lost on its way: the endpoint never runs. */
    REQUEST_LOST("request"),
    /** The endpoint runs and changes state, but its answer is lost. */
    ANSWER_LOST("answer");

    private final String word;

    TimeoutMode(String word) {
        this.word = word;
    }

    /**
     * Reads a mode as written in the settings: {@code request} or {@code answer}.
     *
     * @throws IllegalArgumentException for any other word
     */
    public static TimeoutMode fromWord(String word) {
        String wanted = word.trim().toLowerCase(Locale.ROOT);
        for (TimeoutMode mode : values()) {
            if (mode.word.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown timeout mode '" + word + "' (expected request or answer)");
    }

    /** The word used for this mode in the settings. */
    public String word() {
        return word;
    }
}
