package org.epgugateway.emulator;

import java.util.Locale;

/**
 * The state ESIA keeps for an API key; blocked and expired keys are refused with their ESIA codes.
 */
public enum ApiKeyState {
    ACTIVE,
    BLOCKED,
    EXPIRED;

    /**
     * Reads a state as written in {@code emulator.api-keys} ({@code active}, {@code blocked}, {@code expired}).
     *
     * @throws IllegalArgumentException for any other word
     */
    public static ApiKeyState fromWord(String word) {
        for (ApiKeyState state : values()) {
            if (state.name().toLowerCase(Locale.ROOT).equals(word.trim().toLowerCase(Locale.ROOT))) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown API key state '" + word
                + "' (expected active, blocked or expired)");
    }
}
