package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer an endpoint gives: status, content type, body and extra headers, written to the wire by the router.
 *
 * @param status      the HTTP status
 * @param contentType the Content-Type header, or null for an empty body
 * @param body        the body bytes; empty, never null
 * @param headers     further headers, such as {@code Retry-After}; empty, never null
 */
record HttpReply(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";
    static final String ZIP = "application/zip";

    HttpReply {
        headers = Map.copyOf(headers);
    }

    HttpReply(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }

    static HttpReply json(int status, JsonNode body) {
        return new HttpReply(status, JSON, Json.text(body).getBytes(StandardCharsets.UTF_8));
    }

    /** EPGU's error body {@code {code, message}}. */
    static HttpReply error(int status, String code, String message) {
        ObjectNode body = Json.object();
        body.put("code", code);
        body.put("message", message);
        return json(status, body);
    }

    static HttpReply empty(int status) {
        return new HttpReply(status, null, new byte[0]);
    }

    static HttpReply bytes(int status, String contentType, byte[] body) {
        return new HttpReply(status, contentType, body);
    }

    /** The same reply with one more header. */
    HttpReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpReply(status, contentType, body, more);
    }
}
