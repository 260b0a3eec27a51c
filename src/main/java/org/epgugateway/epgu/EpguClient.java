package org.epgugateway.epgu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * The EPGU API for legal entities, as the gateway uses it: reserve an order, upload its archive, read its details,
 * download its result. Every call carries the ESIA token; a 401 (or {@code order_access}, which may also mean a
 * stale token) renews the token once and repeats the call once.
 */
public final class EpguClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContentType JSON_UTF8 = ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8);

    private final EpguHttp http;
    private final URI epguUrl;
    private final EsiaTokenProvider tokens;
    private final CircuitBreaker circuit;

    private EpguClient(EpguHttp http, URI epguUrl, EsiaTokenProvider tokens, CircuitBreaker circuit) {
        this.http = http;
        this.epguUrl = epguUrl;
        this.tokens = tokens;
        this.circuit = circuit;
    }

    /**
     * Builds a client.
     *
     * @param esiaUrl base URL of ESIA
     * @param epguUrl base URL of the EPGU API
     * @param apiKey the organisation's API key
     * @param detachedSigner signs bytes as a detached CMS with the organisation's key
     * @param sslContext trust for TLS, or null for the JVM's default
     * @param circuits how many failures in a row pause calls to ESIA or EPGU, and for how long
     */
    public static EpguClient create(URI esiaUrl, URI epguUrl, String apiKey, UnaryOperator<byte[]> detachedSigner,
            Duration connectTimeout, Duration readTimeout, SSLContext sslContext, CircuitSettings circuits,
            Clock clock) {
        EpguHttp http = new EpguHttp(connectTimeout, readTimeout, sslContext);
        CircuitBreaker esia = new CircuitBreaker("ESIA", circuits.failures(), circuits.openTime(), clock);
        CircuitBreaker epgu = new CircuitBreaker("EPGU", circuits.failures(), circuits.openTime(), clock);
        return new EpguClient(http, epguUrl, new EsiaTokenProvider(http, esiaUrl, apiKey, detachedSigner, esia,
                clock), epgu);
    }

    /**
     * When calls are paused after failures.
     *
     * @param failures failures in a row that pause calls; at least 1
     * @param openTime how long they stay paused before a trial call
     */
    public record CircuitSettings(int failures, Duration openTime) {
        /** Five failures in a row pause calls for 30 seconds. */
        public static CircuitSettings defaults() {
            return new CircuitSettings(5, Duration.ofSeconds(30));
        }
    }

    public EsiaTokenProvider tokens() {
        return tokens;
    }

    /** The circuit breakers of ESIA and EPGU, for health checks. */
    public List<CircuitBreaker> circuits() {
        return List.of(tokens.circuit(), circuit);
    }

    /**
     * Reserves an order number ({@code POST /api/gusmev/order}).
     */
    public long reserve(OrderMeta meta) {
        URI uri = api("api/gusmev/order");
        HttpAnswer answer = authorized("reserve order", token -> {
            HttpPost post = new HttpPost(uri);
            post.setEntity(new StringEntity(meta.toJson(), JSON_UTF8));
            return withToken(post, token);
        });
        expect(answer, 200, "reserve order", uri);
        return orderIdOf(answer, "reserve order");
    }

    /**
     * Sends one part of an archive ({@code POST /api/gusmev/push/chunked}).
     *
     * @param part which bytes of the archive to send, and its place in the series
     * @param meta sent as the {@code meta} part when not null
     * @return the HTTP status EPGU answered (200 or 206)
     */
    public int uploadPart(long orderId, UploadPart part, OrderMeta meta, Path archive) {
        String what = part.isSingle() ? "upload of order " + orderId
                : "upload of part " + part.index() + "/" + part.count() + " of order " + orderId;
        URI uri = api("api/gusmev/push/chunked");
        HttpAnswer answer = authorized(what, token -> {
            MultipartEntityBuilder form = MultipartEntityBuilder.create()
                    .setMode(HttpMultipartMode.EXTENDED)
                    .setCharset(StandardCharsets.UTF_8);
            if (meta != null) {
                form.addTextBody("meta", meta.toJson(), JSON_UTF8);
            }
            form.addTextBody("orderId", Long.toString(orderId), ContentType.TEXT_PLAIN);
            if (!part.isSingle()) {
                form.addTextBody("chunk", Integer.toString(part.index()), ContentType.TEXT_PLAIN);
                form.addTextBody("chunks", Integer.toString(part.count()), ContentType.TEXT_PLAIN);
            }
            form.addPart("file", new FileRegionBody(archive, part.offset(), part.length(), part.fileName(),
                    part.isSingle() ? ContentType.create("application/zip") : ContentType.APPLICATION_OCTET_STREAM));
            HttpPost post = new HttpPost(uri);
            post.setEntity(form.build());
            return withToken(post, token);
        });
        if (answer.status() != 200 && answer.status() != 206) {
            throw failure(answer, what, uri);
        }
        long echoed = orderIdOf(answer, what);
        if (echoed != orderId) {
            throw new EpguRejectedException("ORDER_ID_MISMATCH", answer.status(), what + ": EPGU answered for order "
                    + echoed + " instead of " + orderId);
        }
        return answer.status();
    }

    /**
     * Reads an order's details ({@code POST /api/gusmev/order/{orderId}}).
     */
    public OrderDetails details(long orderId) {
        String what = "details of order " + orderId;
        URI uri = api("api/gusmev/order/" + orderId);
        HttpAnswer answer = authorized(what, token -> withToken(new HttpPost(uri), token));
        expect(answer, 200, what, uri);
        return OrderDetailsParser.parse(answer.text());
    }

    /**
     * Downloads a result file ({@code GET /api/gusmev/files/download/{objectId}/{objectType}}) into a file.
     *
     * @param objectId the order's {@code currentStatusHistoryId}, not the order number
     * @param maxBytes larger answers are refused
     */
    public void download(long objectId, int objectType, String mnemonic, String serviceCode, Path target,
            long maxBytes) {
        String what = "download of " + mnemonic + " (object " + objectId + ")";
        URI uri = api("api/gusmev/files/download/" + objectId + "/" + objectType + "?mnemonic="
                + URLEncoder.encode(mnemonic, StandardCharsets.UTF_8) + "&eserviceCode="
                + URLEncoder.encode(serviceCode, StandardCharsets.UTF_8));
        HttpAnswer answer = authorizedDownload(what, uri, target, maxBytes);
        expect(answer, 200, what, uri);
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpAnswer authorizedDownload(String what, URI uri, Path target, long maxBytes) {
        return authorized(what, token -> {
            HttpGet get = new HttpGet(uri);
            get.setHeader("Authorization", "Bearer " + token);
            return http.download(get, what, target, maxBytes);
        });
    }

    /** Runs a call with the current token; renews the token once when EPGU says it is not accepted. */
    private HttpAnswer authorized(String what, Function<String, HttpAnswer> call) {
        String token = tokens.token();
        HttpAnswer answer = guarded(call, token);
        if (answer.status() == 401 || isOrderAccess(answer)) {
            answer = guarded(call, tokens.renew(token));
            if (answer.status() == 401) {
                throw new EpguTransientException("UNAUTHORIZED", 401, what + ": EPGU refused a freshly issued token");
            }
        }
        return answer;
    }

    /** One call through EPGU's circuit breaker: no answer or a 5xx counts as a failure. */
    private HttpAnswer guarded(Function<String, HttpAnswer> call, String token) {
        circuit.beforeCall();
        HttpAnswer answer;
        try {
            answer = call.apply(token);
        } catch (EpguTransientException e) {
            circuit.onFailure();
            throw e;
        }
        if (answer.status() >= 500) {
            circuit.onFailure();
        } else {
            circuit.onSuccess();
        }
        return answer;
    }

    private HttpAnswer withToken(HttpUriRequestBase request, String token) {
        request.setHeader("Authorization", "Bearer " + token);
        return http.send(request, request.getMethod() + " " + request.getPath());
    }

    private URI api(String pathAndQuery) {
        return epguUrl.resolve(EsiaTokenProvider.pathPrefix(epguUrl) + pathAndQuery);
    }

    private static boolean isOrderAccess(HttpAnswer answer) {
        return answer.status() == 403 && "order_access".equals(ErrorBody.of(answer).code());
    }

    private static void expect(HttpAnswer answer, int status, String what, URI uri) {
        if (answer.status() != status) {
            throw failure(answer, what, uri);
        }
    }

    private static long orderIdOf(HttpAnswer answer, String what) {
        try {
            JsonNode orderId = JSON.readTree(answer.body()).path("orderId");
            if (!orderId.canConvertToLong() && !(orderId.isTextual() && orderId.asText().matches("\\d+"))) {
                throw new EpguRejectedException("BAD_ANSWER", answer.status(), what + ": no orderId in EPGU's answer");
            }
            return orderId.asLong();
        } catch (IOException e) {
            throw new EpguRejectedException("BAD_ANSWER", answer.status(), what + ": EPGU's answer is not JSON");
        }
    }

    /**
     * Turns an unwanted answer into the right exception: transient for 5xx, 429 and EPGU's limits, and for a 4xx that
     * is not EPGU's (the address is wrong, which no drop can mend); a rejection with EPGU's code and message otherwise.
     *
     * @param uri where the request went, named when the answer shows it was the wrong place
     */
    static EpguException failure(HttpAnswer answer, String what, URI uri) {
        int status = answer.status();
        ErrorBody error = ErrorBody.of(answer);
        String code = error.code() != null ? error.code() : "HTTP_" + status;
        String message = what + " failed: HTTP " + status + (error.code() != null ? " " + error.code() : "")
                + (error.message() != null ? " — " + error.message() : "");
        if (status == 204) {
            return new EpguRejectedException("not_found", status, what + " failed: EPGU does not know this order "
                    + "(HTTP 204)");
        }
        if (status >= 500 || status == 429 || status == 408 || "limitation_exception".equals(code)
                || "internal_error".equals(code)) {
            return new EpguTransientException(code, status, message, answer.retryAfterDuration().orElse(null), null);
        }
        if (status == 401) {
            return new EpguTransientException("UNAUTHORIZED", status, message);
        }
        if (status >= 400 && status < 500 && !error.isPresent()) {
            // EPGU says why it refuses (a JSON code or message); a bare 4xx comes from a server that is not EPGU's API
            return new EpguTransientException(code, status, what + " failed: HTTP " + status + " from "
                    + withoutQuery(uri) + ", which is not an EPGU error answer (no code or message): check epgu.url "
                    + "(EPGU_URL)");
        }
        return new EpguRejectedException(code, status, message);
    }

    private static String withoutQuery(URI uri) {
        String text = uri.toString();
        int query = text.indexOf('?');
        return query < 0 ? text : text.substring(0, query);
    }
}
