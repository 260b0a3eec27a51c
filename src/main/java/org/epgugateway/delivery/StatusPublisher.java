package org.epgugateway.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

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
    private static final Pattern TEMPORARY_NAME = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

    private final OrderStore store;
    private final Outbox outbox;
    private final StatusDocuments documents;
    /** The last problem reported for each drop whose status.json could not be written. */
    private final Map<Long, String> failing = new ConcurrentHashMap<>();

    public StatusPublisher(OrderStore store, Outbox outbox, StatusDocuments documents) {
        this.store = store;
        this.outbox = outbox;
        this.documents = documents;
    }

    /**
     * Replaces the drop's {@code status.json} with its current state. A file that cannot be written (the outbox
     * folder gone, full or unreachable) does not stop the drop: it is written by {@link #publishLagging} later.
     *
     * @return the drop as published
     */
    public DropRecord publish(long dropId) {
        long version = store.version(dropId);
        DropRecord drop = store.require(dropId);
        DropRecord first = drop.duplicateOf() == null ? null : store.find(drop.duplicateOf()).orElse(null);
        try {
            outbox.writeStatus(drop.folder(), documents.status(drop, first));
        } catch (RuntimeException e) {
            // the store holds the truth and the drop goes on; the file stays marked as lagging, so the sweep writes
            // it once the outbox takes it again, and the operator reads of the problem once, not at every sweep
            String problem = String.valueOf(e.getMessage());
            // the same problem with another temporary file name is no news
            String kind = TEMPORARY_NAME.matcher(problem).replaceAll("*");
            if (!kind.equals(failing.put(dropId, kind))) {
                LOG.warn("Drop {}: cannot write its status.json: {}; the drop goes on, and the file is written as "
                        + "soon as the outbox accepts it", drop.folder(), problem);
            }
            return drop;
        }
        if (failing.remove(dropId) != null) {
            LOG.info("Drop {}: status.json written again", drop.folder());
        }
        store.markPublished(dropId, version);
        return drop;
    }

    /**
     * Writes the status.json files that lag behind the store, which happens when the process stopped between a
     * commit and its file, or when the outbox refused the file.
     *
     * @return how many were written
     */
    public int publishLagging() {
        int written = 0;
        for (long id : store.findUnpublished(LAGGING_BATCH)) {
            publish(id);
            written += failing.containsKey(id) ? 0 : 1;
        }
        if (written > 0) {
            LOG.info("Brought {} status.json files up to date with the store", written);
        }
        return written;
    }
}
