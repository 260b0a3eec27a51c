package org.epgugateway.epgu;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * EPGU's error body {@code {"code": ..., "message": ...}}, also when nested under {@code error}; both fields may be
 * absent.
 */
record ErrorBody(String code, String message) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ErrorBody of(HttpAnswer answer) {
        if (answer.body().length == 0) {
            return new ErrorBody(null, null);
        }
        try {
            JsonNode root = JSON.readTree(answer.body());
            JsonNode node = root.path("error").isObject() ? root.path("error") : root;
            return new ErrorBody(text(node, "code"), text(node, "message"));
        } catch (IOException e) {
            return new ErrorBody(null, null);
        }
    }

    /** Whether the answer is one of EPGU's error documents: it names a code or a message. */
    boolean isPresent() {
        return code != null || message != null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
