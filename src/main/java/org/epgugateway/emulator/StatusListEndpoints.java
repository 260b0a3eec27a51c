package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The status lists: statuses of listed orders (E6) and of orders changed after a moment (E7), with zero-based
 * pages and offset-less times in the configured zone.
 */
final class StatusListEndpoints {

    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    private final OrderRegistry registry;
    private final StatusTimeline timeline;
    private final ZoneId zone;
    private final Clock clock;

    StatusListEndpoints(OrderRegistry registry, StatusTimeline timeline, ZoneId zone, Clock clock) {
        this.registry = registry;
        this.timeline = timeline;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * E6: {@code orderIds} (comma-separated, or repeated); unknown ids are listed as NOT_FOUND with a null status.
     */
    HttpReply ordersStatus(EmulatorRequest request) {
        // Limitation: both lists cover every order of the emulator, as if every token came from the one
        // information system (one client_id) it knows; another subject's order is FOUND here although E4 refuses it
        String orderIds = String.join(",", request.queryParameters("orderIds"));
        if (orderIds.isBlank()) {
            throw ApiException.badRequest("orderIds is required");
        }
        List<Long> ids = new ArrayList<>();
        for (String id : orderIds.split(",")) {
            try {
                ids.add(Long.parseLong(id.trim()));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("orderIds holds '" + id + "', which is not an order number");
            }
        }
        Instant now = clock.instant();
        List<ObjectNode> entries = new ArrayList<>();
        for (long id : ids) {
            Optional<Order> order = registry.find(id);
            entries.add(order.map(found -> entry(found, timeline.at(found, now))).orElseGet(() -> notFound(id)));
        }
        return page(request, entries);
    }

    /** E7: orders whose last status is later than {@code updatedAfter}, oldest change first. */
    HttpReply updatedAfter(EmulatorRequest request) {
        Instant after = moment(request.queryParameter("updatedAfter"));
        Instant now = clock.instant();
        record Changed(Order order, StatusTimeline.Progress progress) {
        }
        List<ObjectNode> entries = registry.all().stream()
                .map(order -> new Changed(order, timeline.at(order, now)))
                .filter(changed -> changed.progress().current().date().isAfter(after))
                .sorted(Comparator.comparing((Changed changed) -> changed.progress().current().date())
                        .thenComparing(changed -> changed.order().id()))
                .map(changed -> entry(changed.order(), changed.progress()))
                .toList();
        return page(request, entries);
    }

    private Instant moment(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            throw ApiException.badRequest("updatedAfter is required");
        }
        // an offset sent with an unencoded '+' arrives as a space
        String text = parameter.trim().replace(' ', '+');
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("updatedAfter '" + text + "' is not YYYY-MM-DDTHH:mm:ss.SSS");
            }
        }
    }

    private ObjectNode entry(Order order, StatusTimeline.Progress progress) {
        ObjectNode entry = Json.object();
        entry.put("orderId", order.id());
        entry.put("orderSearchStatus", "FOUND");
        ObjectNode status = entry.putObject("status");
        status.put("statusId", progress.current().status().id());
        status.put("statusName", progress.current().status().title());
        status.put("updated", UPDATED.format(progress.current().date().atZone(zone)));
        return entry;
    }

    private static ObjectNode notFound(long orderId) {
        ObjectNode entry = Json.object();
        entry.put("orderId", orderId);
        entry.put("orderSearchStatus", "NOT_FOUND");
        entry.putNull("status");
        return entry;
    }

    private static HttpReply page(EmulatorRequest request, List<ObjectNode> entries) {
        int pageNum = number(request, "pageNum", 0, 0);
        int pageSize = number(request, "pageSize", DEFAULT_PAGE_SIZE, 1);
        long from = Math.min((long) pageNum * pageSize, entries.size());
        long to = Math.min(from + pageSize, entries.size());
        List<ObjectNode> content = entries.subList((int) from, (int) to);
        ObjectNode reply = Json.object();
        reply.put("count", content.size());
        reply.put("totalCount", entries.size());
        ArrayNode array = reply.putArray("content");
        content.forEach(array::add);
        return HttpReply.json(200, reply);
    }

    private static int number(EmulatorRequest request, String name, int absent, int minimum) {
        String text = request.queryParameter(name);
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below like a number out of range
        }
        throw ApiException.badRequest(name + " must be a whole number of at least " + minimum + ", was " + text);
    }
}
