package org.epgugateway.pipeline;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.epgugateway.store.DropState;
import org.epgugateway.store.LostClaimException;
import org.epgugateway.store.OrderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claims this instance holds, kept alive for as long as their work runs.
 *
 * <p>A lease exists to hand a dead instance's work to another. A live worker whose step outlasts the lease — a slow
 * ESIA behind the token lock, a reservation or an upload EPGU holds — must not lose its claim half-way, or a second
 * worker would reserve and upload the same drop. So every claim is renewed every third of the lease until it is
 * given back, and only a stopped or cut-off process lets one lapse. All workers of an instance claim under one
 * owner name, so the store cannot tell them apart: this keeper never lets a second worker of the instance claim a
 * drop the first still works on.
 */
public final class ClaimKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimKeeper.class);

    private final OrderStore store;
    private final String owner;
    private final Duration lease;
    /** Drop id to the token of the exchange that holds it, so a late release cannot give back a newer claim. */
    private final Map<Long, Object> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewer;

    public ClaimKeeper(OrderStore store, String owner, Duration lease) {
        this.store = store;
        this.owner = owner;
        this.lease = lease;
        this.renewer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "claim-renewer");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, lease.toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewAll, period, period, TimeUnit.MILLISECONDS);
    }

    /** The name this instance's claims carry in the store. */
    public String owner() {
        return owner;
    }

    /**
     * Claims a drop for the exchange's work. The claim is given back when the exchange completes, however it ends,
     * so a step that fails before its own release never leaves a claim renewed for ever.
     *
     * @return true when the exchange now holds the drop
     */
    public boolean claim(Exchange exchange, long id, Set<DropState> states) {
        Object token = new Object();
        if (held.putIfAbsent(id, token) != null) {
            LOG.debug("Drop {} is already being worked on by this instance; not claimed a second time", id);
            return false;
        }
        boolean granted = false;
        try {
            granted = store.claim(id, states, owner, lease);
        } finally {
            if (!granted) {
                held.remove(id, token);
            }
        }
        if (!granted) {
            return false;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                giveBack(id, token);
            }
        });
        return true;
    }

    /** Gives the claim on a drop back, once its step has recorded what it did. */
    public void release(long id) {
        Object token = held.get(id);
        if (token != null) {
            giveBack(id, token);
        } else {
            store.release(id, owner);
        }
    }

    private void giveBack(long id, Object token) {
        // forgotten here first, so the renewer does not renew a claim the store no longer holds
        if (held.remove(id, token)) {
            store.release(id, owner);
        }
    }

    private void renewAll() {
        for (Long id : held.keySet()) {
            try {
                store.renew(id, owner, lease);
            } catch (LostClaimException e) {
                if (held.containsKey(id)) {
                    // the process was cut off from the store for longer than the lease; the store refuses this
                    // worker's next step, so it stops there
                    LOG.warn("Drop {}: the claim lapsed while it was being worked on (store unreachable for longer "
                            + "than gateway.claim-lease?); its next step will stop", id);
                }
            } catch (RuntimeException e) {
                LOG.warn("Cannot renew the claim on drop {}: {}; trying again in {} s", id, e.getMessage(),
                        Math.max(1, lease.toSeconds() / 3));
            }
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
    }
}
