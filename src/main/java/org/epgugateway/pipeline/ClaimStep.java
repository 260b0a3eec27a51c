package org.epgugateway.pipeline;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.epgugateway.store.DropRecord;
import org.epgugateway.store.DropState;
import org.epgugateway.store.OrderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route bean that claims drops for this instance before they are worked on, and finds drops that wait for work
 * (new, due for a retry, or left behind by a crashed instance whose lease ran out).
 */
public final class ClaimStep {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimStep.class);

    private final OrderStore store;
    private final ClaimKeeper claims;
    private final int batchSize;
    /** Drops waiting in this instance's queue, so a sweep does not queue them a second time. */
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();

    public ClaimStep(OrderStore store, ClaimKeeper claims, int batchSize) {
        this.store = store;
        this.claims = claims;
        this.batchSize = batchSize;
    }

    /**
     * Claims the drop whose id is the body; sets {@value Headers#CLAIMED} and {@value Headers#STATE}. A drop queued
     * twice (by intake and by a sweep that saw it just before) is claimed once: neither the store nor the keeper
     * grants a claim that is held, not even to the same instance.
     */
    public void claim(Exchange exchange) {
        long id = exchange.getMessage().getBody(Long.class);
        queued.remove(id);
        exchange.getMessage().setHeader(Headers.DROP_ID, id);
        boolean claimed = claims.claim(exchange, id, DropState.BEFORE_SUBMISSION);
        exchange.getMessage().setHeader(Headers.CLAIMED, claimed);
        if (claimed) {
            DropRecord drop = store.require(id);
            exchange.getMessage().setHeader(Headers.STATE, drop.state().name());
            LOG.debug("Drop {} ({}) claimed in state {}", drop.folder(), id, drop.state());
        }
    }

    public void release(Exchange exchange) {
        claims.release(Headers.dropId(exchange));
    }

    /**
     * Notes that the drop whose id is the body is being queued.
     */
    public void queued(Exchange exchange) {
        queued.add(exchange.getMessage().getBody(Long.class));
    }

    /**
     * Ids of drops before submission that wait for work, that no live instance holds and that are not already in
     * this instance's queue; they are noted as queued.
     */
    public List<Long> due() {
        List<Long> due = store.findDue(DropState.BEFORE_SUBMISSION, batchSize).stream()
                .filter(queued::add)
                .toList();
        if (!due.isEmpty()) {
            LOG.debug("Requeueing {} drops that wait for work", due.size());
        }
        return due;
    }
}
