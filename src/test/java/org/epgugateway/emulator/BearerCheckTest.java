package org.epgugateway.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every EPGU call needs the bearer token of a token ESIA issued and that has not expired; otherwise 401.
 */
class BearerCheckTest {

    private static final MutableClock clock = MutableClock.startingNow();

    @RegisterExtension
    static final TestEmulator emulator = TestEmulator.on(clock)
            .tunedBy(settings -> settings.withTokenTtl(Duration.ofHours(1)));

    @Test
    void every_epgu_endpoint_answers_401_without_a_token() throws Exception {
        emulator.start();

        List<HttpResponse<String>> responses = everyEndpoint(null);

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(401);
            assertThat(response.body()).isEmpty();
        });
    }

    @Test
    void a_token_the_emulator_did_not_issue_is_refused() throws Exception {
        emulator.start();
        String forged = "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.c2ln";

        List<HttpResponse<String>> responses = everyEndpoint(forged);

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(401));
    }

    @Test
    void a_token_is_refused_once_it_expired() throws Exception {
        EmulatorClient client = emulator.start();
        String token = emulator.token();
        int fresh = client.reserveRequest(token, EmulatorClient.ORDER_REQUEST).statusCode();
        clock.advance(Duration.ofHours(1));

        int expired = client.reserveRequest(token, EmulatorClient.ORDER_REQUEST).statusCode();

        assertThat(fresh).isEqualTo(200);
        assertThat(expired).isEqualTo(401);
    }

    private List<HttpResponse<String>> everyEndpoint(String token) throws Exception {
        EmulatorClient client = emulator.client();
        return List.of(
                client.reserveRequest(token, EmulatorClient.ORDER_REQUEST),
                client.push(token, new MultipartBody().field("orderId", "2000000001")),
                client.details(token, 2000000001L),
                client.post("api/gusmev/order/2000000001/cancel", token),
                client.get("api/gusmev/order/getOrdersStatus?pageNum=0&pageSize=10&orderIds=2000000001", token),
                client.get("api/gusmev/order/getUpdatedAfter?pageNum=0&pageSize=10"
                        + "&updatedAfter=2026-01-01T00:00:00.000", token),
                client.get("api/gusmev/files/download/21000000001/3?mnemonic=piev_epgu.zip&eserviceCode=60010153",
                        token),
                client.get("api/storage/v2/files/21000000001/3/download?mnemonic=piev_epgu.zip", token));
    }
}
