package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * The order endpoints: reserve (E1), details (E4) and cancel (E5).
 */
final class OrderEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(OrderEndpoints.class);

    private final OrderRegistry registry;
    private final StatusTimeline timeline;
    private final OrderLimit limit;
    private final EmulatorJournal journal;
    private final Clock clock;

    /**
     * @param limit the per-user order limit, or null when it is off
     */
    OrderEndpoints(OrderRegistry registry, StatusTimeline timeline, OrderLimit limit, EmulatorJournal journal,
                   Clock clock) {
        this.registry = registry;
        this.timeline = timeline;
        this.limit = limit;
        this.journal = journal;
        this.clock = clock;
    }

    /** E1: {@code {region, serviceCode, targetCode}} to {@code {orderId}}. */
    HttpReply create(EmulatorRequest request) throws IOException {
        JsonNode body;
        try {
            body = Json.read(request.smallBody());
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object {region, serviceCode, targetCode}");
        }
        String region = field(body, "region");
        String serviceCode = field(body, "serviceCode");
        String targetCode = field(body, "targetCode");
        if (region == null || !region.matches("\\d{2,11}")) {
            throw ApiException.badRequest("region must be an OKATO code of 2 to 11 digits, was " + region);
        }
        if (!OrderDocument.SERVICE_CODE.equals(serviceCode)) {
            throw new ApiException(400, "service_not_found", "Услуга " + serviceCode + " не найдена");
        }
        if (!OrderDocument.TARGET_CODE.equals(targetCode)) {
            throw ApiException.badRequest("targetCode " + targetCode + " does not belong to service " + serviceCode);
        }

        TokenGrant grant = request.grant();
        Instant now = clock.instant();
        if (limit != null && !limit.tryAcquire(grant.subject(), serviceCode, now)) {
            throw new ApiException(429, "limitation_exception", "Превышен лимит: не более "
                    + OrderLimit.MAX_ORDERS + " заявлений по услуге за 10 минут");
        }
        Order order = registry.create(grant.subject(), region);
        journal.recordOrder(order.id(), grant.subject(), order.createdAt());
        LOG.info("EPGU reserved order {} for subject {} of OGRN {}", order.id(), grant.subject(), grant.ogrn());
        ObjectNode reply = Json.object();
        reply.put("orderId", order.id());
        return HttpReply.json(200, reply);
    }

    /** E4: the envelope {@code {code, message, messageId, order}} with the order as an escaped JSON string. */
    HttpReply details(EmulatorRequest request) {
        Order order = ownOrder(request);
        if (order == null) {
            return HttpReply.empty(204);
        }
        StatusTimeline.Progress progress = timeline.at(order, clock.instant());
        ObjectNode envelope = Json.object();
        envelope.put("code", progress.code());
        envelope.put("message", progress.message());
        envelope.put("messageId", progress.messageId());
        envelope.put("order", Json.text(OrderDocument.of(order, progress)));
        return HttpReply.json(200, envelope);
    }

    /** E5: service 60010153 provides no cancellation. */
    HttpReply cancel(EmulatorRequest request) {
        Order order = ownOrder(request);
        if (order == null) {
            return HttpReply.empty(204);
        }
        throw new ApiException(405, "cancel_not_allowed", "Отмена заявления по услуге не предусмотрена");
    }

    /** The order of the path, null when unknown; another subject's order is refused. */
    private Order ownOrder(EmulatorRequest request) {
        long orderId;
        try {
            orderId = Long.parseLong(request.pathParameter("orderId"));
        } catch (NumberFormatException e) {
            return null;
        }
        Order order = registry.find(orderId).orElse(null);
        if (order != null && !order.subject().equals(request.grant().subject())) {
            throw ApiException.orderAccess();
        }
        return order;
    }

    /** A request field as text, whether it was sent as a JSON string or a number. */
    private static String field(JsonNode body, String name) {
        JsonNode value = body.get(name);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText().trim();
    }
}
