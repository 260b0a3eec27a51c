package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * ESIA's ext-app token service: {@code GET /esia-rs/api/public/v1/orgs/ext-app/{apiKey}/tkn?signature=...}.
 */
final class EsiaTokenEndpoint implements EndpointAction {

    private static final Logger LOG = LoggerFactory.getLogger(EsiaTokenEndpoint.class);

    private final Map<UUID, ApiKeyState> apiKeys;
    private final ApiKeySignatureVerifier verifier;
    private final TokenIssuer issuer;
    private final Clock clock;

    /**
     * @param apiKeys the keys ESIA knows and their states, read at every request: an operator may block or
     *                re-activate a key while the emulator runs; must be safe for concurrent use
     */
    EsiaTokenEndpoint(Map<UUID, ApiKeyState> apiKeys, ApiKeySignatureVerifier verifier, TokenIssuer issuer,
                      Clock clock) {
        this.apiKeys = apiKeys;
        this.verifier = verifier;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public HttpReply handle(EmulatorRequest request) {
        String keyText = request.pathParameter("apiKey");
        UUID apiKey = knownKey(keyText);

        String rawSignature = SignatureEncoding.rawValue(request.rawQuery())
                .orElseThrow(() -> new ApiException(400, "ESIA-020000", "Не передан параметр signature"));
        byte[] cms;
        try {
            cms = SignatureEncoding.decode(rawSignature);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, ApiKeySignatureVerifier.BAD_SIGNATURE,
                    "Неверная подпись: the signature is not base64: " + e.getMessage());
        }
        SignerIdentity signer = verifier.verify(keyText, cms, clock.instant());

        String token = issuer.issue(apiKey, signer);
        LOG.info("ESIA issued an access token for API key {} of OGRN {} ({})", masked(apiKey), signer.ogrn(),
                signer.organisation());
        ObjectNode body = Json.object();
        body.put("accessTkn", token);
        return HttpReply.json(200, body);
    }

    // Limitation: every known active key has all powers; the employee, organisation and power-of-attorney codes
    // (ESIA-037215..037219, ESIA-038000) and EPGU's access_denied_* refusals are not scripted
    private UUID knownKey(String keyText) {
        UUID apiKey;
        try {
            apiKey = UUID.fromString(keyText);
        } catch (IllegalArgumentException e) {
            throw unknownKey();
        }
        ApiKeyState state = apiKeys.get(apiKey);
        if (state == null) {
            throw unknownKey();
        }
        return switch (state) {
            case ACTIVE -> apiKey;
            case BLOCKED -> throw new ApiException(400, "ESIA-037214", "Ключ API заблокирован");
            case EXPIRED -> throw new ApiException(400, "ESIA-037213", "Срок действия ключа API истёк");
        };
    }

    private static ApiException unknownKey() {
        return new ApiException(404, "ESIA-037218", "Ключ API не найден");
    }

    /** API keys are credentials: logs show only their first group. */
    static String masked(UUID apiKey) {
        return apiKey.toString().substring(0, 8) + "-****";
    }
}
