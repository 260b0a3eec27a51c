package org.epgugateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.epgugateway.store.DropState;
import org.epgugateway.store.NewDrop;
import org.epgugateway.store.OrderStore;
import org.epgugateway.store.StoreDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AbandonedOrdersCommandTest {

    @TempDir
    Path root;

    @Test
    void lists_the_orders_given_up_with_their_drop_folder() throws Exception {
        try (StoreDatabase database = openStore()) {
            OrderStore store = new OrderStore(database.dataSource(), Clock.systemUTC());
            long id = store.register(new NewDrop("late.xml", "late", "key", "late.spool", "ab".repeat(32), 42),
                    folder -> false).drop().id();
            store.claim(id, DropState.BEFORE_SUBMISSION, "gw#1", Duration.ofMinutes(1));
            store.markValidated(id, "gw#1", "60010153", "business-key");
            store.markReserved(id, "gw#1", 2540201234L, OffsetDateTime.now());
            store.abandonOrder(id, "gw#1", 2540201234L, "upload window closed");
        }

        CommandRun run = CommandRun.of("abandoned-orders", "--config", config().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2540201234").contains("late").contains("upload window closed");
    }

    @Test
    void an_embedded_store_that_cannot_be_opened_is_a_clear_message_not_a_stack_trace() throws Exception {
        // another process holding the store fails the same way; within one JVM H2 shares it, so a file stands in
        Files.createDirectories(root.resolve("work"));
        Files.writeString(root.resolve("work/store"), "not a folder");

        CommandRun run = CommandRun.of("abandoned-orders", "--config", config().toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(run.err()).startsWith("epgu-gateway abandoned-orders: Cannot open the order store")
                .contains("stop the gateway").doesNotContain("\tat ").hasLineCount(1);
    }

    private StoreDatabase openStore() {
        return StoreDatabase.open("", "", "", "", root.resolve("work"));
    }

    private Path config() throws Exception {
        return Files.writeString(root.resolve("application.properties"), "gateway.work=" + root.resolve("work"));
    }
}
