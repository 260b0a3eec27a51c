package org.epgugateway.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * EPGU's limit of 20 orders per service per user within 10 minutes, as a sliding window.
 */
final class OrderLimit {

    static final int MAX_ORDERS = 20;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final Map<String, Deque<Instant>> recent = new HashMap<>();

    /** Counts an order of this user for this service, unless the limit is reached. */
    synchronized boolean tryAcquire(String subject, String serviceCode, Instant now) {
        Deque<Instant> times = recent.computeIfAbsent(subject + "|" + serviceCode, key -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
            times.removeFirst();
        }
        if (times.size() >= MAX_ORDERS) {
            return false;
        }
        times.addLast(now);
        return true;
    }
}
