package org.epgugateway.pipeline;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.epgugateway.store.DropRecord;
import org.epgugateway.store.Failure;

/**
 * The bound on how long a submitted order is polled ({@code poll.max-age}): it is the only thing besides EPGU's
 * final answers that ends a submitted drop, so an order whose polls keep failing is not polled forever either.
 *
 * @param maxAge orders whose drop arrived longer ago than this are failed with {@code ORDER_TOO_OLD}
 */
public record OrderAge(Duration maxAge) {

    /** Whether the drop arrived longer ago than the bound. */
    public boolean isTooOld(DropRecord drop, OffsetDateTime now) {
        return now.isAfter(drop.receivedAt().plus(maxAge));
    }

    /**
     * The failure that ends a drop whose order is too old.
     *
     * @param lastSeen what the last poll learned, or why it failed, in words
     */
    public Failure tooOld(DropRecord drop, String lastSeen) {
        return new Failure("poll", "ORDER_TOO_OLD", "Order " + drop.orderId() + " has no final status "
                + describe(maxAge) + " after the drop arrived (poll.max-age); " + lastSeen);
    }

    private static String describe(Duration duration) {
        if (duration.toSeconds() % 3600 == 0) {
            return duration.toHours() + " hours";
        }
        if (duration.toSeconds() % 60 == 0) {
            return duration.toMinutes() + " minutes";
        }
        return duration.toSeconds() + " seconds";
    }
}
