package org.epgugateway.emulator;

import java.util.Locale;

/**
 * What the agency answers an applicant, scripted per SNILS: it decides the final EPGU status of an order.
 */
public enum Outcome {
    /** Proceedings found: status 3 with an answer listing them. */
    FOUND("found", EpguStatus.SERVED),
    /** No proceedings: status 3 with an answer saying so. */
    NONE("none", EpguStatus.SERVED),
    /** The agency refuses: status 4. */
    REFUSED("refused", EpguStatus.REFUSED),
    /** EPGU cannot deliver the application: status 5. */
    DELIVERY_ERROR("delivery-error", EpguStatus.DELIVERY_ERROR),
    /** SMEV reports that the agency did not receive it: status 22. */
    SMEV_ERROR("smev-error", EpguStatus.SMEV_ERROR),
    /** The agency never answers: the order stays in status 2 and no result arrives. */
    NO_ANSWER("no-answer", EpguStatus.RECEIVED);

    private final String word;
    private final EpguStatus finalStatus;

    Outcome(String word, EpguStatus finalStatus) {
        this.word = word;
        this.finalStatus = finalStatus;
    }

    /**
     * Reads an outcome as written in the properties ({@code found}, {@code none}, {@code refused},
     * {@code delivery-error}, {@code smev-error}, {@code no-answer}).
     *
     * @throws IllegalArgumentException for any other word
     */
    public static Outcome fromWord(String word) {
        String wanted = word.trim().toLowerCase(Locale.ROOT);
        for (Outcome outcome : values()) {
            if (outcome.word.equals(wanted)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + word
                + "' (expected found, none, refused, delivery-error, smev-error or no-answer)");
    }

    /** The word used for this outcome in the properties. */
    public String word() {
        return word;
    }

    EpguStatus finalStatus() {
        return finalStatus;
    }

    boolean hasAnswer() {
        return finalStatus == EpguStatus.SERVED;
    }
}
