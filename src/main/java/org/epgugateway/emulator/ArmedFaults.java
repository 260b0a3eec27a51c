package org.epgugateway.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Faults a test arms while the emulator runs: the next requests to an endpoint, or the next requests about one
 * order, get an injected answer, a timeout or a reset.
 */
final class ArmedFaults {

    /**
     * What an armed fault does to one request, and how the journal counts it.
     */
    record Shot(FaultKind kind, GateDecision decision) {
    }

    /** A shot and how many more requests it hits. */
    private static final class Armed {
        final Shot shot;
        int remaining;

        Armed(Shot shot, int remaining) {
            this.shot = shot;
            this.remaining = remaining;
        }
    }

    private record OrderKey(long orderId, Endpoint endpoint) {
    }

    private final Map<Endpoint, Deque<Armed>> byEndpoint = new EnumMap<>(Endpoint.class);
    private final Map<OrderKey, Armed> byOrder = new HashMap<>();

    /** Arms a shot for the next {@code count} requests to the endpoint, after the shots armed before it. */
    synchronized void arm(Endpoint endpoint, Shot shot, int count) {
        byEndpoint.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).addLast(new Armed(shot, count));
    }

    /** Arms a shot for the next {@code count} requests about the order to the endpoint; replaces an earlier one. */
    synchronized void armForOrder(long orderId, Endpoint endpoint, Shot shot, int count) {
        byOrder.put(new OrderKey(orderId, endpoint), new Armed(shot, count));
    }

    /** Takes the next shot armed for the endpoint, if any. */
    synchronized Optional<Shot> take(Endpoint endpoint) {
        Deque<Armed> queue = byEndpoint.get(endpoint);
        if (queue == null || queue.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(fire(queue.peekFirst(), queue::removeFirst));
    }

    /** Takes the next shot armed for the order at the endpoint, if any. */
    synchronized Optional<Shot> takeForOrder(long orderId, Endpoint endpoint) {
        OrderKey key = new OrderKey(orderId, endpoint);
        Armed armed = byOrder.get(key);
        if (armed == null) {
            return Optional.empty();
        }
        return Optional.of(fire(armed, () -> byOrder.remove(key)));
    }

    synchronized void clear() {
        byEndpoint.clear();
        byOrder.clear();
    }

    private static Shot fire(Armed armed, Runnable spent) {
        armed.remaining--;
        if (armed.remaining <= 0) {
            spent.run();
        }
        return armed.shot;
    }
}
