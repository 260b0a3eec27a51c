package org.epgugateway.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * EPGU's one-day memory of service 60010153: after a successful application, the same user on the same side
 * gets the first answer again for 24 hours.
 */
final class AnswerCache {

    private static final Duration LIFETIME = Duration.ofHours(24);

    /** A remembered answer and the moment its order reached status 3. */
    private record Entry(byte[] zip, Instant readyAt) {

        boolean servesAt(Instant now) {
            return !readyAt.isAfter(now) && now.isBefore(readyAt.plus(LIFETIME));
        }

        boolean outlived(Instant now) {
            return !now.isBefore(readyAt.plus(LIFETIME));
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();

    /** The first answer of this subject and side, if its order reached status 3 less than 24 hours ago. */
    synchronized Optional<byte[]> lookup(String subject, String side, Instant now) {
        Entry entry = entries.get(key(subject, side));
        return entry != null && entry.servesAt(now) ? Optional.of(entry.zip()) : Optional.empty();
    }

    /** Remembers an answer unless an earlier one of the same subject and side is still remembered. */
    synchronized void remember(String subject, String side, byte[] zip, Instant readyAt) {
        Entry earlier = entries.get(key(subject, side));
        if (earlier == null || earlier.outlived(readyAt)) {
            entries.put(key(subject, side), new Entry(zip, readyAt));
        }
    }

    private static String key(String subject, String side) {
        return subject + "|" + side;
    }
}
