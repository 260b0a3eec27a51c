package org.epgugateway.emulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The orders EPGU knows, their numbers, and the ids of status rows and files (EPGU's objectIds).
 */
final class OrderRegistry {

    private final Clock clock;
    private final AtomicLong orderIds;
    private final AtomicLong objectIds;
    private final Map<Long, Order> orders = new ConcurrentHashMap<>();
    private final Map<Long, Order> byHistoryId = new ConcurrentHashMap<>();

    OrderRegistry(Clock clock) {
        this.clock = clock;
        // ids derived from the start time: a restarted emulator does not repeat the numbers of an earlier run,
        // which a gateway may still keep in its store
        long tick = clock.millis() / 10;
        this.orderIds = new AtomicLong(2_000_000_000L + Math.floorMod(tick, 900_000_000L));
        this.objectIds = new AtomicLong(21_000_000_000L + Math.floorMod(tick, 900_000_000L) * 10);
    }

    /** Reserves a new order with a 10-digit number larger than every earlier one. */
    Order create(String subject, String region) {
        long historyId = nextObjectId();
        Order order = new Order(orderIds.incrementAndGet(), subject, region, clock.instant(), historyId);
        orders.put(order.id(), order);
        byHistoryId.put(historyId, order);
        return order;
    }

    Optional<Order> find(long orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    List<Order> all() {
        return new ArrayList<>(orders.values());
    }

    /** A new id for a status row or a file, never equal to an order number. */
    long nextObjectId() {
        return objectIds.incrementAndGet();
    }

    /** Makes an order findable by the id of one of its status rows (the objectId of a download). */
    void indexHistory(long historyId, Order order) {
        byHistoryId.put(historyId, order);
    }

    Optional<Order> findByHistoryId(long historyId) {
        return Optional.ofNullable(byHistoryId.get(historyId));
    }
}
