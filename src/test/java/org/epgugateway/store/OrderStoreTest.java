package org.epgugateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.epgugateway.testsupport.MovableClock;
import org.epgugateway.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The order store behaves the same on the embedded H2 default and on PostgreSQL.
 */
class OrderStoreTest {

    private static final Duration LEASE = Duration.ofMinutes(2);

    @TempDir
    Path work;

    private StoreDatabase database;
    private String schema;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-04T09:00:00Z"));

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("h2"), Arguments.of("postgres"));
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
        if (schema != null) {
            TestDatabases.dropSchema(schema);
        }
    }

    private OrderStore open(String kind) {
        if (kind.equals("postgres")) {
            schema = TestDatabases.freshSchema();
            database = TestDatabases.postgres(schema, work);
        } else {
            database = TestDatabases.h2(work);
        }
        return new OrderStore(database.dataSource(), clock);
    }

    private static NewDrop drop(String name, String sourceKey) {
        return new NewDrop(name, name.replace(".xml", ""), sourceKey, sourceKey + ".spool", "ab".repeat(32), 42);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void same_named_drops_get_numbered_folders(String kind) {
        OrderStore store = open(kind);

        Registration first = store.register(drop("head-debtor.xml", "k1"), folder -> false);
        Registration second = store.register(drop("head-debtor.xml", "k2"), folder -> false);
        Registration third = store.register(drop("head-debtor.xml", "k3"), folder -> folder.equals("head-debtor~3"));

        assertThat(first.drop().folder()).isEqualTo("head-debtor");
        assertThat(second.drop().folder()).isEqualTo("head-debtor~2");
        assertThat(third.drop().folder()).isEqualTo("head-debtor~4");
        assertThat(third.drop().state()).isEqualTo(DropState.RECEIVED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_same_inbox_file_seen_again_is_not_a_new_drop(String kind) {
        OrderStore store = open(kind);
        Registration first = store.register(drop("a.xml", "same-file"), folder -> false);

        Registration again = store.register(drop("a.xml", "same-file"), folder -> false);

        assertThat(again.created()).isFalse();
        assertThat(again.drop().id()).isEqualTo(first.drop().id());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_claim_cannot_be_taken_twice_until_its_lease_runs_out(String kind) {
        OrderStore store = open(kind);
        long id = store.register(drop("a.xml", "k"), folder -> false).drop().id();

        boolean first = store.claim(id, DropState.BEFORE_SUBMISSION, "one", LEASE);
        boolean second = store.claim(id, DropState.BEFORE_SUBMISSION, "two", LEASE);
        clock.advance(LEASE.plusSeconds(1));
        boolean afterLease = store.claim(id, DropState.BEFORE_SUBMISSION, "two", LEASE);

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(afterLease).isTrue();
        assertThatThrownBy(() -> store.markValidated(id, "one", "60010153", "key"))
                .isInstanceOf(LostClaimException.class);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_claim_is_not_granted_twice_to_the_same_owner(String kind) {
        OrderStore store = open(kind);
        long id = store.register(drop("a.xml", "k"), folder -> false).drop().id();

        boolean first = store.claim(id, DropState.BEFORE_SUBMISSION, "gw#run1", LEASE);
        boolean again = store.claim(id, DropState.BEFORE_SUBMISSION, "gw#run1", LEASE);

        assertThat(first).isTrue();
        assertThat(again).isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_restarted_instance_releases_the_claims_of_its_earlier_run_only(String kind) {
        OrderStore store = open(kind);
        long mine = store.register(drop("a.xml", "k1"), folder -> false).drop().id();
        long other = store.register(drop("b.xml", "k2"), folder -> false).drop().id();
        long lookalike = store.register(drop("c.xml", "k3"), folder -> false).drop().id();
        store.claim(mine, DropState.BEFORE_SUBMISSION, "gw_1#old", LEASE);
        store.claim(other, DropState.BEFORE_SUBMISSION, "gw-2#old", LEASE);
        store.claim(lookalike, DropState.BEFORE_SUBMISSION, "gwx1#old", LEASE);

        int released = store.releaseClaimsOfEarlierRuns("gw_1", "gw_1#new");

        assertThat(released).isEqualTo(1);
        assertThat(store.claim(mine, DropState.BEFORE_SUBMISSION, "gw_1#new", LEASE)).isTrue();
        assertThat(store.claim(other, DropState.BEFORE_SUBMISSION, "gw_1#new", LEASE)).isFalse();
        assertThat(store.claim(lookalike, DropState.BEFORE_SUBMISSION, "gw_1#new", LEASE)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_only_process_on_a_store_releases_every_claim_left_over(String kind) {
        OrderStore store = open(kind);
        long first = store.register(drop("a.xml", "k1"), folder -> false).drop().id();
        long second = store.register(drop("b.xml", "k2"), folder -> false).drop().id();
        store.claim(first, DropState.BEFORE_SUBMISSION, "host-101#old", LEASE);
        store.claim(second, DropState.BEFORE_SUBMISSION, "host-102#new", LEASE);

        int released = store.releaseEveryOtherClaim("host-102#new");

        assertThat(released).isEqualTo(1);
        assertThat(store.claim(first, DropState.BEFORE_SUBMISSION, "host-102#new", LEASE)).isTrue();
        assertThat(store.claimsHeldByOthers("host-102#new")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void live_claims_of_other_owners_are_counted_with_their_last_lease(String kind) {
        OrderStore store = open(kind);
        long a = store.register(drop("a.xml", "k1"), folder -> false).drop().id();
        long b = store.register(drop("b.xml", "k2"), folder -> false).drop().id();
        long c = store.register(drop("c.xml", "k3"), folder -> false).drop().id();
        store.claim(a, DropState.BEFORE_SUBMISSION, "gw-2#run", LEASE);
        clock.advance(Duration.ofSeconds(10));
        store.claim(b, DropState.BEFORE_SUBMISSION, "gw-2#run", LEASE);
        store.claim(c, DropState.BEFORE_SUBMISSION, "gw-1#me", LEASE);

        List<OrderStore.HeldClaims> held = store.claimsHeldByOthers("gw-1#me");

        assertThat(held).hasSize(1);
        assertThat(held.get(0).owner()).isEqualTo("gw-2#run");
        assertThat(held.get(0).drops()).isEqualTo(2);
        assertThat(held.get(0).until().toInstant()).isEqualTo(clock.instant().plus(LEASE));
        clock.advance(LEASE.plusSeconds(1));
        assertThat(store.claimsHeldByOthers("gw-1#me")).as("expired leases are not live").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_change_whose_status_file_was_not_written_is_found_for_the_sweep(String kind) {
        OrderStore store = open(kind);
        long id = store.register(drop("a.xml", "k"), folder -> false).drop().id();
        store.markPublished(id, store.version(id));
        store.claim(id, DropState.BEFORE_SUBMISSION, "me", LEASE);
        store.markValidated(id, "me", "60010153", "key");
        // the process stops here, before it writes status.json

        store.release(id, "me");
        boolean lagsAtOnce = store.findUnpublished(10).contains(id);
        clock.advance(Duration.ofSeconds(3));
        boolean lagsLater = store.findUnpublished(10).contains(id);
        store.markPublished(id, store.version(id));

        assertThat(lagsAtOnce).as("too fresh: its worker may be writing it").isFalse();
        assertThat(lagsLater).isTrue();
        assertThat(store.findUnpublished(10)).doesNotContain(id);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_claim_is_only_granted_in_the_asked_states(String kind) {
        OrderStore store = open(kind);
        long id = store.register(drop("a.xml", "k"), folder -> false).drop().id();

        boolean claimed = store.claim(id, EnumSet.of(DropState.SUBMITTED), "one", LEASE);

        assertThat(claimed).isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void state_changes_are_recorded_in_order(String kind) {
        OrderStore store = open(kind);
        long id = store.register(drop("a.xml", "k"), folder -> false).drop().id();
        store.claim(id, DropState.BEFORE_SUBMISSION, "me", LEASE);

        store.markValidated(id, "me", "60010153", "60010153|00011122200|1027700123450|2");
        store.markReserved(id, "me", 2_000_000_001L, store.now());
        store.markUploadStarted(id, "me", store.now());
        store.markChunkAcked(id, "me", 1);
        store.markSubmitted(id, "me", store.now());
        store.release(id, "me");

        DropRecord record = store.require(id);
        assertThat(record.state()).isEqualTo(DropState.SUBMITTED);
        assertThat(record.orderId()).isEqualTo(2_000_000_001L);
        assertThat(record.chunksAcked()).isEqualTo(1);
        assertThat(record.businessKey()).startsWith("60010153|");
        assertThat(store.findDueForPolling(10)).containsExactly(id);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_retry_waits_until_its_time(String kind) {
        OrderStore store = open(kind);
        long id = store.register(drop("a.xml", "k"), folder -> false).drop().id();
        store.claim(id, DropState.BEFORE_SUBMISSION, "me", LEASE);

        store.scheduleRetry(id, "me", new Failure("submit", "HTTP_503", "EPGU unavailable"), 1,
                store.now().plusSeconds(30));
        store.release(id, "me");
        boolean dueAtOnce = store.findDue(DropState.BEFORE_SUBMISSION, 10).contains(id);
        clock.advance(Duration.ofSeconds(31));
        boolean dueLater = store.findDue(DropState.BEFORE_SUBMISSION, 10).contains(id);

        assertThat(dueAtOnce).isFalse();
        assertThat(dueLater).isTrue();
        assertThat(store.require(id).attempts()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_identity_binds_while_in_flight_and_within_the_window(String kind) {
        OrderStore store = open(kind);
        long first = store.register(drop("a.xml", "k1"), folder -> false).drop().id();
        long second = store.register(drop("b.xml", "k2"), folder -> false).drop().id();
        long third = store.register(drop("c.xml", "k3"), folder -> false).drop().id();
        Duration window = Duration.ofHours(24);

        Optional<Long> firstClaim = store.claimIdentity("id-1", first, window);
        Optional<Long> whileInFlight = store.claimIdentity("id-1", second, window);
        store.claim(first, Set.of(DropState.RECEIVED), "me", LEASE);
        store.markDone(first, "me", "[]");
        clock.advance(Duration.ofHours(25));
        Optional<Long> afterWindow = store.claimIdentity("id-1", third, window);

        assertThat(firstClaim).isEmpty();
        assertThat(whileInFlight).contains(first);
        assertThat(afterWindow).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_failed_drop_does_not_block_a_corrected_resend(String kind) {
        OrderStore store = open(kind);
        long first = store.register(drop("a.xml", "k1"), folder -> false).drop().id();
        long second = store.register(drop("a.xml", "k2"), folder -> false).drop().id();
        store.claimIdentity("id-1", first, Duration.ofHours(24));
        store.claim(first, Set.of(DropState.RECEIVED), "me", LEASE);
        store.markFailed(first, "me", new Failure("submit", "bad_request", "refused"), 1, "a.xml");

        Optional<Long> resend = store.claimIdentity("id-1", second, Duration.ofHours(24));

        assertThat(resend).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_abandoned_order_is_kept_for_reconciliation(String kind) {
        OrderStore store = open(kind);
        long id = store.register(drop("a.xml", "k"), folder -> false).drop().id();
        store.claim(id, DropState.BEFORE_SUBMISSION, "me", LEASE);
        store.markReserved(id, "me", 2_000_000_007L, store.now());

        store.abandonOrder(id, "me", 2_000_000_007L, "chunk window passed");

        assertThat(store.require(id).state()).isEqualTo(DropState.VALIDATED);
        assertThat(store.require(id).orderId()).isNull();
        assertThat(store.abandonedOrders()).singleElement()
                .satisfies(o -> assertThat(o.orderId()).isEqualTo(2_000_000_007L));
    }
}
