package org.epgugateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.epgugateway.store.NewDrop;
import org.epgugateway.store.OrderStore;
import org.epgugateway.store.StoreDatabase;
import org.epgugateway.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drop queued twice inside one instance runs on one worker only: the second queue entry is not claimed while the
 * first is being worked on.
 */
class ClaimStepTest {

    @TempDir
    Path work;

    private StoreDatabase database;
    private ClaimKeeper keeper;
    private CamelContext camel;
    private ClaimStep claims;
    private long dropId;

    @BeforeEach
    void open_store() {
        database = TestDatabases.h2(work);
        OrderStore store = new OrderStore(database.dataSource(), Clock.systemUTC());
        dropId = store.register(new NewDrop("a.xml", "a", "key-a", "a.spool", "ab".repeat(32), 42), f -> false)
                .drop().id();
        keeper = new ClaimKeeper(store, "instance-1", Duration.ofMinutes(2));
        claims = new ClaimStep(store, keeper, 10);
        camel = new DefaultCamelContext();
    }

    @AfterEach
    void close_store() throws Exception {
        camel.close();
        keeper.close();
        database.close();
    }

    @Test
    void second_queue_entry_of_a_drop_in_work_is_not_claimed() {
        Exchange first = claim();

        Exchange second = claim();

        assertThat(first.getMessage().getHeader(Headers.CLAIMED, Boolean.class)).isTrue();
        assertThat(second.getMessage().getHeader(Headers.CLAIMED, Boolean.class)).isFalse();
    }

    @Test
    void drop_can_be_claimed_again_once_the_worker_released_it() {
        Exchange first = claim();
        claim();
        assertThat(claim().getMessage().getHeader(Headers.CLAIMED, Boolean.class)).isFalse();

        claims.release(first);

        assertThat(claim().getMessage().getHeader(Headers.CLAIMED, Boolean.class)).isTrue();
    }

    private Exchange claim() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(dropId);
        claims.claim(exchange);
        return exchange;
    }
}
