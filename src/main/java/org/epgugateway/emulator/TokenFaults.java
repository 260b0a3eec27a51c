package org.epgugateway.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bearer tokens that stop working before their {@code exp}: after a lifetime, after a number of uses, or when a
 * test expires every token issued so far.
 */
final class TokenFaults {

    private final Duration lifetime;
    private final int maxUses;
    private final TokenIssuer issuer;
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> uses = new ConcurrentHashMap<>();

    /**
     * @param lifetime how long a token works; null when as long as its {@code exp} says
     * @param maxUses  how many requests a token serves; 0 when unlimited
     */
    TokenFaults(Duration lifetime, int maxUses, TokenIssuer issuer) {
        this.lifetime = lifetime;
        this.maxUses = maxUses;
        this.issuer = issuer;
    }

    /** Counts one use of a valid token and says whether EPGU refuses it although its {@code exp} has not passed. */
    boolean refuses(String token, TokenGrant grant, Instant now) {
        if (revoked.contains(token)) {
            return true;
        }
        if (lifetime != null && !now.isBefore(grant.issuedAt().plus(lifetime))) {
            return true;
        }
        return maxUses > 0 && uses.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet() > maxUses;
    }

    /** Every token issued so far stops working; tokens issued later work as usual. */
    void expireIssued() {
        revoked.addAll(issuer.issuedTokens());
    }
}
