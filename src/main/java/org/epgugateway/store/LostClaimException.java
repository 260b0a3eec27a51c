package org.epgugateway.store;

/**
 * This instance no longer holds the claim on a drop (its lease ran out and another instance took it over), so it
 * must stop working on the drop without touching it further.
 */
public class LostClaimException extends RuntimeException {

    public LostClaimException(long dropId, String owner) {
        super("Drop " + dropId + " is no longer claimed by " + owner + ": its lease lapsed or the claim was given "
                + "back, so this step stops and leaves the drop to whoever holds it now");
    }
}
