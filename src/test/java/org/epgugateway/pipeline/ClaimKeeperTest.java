package org.epgugateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.epgugateway.store.DropState;
import org.epgugateway.store.NewDrop;
import org.epgugateway.store.OrderStore;
import org.epgugateway.store.StoreDatabase;
import org.epgugateway.testsupport.MovableClock;
import org.epgugateway.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claims stay with a live instance for as long as their work runs, are never granted twice inside one instance,
 * and are given back when the work's exchange completes, however it ends.
 */
class ClaimKeeperTest {

    private static final String OWNER = "gw-1#run";

    @TempDir
    Path work;

    private StoreDatabase database;
    private CamelContext camel;
    private ClaimKeeper keeper;

    @BeforeEach
    void open() {
        database = TestDatabases.h2(work);
        camel = new DefaultCamelContext();
    }

    @AfterEach
    void close() throws Exception {
        if (keeper != null) {
            keeper.close();
        }
        camel.close();
        database.close();
    }

    @Test
    void a_claim_held_longer_than_its_lease_is_renewed_and_not_taken_over() throws Exception {
        OrderStore store = new OrderStore(database.dataSource(), Clock.systemUTC());
        long id = register(store, "a");
        keeper = new ClaimKeeper(store, OWNER, Duration.ofMillis(300));

        assertThat(keeper.claim(new DefaultExchange(camel), id, DropState.BEFORE_SUBMISSION)).isTrue();
        Thread.sleep(1200);

        assertThat(store.claim(id, DropState.BEFORE_SUBMISSION, "gw-2#run", Duration.ofMillis(300)))
                .as("another instance takes over a live claim").isFalse();
    }

    @Test
    void a_second_worker_of_the_instance_never_gets_a_drop_in_work_even_when_the_store_would_grant_it() {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-04T09:00:00Z"));
        OrderStore store = new OrderStore(database.dataSource(), clock);
        long id = register(store, "a");
        keeper = new ClaimKeeper(store, OWNER, Duration.ofHours(1));
        assertThat(keeper.claim(new DefaultExchange(camel), id, DropState.BEFORE_SUBMISSION)).isTrue();

        // the store's lease has lapsed (as when the store was out of reach), and the owner name is the same
        clock.advance(Duration.ofHours(2));

        assertThat(keeper.claim(new DefaultExchange(camel), id, DropState.BEFORE_SUBMISSION)).isFalse();
    }

    @Test
    void a_released_drop_can_be_claimed_again() {
        OrderStore store = new OrderStore(database.dataSource(), Clock.systemUTC());
        long id = register(store, "a");
        keeper = new ClaimKeeper(store, OWNER, Duration.ofMinutes(2));
        keeper.claim(new DefaultExchange(camel), id, DropState.BEFORE_SUBMISSION);

        keeper.release(id);

        assertThat(keeper.claim(new DefaultExchange(camel), id, DropState.BEFORE_SUBMISSION)).isTrue();
    }

    @Test
    void work_that_fails_before_its_release_gives_the_claim_back_when_its_exchange_completes() throws Exception {
        OrderStore store = new OrderStore(database.dataSource(), Clock.systemUTC());
        long first = register(store, "a");
        long second = register(store, "b");
        keeper = new ClaimKeeper(store, OWNER, Duration.ofMinutes(2));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:one").process(exchange -> {
                    keeper.claim(exchange, exchange.getMessage().getBody(Long.class), DropState.BEFORE_SUBMISSION);
                    throw new IllegalStateException("the step broke before releasing");
                });
                // the poll route claims inside the sub-exchanges of a parallel split
                from("direct:each").split(body()).parallelProcessing().to("direct:one");
            }
        });
        camel.start();

        camel.createProducerTemplate().send("direct:one", exchange -> exchange.getMessage().setBody(first));
        camel.createProducerTemplate().send("direct:each", exchange -> exchange.getMessage().setBody(List.of(second)));

        assertThat(store.claim(first, DropState.BEFORE_SUBMISSION, "gw-2#run", Duration.ofMinutes(2))).isTrue();
        assertThat(store.claim(second, DropState.BEFORE_SUBMISSION, "gw-2#run", Duration.ofMinutes(2))).isTrue();
    }

    private static long register(OrderStore store, String name) {
        return store.register(new NewDrop(name + ".xml", name, "key-" + name, name + ".spool", "ab".repeat(32), 42),
                folder -> false).drop().id();
    }
}
