package org.epgugateway.emulator;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Matcher;

/**
 * One request as an endpoint sees it: the Jetty request, the path parameters and, behind a bearer check, the grant.
 */
final class EmulatorRequest {

    private static final int MAX_JSON_BODY = 64 * 1024;

    private final Request jetty;
    private final Matcher path;
    private final TokenGrant grant;
    private Fields query;

    EmulatorRequest(Request jetty, Matcher path, TokenGrant grant) {
        this.jetty = jetty;
        this.path = path;
        this.grant = grant;
    }

    Request jetty() {
        return jetty;
    }

    String pathParameter(String name) {
        return path.group(name);
    }

    /** The decoded value of a query parameter, or null when absent. */
    String queryParameter(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(jetty);
        }
        return query.getValue(name);
    }

    /** Every decoded value of a query parameter; empty when absent. */
    List<String> queryParameters(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(jetty);
        }
        List<String> values = query.getValues(name);
        return values == null ? List.of() : values;
    }

    /** The query string as sent, still percent-encoded; null when there is none. */
    String rawQuery() {
        return jetty.getHttpURI().getQuery();
    }

    String header(HttpHeader header) {
        return jetty.getHeaders().get(header);
    }

    /** The grant of the bearer token; only endpoints behind the bearer check may ask. */
    TokenGrant grant() {
        if (grant == null) {
            throw new IllegalStateException("endpoint is not behind the bearer check");
        }
        return grant;
    }

    /**
     * Reads a small body, such as the JSON of E1.
     *
     * @throws ApiException 400 when the body is larger than a JSON request can reasonably be
     */
    byte[] smallBody() throws IOException {
        try (InputStream in = Request.asInputStream(jetty)) {
            byte[] body = in.readNBytes(MAX_JSON_BODY + 1);
            if (body.length > MAX_JSON_BODY) {
                throw ApiException.badRequest("request body larger than " + MAX_JSON_BODY + " bytes");
            }
            return body;
        }
    }
}
