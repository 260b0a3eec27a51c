package org.epgugateway.emulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP endpoints the emulator serves, as the journal counts them.
 */
public enum Endpoint {
    // Limitation: the one-shot POST /api/gusmev/push (E3) and the dictionaries (E9) are not served: service
    // 60010153 cannot use E3 (its files must carry the order number) and needs no dictionary

    /** ESIA: API key and its signature to an access token. */
    ESIA_TOKEN("GET", "/esia-rs/api/public/v1/orgs/ext-app/(?<apiKey>[^/]+)/tkn", false),
    /** E1: reserve an order number. */
    ORDER_CREATE("POST", "/api/gusmev/order", true),
    /** E2: upload the archive of an order in one or more parts. */
    PUSH_CHUNKED("POST", "/api/gusmev/push/chunked", true),
    /** E6: statuses of listed orders. */
    ORDERS_STATUS("GET", "/api/gusmev/order/getOrdersStatus", true),
    /** E7: statuses of orders changed after a moment. */
    UPDATED_AFTER("GET", "/api/gusmev/order/getUpdatedAfter", true),
    /** E5: cancel an order. */
    ORDER_CANCEL("POST", "/api/gusmev/order/(?<orderId>\\d+)/cancel", true),
    /** E4: details of one order. */
    ORDER_DETAILS("POST", "/api/gusmev/order/(?<orderId>\\d+)", true),
    /** E8b: download a result file (API v1.13). */
    DOWNLOAD("GET", "/api/gusmev/files/download/(?<objectId>[^/]+)/(?<objectType>[^/]+)", true),
    /** E8a: download a result file (API v1.12.1). */
    STORAGE_DOWNLOAD("GET", "/api/storage/v2/files/(?<objectId>[^/]+)/(?<objectType>[^/]+)/download", true),
    /** What the emulator received, for scripts; not part of the contract. */
    JOURNAL("GET", "/emulator/journal", false);

    private final String method;
    private final Pattern path;
    private final boolean needsBearer;

    Endpoint(String method, String path, boolean needsBearer) {
        this.method = method;
        this.path = Pattern.compile(path);
        this.needsBearer = needsBearer;
    }

    String method() {
        return method;
    }

    boolean needsBearer() {
        return needsBearer;
    }

    Matcher match(String requestPath) {
        return path.matcher(requestPath);
    }
}
