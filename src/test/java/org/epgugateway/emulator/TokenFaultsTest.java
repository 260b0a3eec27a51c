package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens that stop working before their {@code exp}: EPGU answers 401 and a renewed token works again.
 */
class TokenFaultsTest {

    private static final int PART = 5_000_000;
    private static final String STATUS_QUERY = "api/gusmev/order/getOrdersStatus?orderIds=1";

    private static final MutableClock clock = MutableClock.startingNow();

    @RegisterExtension
    static final TestEmulator emulator = TestEmulator.on(clock);

    /** A token asked for anew on every call, unlike the one the emulator keeps, so that a test can renew it. */
    private String token() throws Exception {
        return emulator.tokenFor(TestOrganisation.EMPLOYEE_KEY);
    }

    @Test
    void a_token_past_its_fault_lifetime_is_refused_although_its_exp_has_not_passed() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none().withTokenLifetime(Duration.ofMinutes(1)));
        String token = token();
        HttpResponse<String> fresh = client.get(STATUS_QUERY, token);
        clock.advance(Duration.ofSeconds(61));

        HttpResponse<String> old = client.get(STATUS_QUERY, token);
        HttpResponse<String> renewed = client.get(STATUS_QUERY, token());

        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(old.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(expiry(token)).isGreaterThan(clock.instant().getEpochSecond());
        assertThat(renewed.statusCode()).isEqualTo(200);
        assertThat(emulator.journal().faults(FaultKind.TOKEN_EXPIRED_EARLY)).isEqualTo(1);
    }

    @Test
    void a_token_is_refused_after_its_allowed_number_of_uses() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none().withTokenMaxUses(2));
        String token = token();

        int first = client.get(STATUS_QUERY, token).statusCode();
        int second = client.get(STATUS_QUERY, token).statusCode();
        int third = client.get(STATUS_QUERY, token).statusCode();

        assertThat(first).isEqualTo(200);
        assertThat(second).isEqualTo(200);
        assertThat(third).isEqualTo(401);
    }

    @Test
    void tokens_expired_by_a_test_mid_upload_are_refused_and_a_renewed_token_finishes_the_upload() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none());
        String token = token();
        long orderId = client.reserve(token);
        byte[] zip = Application.forOrder(orderId).padded(PART + 100_000).zip();
        byte[] first = Arrays.copyOfRange(zip, 0, PART);
        byte[] last = Arrays.copyOfRange(zip, PART, zip.length);
        HttpResponse<String> firstPart = client.pushPart(token, orderId, 0, 2, first);

        emulator.faults().expireIssuedTokens();
        HttpResponse<String> refused = client.pushPart(token, orderId, 1, 2, last);
        HttpResponse<String> renewed = client.pushPart(token(), orderId, 1, 2, last);

        assertThat(firstPart.statusCode()).isEqualTo(206);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(renewed.statusCode()).isEqualTo(200);
        assertThat(emulator.journal().order(orderId).orElseThrow().parts())
                .extracting(EmulatorJournal.Part::status).containsExactly(206, 200);
    }

    @Test
    void a_token_the_emulator_never_issued_is_refused_but_not_counted_as_a_fault() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none().withTokenMaxUses(1));

        HttpResponse<String> response = client.get(STATUS_QUERY, "not-a-token");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(emulator.journal().faults(FaultKind.TOKEN_EXPIRED_EARLY)).isZero();
    }

    private static long expiry(String jwt) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        JsonNode claims = EmulatorClient.json(payload);
        return claims.get("exp").asLong();
    }
}
