package org.epgugateway.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known key a misspelled one most likely meant, for messages that name it.
 */
public final class NearestKey {

    /** More edits than this and a guess would mislead more often than help. */
    private static final int MOST_EDITS = 3;

    private NearestKey() {
    }

    /**
     * The candidate closest to the given key by edit distance (case ignored), when it is an obvious choice: close
     * enough and strictly closer than every other candidate.
     *
     * @return the candidate; empty when none is obvious
     */
    public static Optional<String> among(String key, Collection<String> candidates) {
        String wanted = key.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (String candidate : candidates) {
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
                tie = false;
            } else if (distance == bestDistance) {
                tie = true;
            }
        }
        // a short key within three edits of a candidate may be anything at all
        int allowed = Math.min(MOST_EDITS, Math.max(1, wanted.length() / 4));
        if (best == null || tie || bestDistance == 0 || bestDistance > allowed) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    // Visible for testing
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
