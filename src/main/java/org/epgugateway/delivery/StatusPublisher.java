package org.epgugateway.delivery;

import org.epgugateway.store.DropRecord;
import org.epgugateway.store.OrderStore;

/**
 * Writes a drop's {@code status.json} from what the store holds, so the file always tells the committed truth.
 */
public final class StatusPublisher {

    private final OrderStore store;
    private final Outbox outbox;
    private final StatusDocuments documents;

    public StatusPublisher(OrderStore store, Outbox outbox, StatusDocuments documents) {
        this.store = store;
        this.outbox = outbox;
        this.documents = documents;
    }

    /**
     * Replaces the drop's {@code status.json} with its current state.
     *
     * @return the drop as published
     */
    public DropRecord publish(long dropId) {
        DropRecord drop = store.require(dropId);
        DropRecord first = drop.duplicateOf() == null ? null : store.find(drop.duplicateOf()).orElse(null);
        outbox.writeStatus(drop.folder(), documents.status(drop, first));
        return drop;
    }
}
