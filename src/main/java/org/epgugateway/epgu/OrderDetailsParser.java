package org.epgugateway.epgu;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads EPGU's order details envelope, whose {@code order} field is JSON written inside a string and must be parsed a
 * second time (an object there is accepted too).
 */
final class OrderDetailsParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderDetailsParser() {
    }

    static OrderDetails parse(String body) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(body);
        } catch (IOException e) {
            throw new EpguRejectedException("BAD_ANSWER", 200, "Order details are not JSON: " + e.getMessage());
        }
        JsonNode order = envelope.path("order");
        if (order.isTextual()) {
            try {
                order = JSON.readTree(order.asText());
            } catch (IOException e) {
                throw new EpguRejectedException("BAD_ANSWER", 200, "The 'order' field of order details is not JSON: "
                        + e.getMessage());
            }
        }
        String code = text(envelope, "code");
        String message = text(envelope, "message");
        if (order.isMissingNode() || order.isNull()) {
            return new OrderDetails(code, message, null, null, null, null, false, List.of(), List.of());
        }
        return new OrderDetails(code, message, longOrNull(order, "id"), intOrNull(order, "orderStatusId"),
                text(order, "orderStatusName"), longOrNull(order, "currentStatusHistoryId"),
                order.path("closed").asBoolean(false), history(order.path("statuses")),
                responseFiles(order.path("orderResponseFiles")));
    }

    private static List<OrderDetails.StatusEntry> history(JsonNode statuses) {
        List<OrderDetails.StatusEntry> entries = new ArrayList<>();
        for (JsonNode s : statuses) {
            entries.add(new OrderDetails.StatusEntry(s.path("id").asLong(), s.path("statusId").asInt(),
                    text(s, "title"), EpguDates.parse(text(s, "date"))));
        }
        return entries;
    }

    private static List<OrderDetails.ResponseFile> responseFiles(JsonNode files) {
        List<OrderDetails.ResponseFile> result = new ArrayList<>();
        for (JsonNode f : files) {
            String link = text(f, "link");
            result.add(new OrderDetails.ResponseFile(text(f, "fileName"), link, objectType(link)));
        }
        return result;
    }

    /** The last segment of {@code terrabyte://00/<orderId>/<fileName>/<objectType>}. */
    private static Integer objectType(String link) {
        if (link == null) {
            return null;
        }
        String last = link.substring(link.lastIndexOf('/') + 1);
        try {
            return Integer.valueOf(last);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static Long longOrNull(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() || value.isTextual() && !value.asText().isBlank() ? value.asLong() : null;
    }

    private static Integer intOrNull(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() || value.isTextual() && !value.asText().isBlank() ? value.asInt() : null;
    }
}
