package org.epgugateway.epgu;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
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
 * for a new token runs at a time. When ESIA refuses the gateway's credentials, ESIA's circuit pauses calls as after an
 * outage: no drop is at fault, and the periodic trial call notices when the key works again.
 */
public final class EsiaTokenProvider {

    private static final Logger LOG = LoggerFactory.getLogger(EsiaTokenProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ESIA_CODE = Pattern.compile("ESIA-\\d{6}");
    /** Lifetime assumed when a token carries no readable {@code exp}. */
    private static final Duration FALLBACK_LIFETIME = Duration.ofMinutes(5);
    private static final Duration MIN_MARGIN = Duration.ofSeconds(30);
    /** How much of ESIA's own message a refusal quotes. */
    private static final int MAX_QUOTED = 200;
    private static final String API_KEY_SETTING = "esia.api-key (ESIA_API_KEY)";
    /**
     * ESIA's codes for refusing the gateway's credentials (the API key, its signature or the certificate), with
     * what an operator should check.
     */
    private static final Map<String, String> CREDENTIAL_REFUSALS = Map.of(
            "ESIA-005002", "ESIA rejected the signature of the API key: check the signing certificate "
                    + "(signing.keystore or signing.certificate-file) — it must be the certificate of the organisation "
                    + "that owns the API key, issued by a CA ESIA trusts — and the host's clock",
            "ESIA-037218", "ESIA does not know the API key: check " + API_KEY_SETTING,
            "ESIA-037219", "ESIA does not know the employee the API key was issued to: check " + API_KEY_SETTING,
            "ESIA-038000", "ESIA does not know the organisation of the API key: check " + API_KEY_SETTING,
            "ESIA-037213", "the API key has expired: issue a new one in the partners' portal and set "
                    + API_KEY_SETTING,
            "ESIA-037214", "the API key is blocked: unblock it in the partners' portal or set " + API_KEY_SETTING
                    + " to a new one",
            "ESIA-037215", "the employee who issued the API key is blocked in ESIA: issue a new key and set "
                    + API_KEY_SETTING,
            "ESIA-037216", "the employee the API key belongs to is blocked in ESIA: issue a key to another employee "
                    + "and set " + API_KEY_SETTING,
            "ESIA-037217", "the employee who issued the API key has no valid power of attorney to issue keys for this "
                    + "information system: renew it in ESIA or set " + API_KEY_SETTING + " to another key");

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
            throw refusal(answer);
        }
        if (answer.status() != 200) {
            Optional<CircuitBreaker.Refusal> refused = credentialsRefused(answer);
            if (refused.isPresent()) {
                throw circuit.onRefusal(refused.get());
            }
            circuit.onSuccess();
            throw refusal(answer);
        }
        circuit.onSuccess();
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
     * A refusal of the gateway's own credentials: ESIA would answer every token request the same way, whichever drop
     * asks, so it pauses the circuit instead of failing drops.
     */
    private Optional<CircuitBreaker.Refusal> credentialsRefused(HttpAnswer answer) {
        String code = esiaCode(answer);
        String hint = code == null ? null : CREDENTIAL_REFUSALS.get(code);
        if (hint == null) {
            return Optional.empty();
        }
        String said = ErrorBody.of(answer).message();
        String description = "ESIA refuses the gateway's credentials (HTTP " + answer.status() + ", " + code + "): "
                + hint + (said == null ? "" : " (ESIA says: " + shortened(said) + ")");
        // ESIA's own words could quote the key; readiness shows this text, and readiness is not masked like logs
        return Optional.of(new CircuitBreaker.Refusal(code, Redaction.mask(description)));
    }

    /**
     * Other refusals are outages or problems of the address; the drop waits and is tried again, and the message
     * names ESIA's code and where the request went (without the key and the signature, which are secrets).
     */
    private EpguTransientException refusal(HttpAnswer answer) {
        String code = esiaCode(answer);
        String esiaCode = code != null ? code : "HTTP_" + answer.status();
        String hint = answer.status() == 404 && code == null
                ? "ESIA does not know this API key or address: check esia.url (ESIA_URL) and " + API_KEY_SETTING
                : "ESIA refused to issue a token";
        return new EpguTransientException(esiaCode, answer.status(), "ESIA token request to " + address()
                + " refused (HTTP " + answer.status() + ", " + esiaCode + "): " + hint,
                answer.retryAfterDuration().orElse(null), null);
    }

    /** The token service's address with the key left out. */
    private String address() {
        return esiaUrl.resolve(pathPrefix(esiaUrl) + "esia-rs/api/public/v1/orgs/ext-app/") + "{esia.api-key}/tkn";
    }

    private static String esiaCode(HttpAnswer answer) {
        Matcher code = ESIA_CODE.matcher(answer.text());
        return code.find() ? code.group() : null;
    }

    private static String shortened(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() <= MAX_QUOTED ? line : line.substring(0, MAX_QUOTED) + "...";
    }

    static String pathPrefix(URI base) {
        String path = base.getPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.endsWith("/") ? path : path + "/";
    }
}
