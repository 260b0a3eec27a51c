package org.epgugateway.epgu;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.epgugateway.privacy.Redaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Obtains the ESIA access token for the organisation's API key ("ext-app" flow): the key is signed as a detached
 * CMS, sent URL-safe base64 encoded, and the token is cached until shortly before its {@code exp}. Only one request
 * for a new token runs at a time.
 */
public final class EsiaTokenProvider {

    private static final Logger LOG = LoggerFactory.getLogger(EsiaTokenProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ESIA_CODE = Pattern.compile("ESIA-\\d{6}");
    /** Lifetime assumed when a token carries no readable {@code exp}. */
    private static final Duration FALLBACK_LIFETIME = Duration.ofMinutes(5);
    private static final Duration MIN_MARGIN = Duration.ofSeconds(30);

    private final EpguHttp http;
    private final URI esiaUrl;
    private final String apiKey;
    private final UnaryOperator<byte[]> detachedSigner;
    private final CircuitBreaker circuit;
    private final Clock clock;

    private String token;
    private Instant renewAt = Instant.MIN;
    private Instant expiresAt = Instant.MIN;

    /**
     * @param detachedSigner makes a detached CMS signature (DER) over the given bytes with the organisation's key
     */
    EsiaTokenProvider(EpguHttp http, URI esiaUrl, String apiKey, UnaryOperator<byte[]> detachedSigner,
            CircuitBreaker circuit, Clock clock) {
        this.http = http;
        this.esiaUrl = esiaUrl;
        this.apiKey = apiKey;
        this.detachedSigner = detachedSigner;
        this.circuit = circuit;
        this.clock = clock;
    }

    CircuitBreaker circuit() {
        return circuit;
    }

    /**
     * A token valid for a while yet, fetched when the cached one is near its end.
     */
    public synchronized String token() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /**
     * A new token after EPGU refused {@code stale}; when another caller already renewed it, that token is returned.
     */
    public synchronized String renew(String stale) {
        if (token == null || token.equals(stale)) {
            fetch();
        }
        return token;
    }

    /** When the cached token expires, or {@link Instant#MIN} before the first token. */
    public synchronized Instant expiresAt() {
        return expiresAt;
    }

    private void fetch() {
        String signature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(detachedSigner.apply(apiKey.getBytes(StandardCharsets.UTF_8)));
        Redaction.registerSecret(signature);
        URI uri = esiaUrl.resolve(pathPrefix(esiaUrl) + "esia-rs/api/public/v1/orgs/ext-app/" + apiKey
                + "/tkn?signature=" + signature);
        circuit.beforeCall();
        HttpAnswer answer;
        try {
            answer = http.send(new HttpGet(uri), "ESIA token request");
        } catch (EpguTransientException e) {
            circuit.onFailure();
            throw e;
        }
        if (answer.status() >= 500) {
            circuit.onFailure();
        } else {
            circuit.onSuccess();
        }
        if (answer.status() != 200) {
            throw refusal(answer);
        }
        String accessToken = accessToken(answer);
        Redaction.registerSecret(accessToken);
        Instant issuedAt = clock.instant();
        Instant exp = JwtClaims.expiry(accessToken).orElse(issuedAt.plus(FALLBACK_LIFETIME));
        Duration lifetime = Duration.between(issuedAt, exp);
        Duration margin = lifetime.dividedBy(10).compareTo(MIN_MARGIN) > 0 ? lifetime.dividedBy(10) : MIN_MARGIN;
        token = accessToken;
        expiresAt = exp;
        renewAt = exp.minus(margin);
        LOG.info("ESIA access token obtained; valid until {}", exp);
    }

    private static String accessToken(HttpAnswer answer) {
        try {
            JsonNode body = JSON.readTree(answer.body());
            String value = body.path("accessTkn").asText(null);
            if (value == null || value.isBlank()) {
                throw new EpguTransientException("ESIA_BAD_ANSWER", 200, "ESIA answered without 'accessTkn'");
            }
            return value;
        } catch (IOException e) {
            throw new EpguTransientException("ESIA_BAD_ANSWER", 200, "ESIA's token answer is not JSON", null, e);
        }
    }

    /**
     * ESIA refusals are configuration problems (unknown, blocked or expired key, a certificate ESIA does not accept)
     * or outages; either way the drop waits and is tried again, and the message names ESIA's code.
     */
    private static EpguTransientException refusal(HttpAnswer answer) {
        Matcher code = ESIA_CODE.matcher(answer.text());
        String esiaCode = code.find() ? code.group() : "HTTP_" + answer.status();
        String hint = switch (esiaCode) {
            case "ESIA-037218" -> "the API key is not known to ESIA: check esia.api-key";
            case "ESIA-005002" -> "ESIA rejected the signature of the API key: check the signing certificate";
            case "ESIA-037213" -> "the API key has expired: issue a new one in the partners' portal";
            case "ESIA-037214" -> "the API key is blocked";
            default -> answer.status() == 404 ? "ESIA does not know this API key or address: check esia.url and "
                    + "esia.api-key" : "ESIA refused to issue a token";
        };
        return new EpguTransientException(esiaCode, answer.status(), "ESIA token request refused (HTTP "
                + answer.status() + ", " + esiaCode + "): " + hint, answer.retryAfterDuration().orElse(null), null);
    }

    static String pathPrefix(URI base) {
        String path = base.getPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.endsWith("/") ? path : path + "/";
    }
}
