package org.epgugateway.epgu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoKeys;
import org.epgugateway.demo.DemoOrganisation;
import org.epgugateway.emulator.ApiKeyState;
import org.epgugateway.emulator.EmulatorJournal;
import org.epgugateway.emulator.EmulatorServer;
import org.epgugateway.emulator.EmulatorSettings;
import org.epgugateway.emulator.Endpoint;
import org.epgugateway.signing.CmsSigner;
import org.epgugateway.signing.GostProvider;
import org.epgugateway.testsupport.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EPGU client against the emulator over real HTTP: chunk rules, token reuse and renewal.
 */
class EpguClientTest {

    private static final OrderMeta META = new OrderMeta("45000000000", "60010153", "-60010153");

    @TempDir
    static Path keysFolder;

    @TempDir
    Path temp;

    private static DemoKeys keys;
    private EmulatorServer emulator;
    private EpguClient client;

    @BeforeAll
    static void keys() {
        GostProvider.install();
        keys = DemoAuthority.ensure(keysFolder, DemoOrganisation.romashka());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private void start(EmulatorSettings tuned, Clock gatewayClock) {
        UUID apiKey = UUID.randomUUID();
        emulator = EmulatorServer.start(tuned.withPort(0).withTrustedCa(keys.caCertificate())
                .withApiKey(apiKey, ApiKeyState.ACTIVE).withSchemas(Path.of("schemas")));
        connect(apiKey, emulator.baseUrl(), gatewayClock);
    }

    /** A client of the running emulator with the gateway's side of the configuration given by the test. */
    private void connect(UUID apiKey, URI epguUrl, Clock gatewayClock) {
        CmsSigner signer = new CmsSigner(keys.keySource().load());
        client = EpguClient.create(emulator.baseUrl(), epguUrl, apiKey.toString(), signer::signDetached,
                Duration.ofSeconds(5), Duration.ofSeconds(30), null, EpguClient.CircuitSettings.defaults(),
                gatewayClock);
    }

    private Path archiveOf(int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return Files.write(temp.resolve("archive-" + size + ".zip"), bytes);
    }

    @Test
    void a_small_archive_goes_in_one_part_without_chunk_fields() throws Exception {
        start(EmulatorSettings.defaults(), Clock.systemUTC());
        long orderId = client.reserve(META);
        ChunkedUploader uploader = new ChunkedUploader(client, 5_000_000, true, Duration.ofSeconds(15),
                Clock.systemUTC());

        uploader.upload(orderId, META, archiveOf(10_000), "piev_epgu.zip", 0, null, n -> { });

        List<EmulatorJournal.Part> parts = emulator.journal().order(orderId).orElseThrow().parts();
        assertThat(parts).singleElement().satisfies(part -> {
            assertThat(part.chunk()).isNull();
            assertThat(part.chunks()).isNull();
            assertThat(part.status()).isEqualTo(200);
            assertThat(part.size()).isEqualTo(10_000);
        });
    }

    @Test
    void a_large_archive_goes_in_zero_based_parts_answered_206_then_200() throws Exception {
        start(EmulatorSettings.defaults(), Clock.systemUTC());
        long orderId = client.reserve(META);
        ChunkedUploader uploader = new ChunkedUploader(client, 5_000_000, true, Duration.ofSeconds(15),
                Clock.systemUTC());
        List<Integer> acknowledged = new ArrayList<>();

        uploader.upload(orderId, META, archiveOf(11_000_000), "piev_epgu.zip", 0, null, acknowledged::add);

        assertThat(acknowledged).containsExactly(1, 2, 3);
        List<EmulatorJournal.Part> parts = emulator.journal().order(orderId).orElseThrow().parts();
        assertThat(parts).extracting(EmulatorJournal.Part::chunk).containsExactly(0, 1, 2);
        assertThat(parts).extracting(EmulatorJournal.Part::chunks).containsOnly(3);
        assertThat(parts).extracting(EmulatorJournal.Part::status).containsExactly(206, 206, 200);
        assertThat(parts).extracting(EmulatorJournal.Part::size).containsExactly(5_000_000L, 5_000_000L, 1_000_000L);
    }

    @Test
    void parts_are_planned_within_epgu_limits_whatever_the_configured_size() {
        ChunkedUploader tooSmall = new ChunkedUploader(null, 1_000, true, Duration.ZERO, Clock.systemUTC());
        ChunkedUploader tooLarge = new ChunkedUploader(null, 80_000_000, true, Duration.ZERO, Clock.systemUTC());

        List<UploadPart> small = tooSmall.plan(12_000_000, "piev_epgu.zip");
        List<UploadPart> large = tooLarge.plan(120_000_000, "piev_epgu.zip");

        assertThat(small).extracting(UploadPart::length).containsExactly(5_000_000L, 5_000_000L, 2_000_000L);
        assertThat(small).extracting(UploadPart::fileName).containsExactly("piev_epgu.z001", "piev_epgu.z002",
                "piev_epgu.z003");
        assertThat(large).extracting(UploadPart::length).containsExactly(50_000_000L, 50_000_000L, 20_000_000L);
    }

    @Test
    void a_resumed_upload_whose_window_closed_is_not_continued() throws Exception {
        start(EmulatorSettings.defaults(), Clock.systemUTC());
        long orderId = client.reserve(META);
        ChunkedUploader uploader = new ChunkedUploader(client, 5_000_000, true, Duration.ofSeconds(15),
                Clock.systemUTC());
        Instant openedLongAgo = Instant.now().minus(Duration.ofMinutes(6));

        assertThatThrownBy(() -> uploader.upload(orderId, META, archiveOf(11_000_000), "piev_epgu.zip", 1,
                openedLongAgo, n -> { }))
                .isInstanceOf(ChunkWindowExpiredException.class)
                .hasMessageContaining("window");
        assertThat(emulator.journal().order(orderId).orElseThrow().parts()).isEmpty();
    }

    @Test
    void one_token_serves_many_calls_until_it_nears_expiry() {
        start(EmulatorSettings.defaults(), Clock.systemUTC());

        client.reserve(META);
        client.reserve(META);
        client.reserve(META);

        assertThat(emulator.journal().requests(Endpoint.ESIA_TOKEN)).isEqualTo(1);
    }

    @Test
    void a_token_epgu_no_longer_accepts_is_renewed_once_and_the_call_repeated() {
        MovableClock emulatorClock = new MovableClock(Instant.now());
        start(EmulatorSettings.defaults().withClock(emulatorClock).withTokenTtl(Duration.ofHours(3)),
                Clock.systemUTC());
        client.reserve(META);
        emulatorClock.advance(Duration.ofHours(4));

        long orderId = client.reserve(META);

        assertThat(orderId).isPositive();
        assertThat(emulator.journal().requests(Endpoint.ESIA_TOKEN)).isEqualTo(2);
        assertThat(emulator.journal().responses(Endpoint.ORDER_CREATE, 401)).isEqualTo(1);
    }

    @Test
    void epgu_refusals_carry_epgus_code_and_message() {
        start(EmulatorSettings.defaults(), Clock.systemUTC());

        assertThatThrownBy(() -> client.reserve(new OrderMeta("45000000000", "99999999", "-60010153")))
                .isInstanceOf(EpguRejectedException.class)
                .satisfies(e -> assertThat(((EpguException) e).code()).isEqualTo("service_not_found"));
    }

    @Test
    void an_api_key_esia_does_not_know_pauses_calls_to_esia_and_names_the_setting() {
        MovableClock gatewayClock = new MovableClock(Instant.now());
        start(EmulatorSettings.defaults(), gatewayClock);
        UUID unknownKey = UUID.randomUUID();
        connect(unknownKey, emulator.baseUrl(), gatewayClock);

        assertThatThrownBy(() -> client.reserve(META))
                .isInstanceOfSatisfying(CircuitOpenException.class, e -> {
                    assertThat(e.code()).isEqualTo("ESIA-037218");
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e.getMessage()).contains("esia.api-key").doesNotContain(unknownKey.toString());
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
                });
        assertThatThrownBy(() -> client.reserve(META)).as("while the circuit is open")
                .isInstanceOf(CircuitOpenException.class).hasMessageContaining("esia.api-key");

        assertThat(emulator.journal().requests(Endpoint.ESIA_TOKEN)).isEqualTo(1);
        assertThat(emulator.journal().requests(Endpoint.ORDER_CREATE)).isZero();
        assertThat(client.circuits().get(0).refusal()).map(CircuitBreaker.Refusal::code).contains("ESIA-037218");
    }

    @Test
    void a_key_activated_at_esia_works_at_the_first_trial_after_the_pause_without_a_new_client() {
        MovableClock gatewayClock = new MovableClock(Instant.now());
        start(EmulatorSettings.defaults(), gatewayClock);
        UUID pendingKey = UUID.randomUUID();
        connect(pendingKey, emulator.baseUrl(), gatewayClock);
        assertThatThrownBy(() -> client.reserve(META)).isInstanceOf(CircuitOpenException.class);

        emulator.setApiKeyState(pendingKey, ApiKeyState.ACTIVE);
        gatewayClock.advance(Duration.ofSeconds(31));
        long orderId = client.reserve(META);

        assertThat(orderId).isPositive();
        assertThat(emulator.journal().requests(Endpoint.ESIA_TOKEN)).isEqualTo(2);
        assertThat(client.circuits().get(0).refusal()).isEmpty();
        assertThat(client.circuits().get(0).state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void a_blocked_key_pauses_calls_to_esia_with_esias_code() {
        UUID blockedKey = UUID.randomUUID();
        start(EmulatorSettings.defaults().withApiKey(blockedKey, ApiKeyState.BLOCKED), Clock.systemUTC());
        connect(blockedKey, emulator.baseUrl(), Clock.systemUTC());

        assertThatThrownBy(() -> client.reserve(META))
                .isInstanceOfSatisfying(CircuitOpenException.class, e -> {
                    assertThat(e.code()).isEqualTo("ESIA-037214");
                    assertThat(e.getMessage()).contains("blocked").contains("esia.api-key");
                });
    }

    @Test
    void a_certificate_esia_does_not_trust_pauses_calls_to_esia_and_names_the_signing_certificate() throws Exception {
        DemoKeys otherAuthority = DemoAuthority.ensure(Files.createDirectories(temp.resolve("other-ca")),
                DemoOrganisation.romashka());
        UUID apiKey = UUID.randomUUID();
        emulator = EmulatorServer.start(EmulatorSettings.defaults().withPort(0)
                .withTrustedCa(otherAuthority.caCertificate()).withApiKey(apiKey, ApiKeyState.ACTIVE)
                .withSchemas(Path.of("schemas")));
        connect(apiKey, emulator.baseUrl(), Clock.systemUTC());

        assertThatThrownBy(() -> client.reserve(META))
                .isInstanceOfSatisfying(CircuitOpenException.class, e -> {
                    assertThat(e.code()).isEqualTo("ESIA-005002");
                    assertThat(e.getMessage()).contains("signing certificate").contains("signing.keystore");
                });
        assertThat(emulator.journal().responses(Endpoint.ESIA_TOKEN, 400)).isEqualTo(1);
    }

    @Test
    void a_bare_404_from_the_epgu_address_is_a_passing_failure_naming_the_url_called() {
        start(EmulatorSettings.defaults(), Clock.systemUTC());
        UUID apiKey = UUID.randomUUID();
        emulator.setApiKeyState(apiKey, ApiKeyState.ACTIVE);
        URI wrongPlace = emulator.baseUrl().resolve("not-epgu/");
        connect(apiKey, wrongPlace, Clock.systemUTC());

        assertThatThrownBy(() -> client.reserve(META))
                .isInstanceOfSatisfying(EpguTransientException.class, e -> {
                    assertThat(e).isNotInstanceOf(CircuitOpenException.class);
                    assertThat(e.code()).isEqualTo("HTTP_404");
                    assertThat(e.getMessage()).contains(wrongPlace + "api/gusmev/order")
                            .contains("check epgu.url");
                });
    }

    @Test
    void an_epgu_error_answer_with_404_keeps_epgus_code_and_is_final() {
        start(EmulatorSettings.defaults(), Clock.systemUTC());

        assertThatThrownBy(() -> client.download(123_456, 3, "piev_epgu.zip", "60010153", temp.resolve("answer.zip"),
                1_000_000))
                .isInstanceOfSatisfying(EpguRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo("not_found");
                    assertThat(e.httpStatus()).isEqualTo(404);
                });
    }
}
