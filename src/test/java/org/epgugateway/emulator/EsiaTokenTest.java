package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ESIA's ext-app token service: which signatures over an API key earn an access token, and how the others are
 * refused. Every signature here is made by OpenSSL with the gost engine, as an organisation would make it.
 */
class EsiaTokenTest {

    private static final UUID KEY = UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f");
    private static final UUID BLOCKED_KEY = UUID.fromString("11111111-2222-4333-8444-555555555555");
    private static final UUID EXPIRED_KEY = UUID.fromString("66666666-7777-4888-9999-aaaaaaaaaaaa");
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    @TempDir
    static Path pkiFolder;

    private static GostPki pki;
    private static GostPki.Signer organisation;

    private final MutableClock clock = MutableClock.startingNow();
    private EmulatorServer emulator;
    private EmulatorClient client;

    @BeforeAll
    static void createPki() throws Exception {
        pki = GostPki.newCa(pkiFolder.resolve("trusted"), "Test CA");
        organisation = pki.issue("romashka", "/CN=Romashka/O=Romashka LLC/OGRN=" + Application.OGRN + "/C=RU");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private void start(EmulatorSettings settings) {
        emulator = EmulatorServer.start(settings);
        client = new EmulatorClient(emulator.baseUrl());
    }

    private EmulatorSettings settings() {
        return EmulatorSettings.defaults()
                .withPort(0)
                .withClock(clock)
                .withTrustedCa(pki.caCertificate())
                .withApiKey(KEY, ApiKeyState.ACTIVE)
                .withApiKey(BLOCKED_KEY, ApiKeyState.BLOCKED)
                .withApiKey(EXPIRED_KEY, ApiKeyState.EXPIRED);
    }

    @Test
    void issues_a_gost_signed_jwt_for_an_openssl_detached_signature() throws Exception {
        start(settings());
        String signature = URL_SAFE.encodeToString(organisation.signDetached(KEY.toString()));

        HttpResponse<String> response = client.tokenRequest(KEY.toString(), signature);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        String token = EmulatorClient.json(response.body()).get("accessTkn").asText();
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = EmulatorClient.json(new String(Base64.getUrlDecoder().decode(parts[0]),
                StandardCharsets.UTF_8));
        JsonNode payload = EmulatorClient.json(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8));
        assertThat(header.get("alg").asText()).isEqualTo("GOST3410_2012_256");
        assertThat(header.get("typ").asText()).isEqualTo("JWT");
        assertThat(header.get("sbt").asText()).isEqualTo("access");
        assertThat(header.get("ver").asInt()).isEqualTo(1);
        assertThat(payload.get("scope").asText())
                .contains("http://lk.gosuslugi.ru/api-order")
                .containsPattern("http://esia\\.gosuslugi\\.ru/org_ogrn\\?org_oid=\\d+");
        assertThat(payload.get("iss").asText()).isEqualTo("http://esia.gosuslugi.ru/");
        assertThat(payload.get("urn:esia:sid").asText()).isNotBlank();
        assertThat(payload.get("urn:esia:sbj_id").asLong()).isPositive();
        assertThat(payload.get("client_id").asText()).isNotBlank();
        assertThat(payload.get("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(payload.get("nbf").asLong()).isEqualTo(payload.get("iat").asLong());
        assertThat(payload.get("exp").asLong() - payload.get("iat").asLong()).isEqualTo(3 * 3600);
        assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(64);
    }

    @Test
    void token_lifetime_follows_the_setting() throws Exception {
        start(settings().withTokenTtl(Duration.ofMinutes(20)));

        String token = client.token(KEY, organisation);

        JsonNode payload = EmulatorClient.json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8));
        assertThat(payload.get("exp").asLong() - payload.get("iat").asLong()).isEqualTo(20 * 60);
    }

    @Test
    void accepts_an_attached_signature_whose_content_is_the_api_key() throws Exception {
        start(settings());
        String signature = URL_SAFE.encodeToString(organisation.signAttached(KEY.toString()));

        HttpResponse<String> response = client.tokenRequest(KEY.toString(), signature);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void accepts_standard_base64_padded_percent_encoded_or_raw() throws Exception {
        start(settings());
        String standard = Base64.getEncoder().encodeToString(organisation.signDetached(KEY.toString()));
        String urlSafePadded = Base64.getUrlEncoder().encodeToString(organisation.signDetached(KEY.toString()));

        int percentEncoded = client.tokenRequest(KEY.toString(),
                URLEncoder.encode(standard, StandardCharsets.UTF_8)).statusCode();
        int raw = client.tokenRequest(KEY.toString(), standard.replace("/", "%2F").replace("=", "%3D"))
                .statusCode();
        int padded = client.tokenRequest(KEY.toString(), urlSafePadded.replace("=", "%3D")).statusCode();

        assertThat(standard).as("the signature should exercise both '+' and '/'").contains("+", "/");
        assertThat(percentEncoded).isEqualTo(200);
        assertThat(raw).isEqualTo(200);
        assertThat(padded).isEqualTo(200);
    }

    @Test
    void refuses_an_attached_signature_over_another_key() throws Exception {
        start(settings());
        String signature = URL_SAFE.encodeToString(organisation.signAttached(BLOCKED_KEY.toString()));

        HttpResponse<String> response = client.tokenRequest(KEY.toString(), signature);

        assertRefused(response, 400, "ESIA-005002");
    }

    @Test
    void refuses_a_detached_signature_over_another_key() throws Exception {
        start(settings());
        String signature = URL_SAFE.encodeToString(organisation.signDetached(EXPIRED_KEY.toString()));

        HttpResponse<String> response = client.tokenRequest(KEY.toString(), signature);

        assertRefused(response, 400, "ESIA-005002");
    }

    @Test
    void refuses_a_tampered_signature() throws Exception {
        start(settings());
        byte[] cms = organisation.signDetached(KEY.toString());
        cms[cms.length - 1] ^= 0x01;

        HttpResponse<String> response = client.tokenRequest(KEY.toString(), URL_SAFE.encodeToString(cms));

        assertRefused(response, 400, "ESIA-005002");
    }

    @Test
    void refuses_a_signature_that_is_not_base64_or_not_cms() throws Exception {
        start(settings());

        HttpResponse<String> notBase64 = client.tokenRequest(KEY.toString(), "%21%21%21");
        HttpResponse<String> notCms = client.tokenRequest(KEY.toString(), URL_SAFE.encodeToString(
                "hello".getBytes(StandardCharsets.UTF_8)));

        assertRefused(notBase64, 400, "ESIA-005002");
        assertRefused(notCms, 400, "ESIA-005002");
    }

    @Test
    void refuses_a_certificate_of_a_foreign_ca() throws Exception {
        start(settings());
        GostPki foreign = GostPki.newCa(pkiFolder.resolve("foreign"), "Foreign CA");
        GostPki.Signer impostor = foreign.issue("impostor", "/CN=Romashka/O=Romashka LLC/OGRN=" + Application.OGRN
                + "/C=RU");
        // OpenSSL dates the certificate to the second it was made, which may lie after the test clock's start
        clock.setToNow();

        HttpResponse<String> response = client.tokenRequest(KEY.toString(),
                URL_SAFE.encodeToString(impostor.signDetached(KEY.toString())));

        assertRefused(response, 400, "ESIA-005002");
        assertThat(response.body()).contains("trusted CA");
    }

    @Test
    void refuses_a_certificate_without_ogrn() throws Exception {
        start(settings());
        GostPki.Signer person = pki.issue("person", "/CN=Ivan Ivanov/C=RU");
        clock.setToNow();

        HttpResponse<String> response = client.tokenRequest(KEY.toString(),
                URL_SAFE.encodeToString(person.signDetached(KEY.toString())));

        assertRefused(response, 400, "ESIA-005002");
        assertThat(response.body()).contains("OGRN");
    }

    @Test
    void refuses_a_signature_made_more_than_24_hours_ago() throws Exception {
        start(settings());
        String signature = URL_SAFE.encodeToString(organisation.signDetached(KEY.toString()));
        clock.advance(Duration.ofHours(25));

        HttpResponse<String> response = client.tokenRequest(KEY.toString(), signature);

        assertRefused(response, 400, "ESIA-005002");
        assertThat(response.body()).contains("24 h");
    }

    @Test
    void accepts_a_signature_made_23_hours_ago() throws Exception {
        start(settings());
        String signature = URL_SAFE.encodeToString(organisation.signDetached(KEY.toString()));
        clock.advance(Duration.ofHours(23));

        HttpResponse<String> response = client.tokenRequest(KEY.toString(), signature);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void refuses_a_signature_from_the_future() throws Exception {
        clock.advance(Duration.ofHours(-1));
        start(settings());

        HttpResponse<String> response = client.tokenRequest(KEY.toString(),
                URL_SAFE.encodeToString(organisation.signDetached(KEY.toString())));

        assertRefused(response, 400, "ESIA-005002");
        assertThat(response.body()).contains("future");
    }

    @Test
    void refuses_a_signature_without_signing_time_unless_lenient() throws Exception {
        start(settings());
        String signature = URL_SAFE.encodeToString(organisation.signWithoutAttributes(KEY.toString()));

        HttpResponse<String> strict = client.tokenRequest(KEY.toString(), signature);
        emulator.close();
        start(settings().withLenientSignature(true));
        HttpResponse<String> lenient = client.tokenRequest(KEY.toString(), signature);

        assertRefused(strict, 400, "ESIA-005002");
        assertThat(lenient.statusCode()).as(lenient.body()).isEqualTo(200);
    }

    @Test
    void answers_404_with_ESIA_037218_for_an_unknown_key() throws Exception {
        start(settings());
        UUID unknown = UUID.randomUUID();

        HttpResponse<String> response = client.tokenRequest(unknown.toString(),
                URL_SAFE.encodeToString(organisation.signDetached(unknown.toString())));
        HttpResponse<String> placeholder = client.tokenRequest("abcd", "AAAA");

        assertRefused(response, 404, "ESIA-037218");
        assertRefused(placeholder, 404, "ESIA-037218");
    }

    @Test
    void answers_blocked_and_expired_keys_with_their_codes() throws Exception {
        start(settings());

        HttpResponse<String> blocked = client.tokenRequest(BLOCKED_KEY.toString(),
                URL_SAFE.encodeToString(organisation.signDetached(BLOCKED_KEY.toString())));
        HttpResponse<String> expired = client.tokenRequest(EXPIRED_KEY.toString(),
                URL_SAFE.encodeToString(organisation.signDetached(EXPIRED_KEY.toString())));

        assertRefused(blocked, 400, "ESIA-037214");
        assertRefused(expired, 400, "ESIA-037213");
    }

    @Test
    void a_key_blocked_or_activated_while_the_emulator_runs_is_answered_by_its_new_state() throws Exception {
        start(settings());
        UUID issuedLater = UUID.randomUUID();
        String signature = URL_SAFE.encodeToString(organisation.signDetached(issuedLater.toString()));
        HttpResponse<String> beforeIssue = client.tokenRequest(issuedLater.toString(), signature);

        emulator.setApiKeyState(issuedLater, ApiKeyState.ACTIVE);
        HttpResponse<String> active = client.tokenRequest(issuedLater.toString(), signature);
        emulator.setApiKeyState(issuedLater, ApiKeyState.BLOCKED);
        HttpResponse<String> blocked = client.tokenRequest(issuedLater.toString(), signature);

        assertRefused(beforeIssue, 404, "ESIA-037218");
        assertThat(active.statusCode()).as(active.body()).isEqualTo(200);
        assertRefused(blocked, 400, "ESIA-037214");
    }

    @Test
    void refuses_a_request_without_signature_with_ESIA_020000() throws Exception {
        start(settings());

        HttpResponse<String> response = client.tokenRequest(KEY.toString(), null);

        assertRefused(response, 400, "ESIA-020000");
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(EmulatorClient.json(response.body()).get("code").asText()).isEqualTo(code);
    }
}
