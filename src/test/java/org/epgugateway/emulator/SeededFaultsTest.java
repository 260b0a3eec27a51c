package org.epgugateway.emulator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random faults are drawn from the seed: the same seed gives the same faults to the same requests, rates hold
 * over many requests, and the journal counts exactly what was injected.
 */
class SeededFaultsTest {

    private static final String STATUS_QUERY = "api/gusmev/order/getOrdersStatus?orderIds=1";
    private static final int REQUESTS = 300;

    @TempDir
    static Path pkiFolder;

    private static TestOrganisation organisation;

    @BeforeAll
    static void createPki() throws Exception {
        organisation = TestOrganisation.create(pkiFolder);
    }

    private static FaultPlan plan(long seed) {
        return FaultPlan.none().withSeed(seed)
                .withErrors(FaultTarget.EPGU, 0.25, Map.of(FaultAnswer.INTERNAL_ERROR, 1,
                        FaultAnswer.SERVICE_UNAVAILABLE, 3));
    }

    @Test
    void the_same_seed_gives_the_same_faults_and_another_seed_other_faults() throws Exception {
        List<Integer> first = statuses(plan(42), 60);
        List<Integer> again = statuses(plan(42), 60);
        List<Integer> other = statuses(plan(43), 60);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first).containsAnyOf(500, 503).contains(200);
    }

    @Test
    void a_rate_holds_over_many_requests_and_the_journal_counts_every_injected_error() throws Exception {
        try (EmulatorServer emulator = EmulatorServer.start(organisation.settings().withFaults(plan(7)))) {
            List<Integer> statuses = send(emulator, REQUESTS);

            long errors = statuses.stream().filter(status -> status != 200).count();
            assertThat(errors).isBetween((long) (REQUESTS * 0.15), (long) (REQUESTS * 0.35));
            assertThat(statuses).allMatch(status -> status == 200 || status == 500 || status == 503);
            EmulatorJournal journal = emulator.journal();
            assertThat(journal.faults(FaultKind.INTERNAL_ERROR) + journal.faults(FaultKind.SERVICE_UNAVAILABLE))
                    .isEqualTo((int) errors);
            assertThat(journal.faults(FaultKind.SERVICE_UNAVAILABLE))
                    .isGreaterThan(journal.faults(FaultKind.INTERNAL_ERROR));
            assertThat(journal.responses(Endpoint.ORDERS_STATUS, 503))
                    .isEqualTo(journal.faults(FaultKind.SERVICE_UNAVAILABLE));
        }
    }

    private static List<Integer> statuses(FaultPlan plan, int requests) throws Exception {
        try (EmulatorServer emulator = EmulatorServer.start(organisation.settings().withFaults(plan))) {
            return send(emulator, requests);
        }
    }

    private static List<Integer> send(EmulatorServer emulator, int requests) throws Exception {
        EmulatorClient client = new EmulatorClient(emulator.baseUrl());
        String token = client.token(TestOrganisation.EMPLOYEE_KEY, organisation.signer());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(client.get(STATUS_QUERY, token).statusCode());
        }
        return statuses;
    }
}
