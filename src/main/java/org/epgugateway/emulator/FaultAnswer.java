package org.epgugateway.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An answer the emulator can give instead of an endpoint's own: a server or proxy error, a rate limit, or one of
 * EPGU's refusals.
 */
public enum FaultAnswer {
    /** 500 with EPGU's JSON body {@code internal_error}. */
    INTERNAL_ERROR(FaultKind.INTERNAL_ERROR, 500),
    /** 502 with an HTML page, as a proxy in front of EPGU answers. */
    BAD_GATEWAY(FaultKind.BAD_GATEWAY, 502),
    /** 503 with an HTML page. */
    SERVICE_UNAVAILABLE(FaultKind.SERVICE_UNAVAILABLE, 503),
    /** 504 with an HTML page. */
    GATEWAY_TIMEOUT(FaultKind.GATEWAY_TIMEOUT, 504),
    /** 429 with {@code Retry-After} in seconds. */
    TOO_MANY_REQUESTS(FaultKind.TOO_MANY_REQUESTS, 429),
    /** 429 without {@code Retry-After}. */
    TOO_MANY_REQUESTS_WITHOUT_RETRY_AFTER(FaultKind.TOO_MANY_REQUESTS_WITHOUT_RETRY_AFTER, 429),
    /** 403 {@code order_access}: the user may not work with the order. */
    ORDER_ACCESS(FaultKind.ORDER_ACCESS, 403),
    /** 429 {@code limitation_exception}: EPGU's limit of orders per user was reached. */
    LIMITATION_EXCEPTION(FaultKind.LIMITATION_EXCEPTION, 429),
    /** 400 {@code bad_request}. */
    BAD_REQUEST(FaultKind.BAD_REQUEST, 400);

    private final FaultKind kind;
    private final int status;

    FaultAnswer(FaultKind kind, int status) {
        this.kind = kind;
        this.status = status;
    }

    /**
     * Reads an answer as written in the settings: {@code 500}, {@code 502}, {@code 503}, {@code 504}, {@code 429},
     * {@code 429-no-retry-after}, {@code order_access}, {@code limitation_exception} or {@code bad_request}.
     *
     * @throws IllegalArgumentException for any other word
     */
    public static FaultAnswer fromWord(String word) {
        String wanted = word.trim().toLowerCase(Locale.ROOT);
        for (FaultAnswer answer : values()) {
            if (answer.word().equals(wanted)) {
                return answer;
            }
        }
        throw new IllegalArgumentException("unknown fault answer '" + word + "' (expected one of "
                + Arrays.stream(values()).map(FaultAnswer::word).collect(Collectors.joining(", ")) + ")");
    }

    /** The word used for this answer in the settings. */
    public String word() {
        return kind.word();
    }

    /** The HTTP status of this answer. */
    public int status() {
        return status;
    }

    /** How the journal counts this answer. */
    public FaultKind kind() {
        return kind;
    }

    /**
     * The reply on the wire.
     *
     * @param retryAfter the value of {@code Retry-After}, used only by {@link #TOO_MANY_REQUESTS}
     */
    HttpReply reply(Duration retryAfter) {
        return switch (this) {
            case INTERNAL_ERROR -> HttpReply.error(500, "internal_error", "Внутренняя ошибка сервера");
            case BAD_GATEWAY -> proxyPage(502, "Bad Gateway");
            case SERVICE_UNAVAILABLE -> proxyPage(503, "Service Unavailable");
            case GATEWAY_TIMEOUT -> proxyPage(504, "Gateway Time-out");
            case TOO_MANY_REQUESTS -> proxyPage(429, "Too Many Requests")
                    .withHeader("Retry-After", Long.toString(wholeSeconds(retryAfter)));
            case TOO_MANY_REQUESTS_WITHOUT_RETRY_AFTER -> proxyPage(429, "Too Many Requests");
            case ORDER_ACCESS -> ApiException.orderAccess().reply();
            case LIMITATION_EXCEPTION -> HttpReply.error(429, "limitation_exception",
                    "Превышен лимит: не более " + OrderLimit.MAX_ORDERS + " заявлений по услуге за 10 минут");
            case BAD_REQUEST -> HttpReply.error(400, "bad_request", "Некорректный запрос");
        };
    }

    /** Errors that come from the proxy in front of EPGU carry its HTML page, not EPGU's JSON. */
    private static HttpReply proxyPage(int status, String reason) {
        String page = "<html>\r\n<head><title>" + status + " " + reason + "</title></head>\r\n<body>\r\n<h1>"
                + status + " " + reason + "</h1>\r\n</body>\r\n</html>\r\n";
        return HttpReply.bytes(status, "text/html", page.getBytes(StandardCharsets.US_ASCII));
    }

    /** Retry-After carries whole seconds; a fraction is rounded up so that a client never retries too early. */
    private static long wholeSeconds(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }
}
