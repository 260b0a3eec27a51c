package org.epgugateway.delivery;

import java.util.List;

import org.epgugateway.store.DropRecord;
import org.epgugateway.store.OrderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a drop's {@code status.json} from what the store holds, so the file always tells the committed truth.
 */
public final class StatusPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);
    private static final int LAGGING_BATCH = 500;

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
        long version = store.version(dropId);
        DropRecord drop = store.require(dropId);
        DropRecord first = drop.duplicateOf() == null ? null : store.find(drop.duplicateOf()).orElse(null);
        outbox.writeStatus(drop.folder(), documents.status(drop, first));
        store.markPublished(dropId, version);
        return drop;
    }

    /**
     * Writes the status.json files that lag behind the store, which happens when the process stopped between a
     * commit and its file.
     *
     * @return how many were written
     */
    public int publishLagging() {
        List<Long> lagging = store.findUnpublished(LAGGING_BATCH);
        for (long id : lagging) {
            publish(id);
        }
        if (!lagging.isEmpty()) {
            LOG.info("Brought {} status.json files up to date with the store", lagging.size());
        }
        return lagging.size();
    }
}
