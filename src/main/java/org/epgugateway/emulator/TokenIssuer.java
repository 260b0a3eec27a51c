package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues ESIA access tokens (GOST-signed JWTs with a key generated at start) and remembers what each stands for,
 * so that the EPGU endpoints can check bearer tokens.
 */
final class TokenIssuer {

    static final String ORDER_SCOPE = "http://lk.gosuslugi.ru/api-order";
    static final String ISSUER = "http://esia.gosuslugi.ru/";
    static final String CLIENT_ID = "EPGU_GATEWAY";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Clock clock;
    private final Duration ttl;
    private final KeyPair key = Gost.newKeyPair();
    private final Map<String, TokenGrant> grants = new ConcurrentHashMap<>();

    TokenIssuer(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Issues a token for a verified API key; the JWT is the value of {@code accessTkn}. */
    String issue(UUID apiKey, SignerIdentity signer) {
        Instant issuedAt = clock.instant();
        forgetExpired(issuedAt);
        TokenGrant grant = new TokenGrant(apiKey, signer.ogrn(), subjectOf(apiKey), issuedAt,
                issuedAt.plus(ttl));
        String token = jwt(grant, issuedAt);
        grants.put(token, grant);
        return token;
    }

    /** The grant of a token this issuer made and that has not expired. */
    Optional<TokenGrant> grantFor(String token) {
        TokenGrant grant = grants.get(token);
        if (grant == null || !clock.instant().isBefore(grant.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(grant);
    }

    /** The tokens issued so far that have not been forgotten as expired. */
    Set<String> issuedTokens() {
        return Set.copyOf(grants.keySet());
    }

    private String jwt(TokenGrant grant, Instant issuedAt) {
        ObjectNode header = Json.object();
        header.put("alg", "GOST3410_2012_256");
        header.put("typ", "JWT");
        header.put("sbt", "access");
        header.put("ver", 1);

        long iat = issuedAt.getEpochSecond();
        ObjectNode payload = Json.object();
        payload.put("nbf", iat);
        payload.put("scope", ORDER_SCOPE + " http://esia.gosuslugi.ru/org_ogrn?org_oid=" + orgOidOf(grant.ogrn()));
        payload.put("iss", ISSUER);
        payload.put("urn:esia:sid", UUID.randomUUID().toString());
        payload.put("urn:esia:sbj_id", Long.parseLong(grant.subject()));
        payload.put("exp", grant.expiresAt().getEpochSecond());
        payload.put("iat", iat);
        payload.put("client_id", CLIENT_ID);

        String signed = encode(Json.text(header)) + "." + encode(Json.text(payload));
        return signed + "." + BASE64URL.encodeToString(Gost.sign(key.getPrivate(),
                signed.getBytes(StandardCharsets.US_ASCII)));
    }

    private void forgetExpired(Instant now) {
        grants.values().removeIf(grant -> !now.isBefore(grant.expiresAt()));
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** One employee owns one API key, so the key decides the ESIA subject; stable across restarts. */
    static String subjectOf(UUID apiKey) {
        long mixed = apiKey.getMostSignificantBits() ^ apiKey.getLeastSignificantBits();
        return Long.toString(1_000_000_000L + Math.floorMod(mixed, 1_000_000_000L));
    }

    /** ESIA's object id of an organisation; derived from the OGRN so that it stays stable. */
    static String orgOidOf(String ogrn) {
        return Long.toString(1_000_000_000L + Math.floorMod(Long.parseLong(ogrn), 1_000_000_000L));
    }
}
