package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the emulator received and answered, for tests and scripts: orders with their upload parts and final
 * gu-smev codes, counts per business key, requests per endpoint, and the faults it injected.
 */
public final class EmulatorJournal {

    /**
     * One upload part as received.
     *
     * @param chunk  the {@code chunk} field as sent, or null when absent
     * @param chunks the {@code chunks} field as sent, or null when absent
     * @param size   the size of the {@code file} part in bytes (0 when there was none)
     * @param at     when it arrived
     * @param status the HTTP status answered
     * @param note   why it was refused, or what is worth knowing about it; null when nothing
     */
    public record Part(Integer chunk, Integer chunks, long size, Instant at, int status, String note) {
    }

    /**
     * One order as the emulator saw it.
     *
     * @param orderId     the order number
     * @param subject     the ESIA subject that reserved it
     * @param createdAt   when it was reserved
     * @param businessKey {@code serviceCode|AuthorSnils|TrusteeOGRN|ComplainerType}; null until an upload named it
     * @param parts       the upload parts in arrival order
     * @param finalCode   the final gu-smev code ({@code DONE} or an error); null until the upload completed
     * @param warnings    what the emulator tolerated although the contract disagrees
     */
    public record Order(long orderId, String subject, Instant createdAt, String businessKey, List<Part> parts,
                        String finalCode, List<String> warnings) {
    }

    private final Map<Long, Order> orders = new LinkedHashMap<>();
    private final Map<String, Integer> ordersByBusinessKey = new TreeMap<>();
    private final Map<String, Integer> completedUploadsByBusinessKey = new TreeMap<>();
    private final Map<Endpoint, Map<Integer, Integer>> responses = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Integer> unanswered = new EnumMap<>(Endpoint.class);
    private final Map<FaultKind, Integer> faults = new EnumMap<>(FaultKind.class);
    private final Map<Endpoint, Map<FaultKind, Integer>> faultsByEndpoint = new EnumMap<>(Endpoint.class);

    EmulatorJournal() {
    }

    /** The order with this number, if it was reserved. */
    public synchronized Optional<Order> order(long orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    /** Every reserved order, oldest first. */
    public synchronized List<Order> orders() {
        return List.copyOf(orders.values());
    }

    /** How many orders had an upload that named this business key, whatever the checks said. */
    public synchronized int ordersFor(String businessKey) {
        return ordersByBusinessKey.getOrDefault(businessKey, 0);
    }

    /** How many uploads with this business key passed the gu-smev checks and went on to the agency. */
    public synchronized int completedUploadsFor(String businessKey) {
        return completedUploadsByBusinessKey.getOrDefault(businessKey, 0);
    }

    /** How many requests reached this endpoint, answered or not. */
    public synchronized int requests(Endpoint endpoint) {
        return responses.getOrDefault(endpoint, Map.of()).values().stream().mapToInt(Integer::intValue).sum()
                + unanswered(endpoint);
    }

    /** How many requests to this endpoint got no answer: held until the client gave up, or reset. */
    public synchronized int unanswered(Endpoint endpoint) {
        return unanswered.getOrDefault(endpoint, 0);
    }

    /** How many faults of this kind were injected. */
    public synchronized int faults(FaultKind kind) {
        return faults.getOrDefault(kind, 0);
    }

    /** How many faults of this kind were injected into requests to this endpoint. */
    public synchronized int faults(FaultKind kind, Endpoint endpoint) {
        return faultsByEndpoint.getOrDefault(endpoint, Map.of()).getOrDefault(kind, 0);
    }

    /** Every kind of fault injected so far, with its count. */
    public synchronized Map<FaultKind, Integer> faults() {
        return Map.copyOf(faults);
    }

    /** How many requests to this endpoint were answered with this HTTP status. */
    public synchronized int responses(Endpoint endpoint, int status) {
        return responses.getOrDefault(endpoint, Map.of()).getOrDefault(status, 0);
    }

    // ---- recording, used by the endpoints ------------------------------------------------------------------

    synchronized void recordRequest(Endpoint endpoint, int status) {
        responses.computeIfAbsent(endpoint, e -> new TreeMap<>()).merge(status, 1, Integer::sum);
    }

    synchronized void recordUnanswered(Endpoint endpoint) {
        unanswered.merge(endpoint, 1, Integer::sum);
    }

    /** Counts an injected fault; the endpoint is null for faults in answers, which no single request causes. */
    synchronized void recordFault(FaultKind kind, Endpoint endpoint) {
        faults.merge(kind, 1, Integer::sum);
        if (endpoint != null) {
            faultsByEndpoint.computeIfAbsent(endpoint, e -> new EnumMap<>(FaultKind.class))
                    .merge(kind, 1, Integer::sum);
        }
    }

    synchronized void recordOrder(long orderId, String subject, Instant createdAt) {
        orders.put(orderId, new Order(orderId, subject, createdAt, null, List.of(), null, List.of()));
    }

    synchronized void recordPart(long orderId, Part part) {
        orders.computeIfPresent(orderId, (id, order) -> new Order(id, order.subject(), order.createdAt(),
                order.businessKey(), append(order.parts(), part), order.finalCode(), order.warnings()));
    }

    synchronized void recordWarning(long orderId, String warning) {
        orders.computeIfPresent(orderId, (id, order) -> new Order(id, order.subject(), order.createdAt(),
                order.businessKey(), order.parts(), order.finalCode(), append(order.warnings(), warning)));
    }

    synchronized void recordUpload(long orderId, String businessKey, String finalCode) {
        orders.computeIfPresent(orderId, (id, order) -> new Order(id, order.subject(), order.createdAt(),
                businessKey, order.parts(), finalCode, order.warnings()));
        if (businessKey != null) {
            ordersByBusinessKey.merge(businessKey, 1, Integer::sum);
            if (ArchiveInspector.DONE.equals(finalCode)) {
                completedUploadsByBusinessKey.merge(businessKey, 1, Integer::sum);
            }
        }
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> longer = new ArrayList<>(list);
        longer.add(item);
        return List.copyOf(longer);
    }

    /** The whole journal as JSON, served under {@code /emulator/journal}. */
    synchronized ObjectNode toJson() {
        ObjectNode json = Json.object();
        ArrayNode orderList = json.putArray("orders");
        for (Order order : orders.values()) {
            ObjectNode item = orderList.addObject();
            item.put("orderId", order.orderId());
            item.put("subject", order.subject());
            item.put("createdAt", order.createdAt().toString());
            item.put("businessKey", order.businessKey());
            item.put("finalCode", order.finalCode());
            ArrayNode parts = item.putArray("parts");
            for (Part part : order.parts()) {
                ObjectNode partJson = parts.addObject();
                partJson.put("chunk", part.chunk());
                partJson.put("chunks", part.chunks());
                partJson.put("size", part.size());
                partJson.put("at", part.at().toString());
                partJson.put("status", part.status());
                partJson.put("note", part.note());
            }
            ArrayNode warnings = item.putArray("warnings");
            order.warnings().forEach(warnings::add);
        }
        ObjectNode byKey = json.putObject("ordersByBusinessKey");
        ordersByBusinessKey.forEach(byKey::put);
        ObjectNode completed = json.putObject("completedUploadsByBusinessKey");
        completedUploadsByBusinessKey.forEach(completed::put);
        ObjectNode requests = json.putObject("requests");
        responses.forEach((endpoint, byStatus) -> {
            ObjectNode statuses = requests.putObject(endpoint.name());
            byStatus.forEach((status, count) -> statuses.put(Integer.toString(status), count));
        });
        ObjectNode noAnswer = json.putObject("unanswered");
        unanswered.forEach((endpoint, count) -> noAnswer.put(endpoint.name(), count));
        ObjectNode injected = json.putObject("faults");
        faults.forEach((kind, count) -> injected.put(kind.word(), count));
        ObjectNode injectedByEndpoint = json.putObject("faultsByEndpoint");
        faultsByEndpoint.forEach((endpoint, byKind) -> {
            ObjectNode kinds = injectedByEndpoint.putObject(endpoint.name());
            byKind.forEach((kind, count) -> kinds.put(kind.word(), count));
        });
        return json;
    }
}
