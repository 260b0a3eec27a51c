package org.epgugateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.epgugateway.delivery.LocalOutbox;
import org.epgugateway.delivery.StatusDocuments;
import org.epgugateway.delivery.StatusPublisher;
import org.epgugateway.intake.DropIntake;
import org.epgugateway.intake.Spool;
import org.epgugateway.intake.UnreadableDropException;
import org.epgugateway.intake.UnreadableInboxFiles;
import org.epgugateway.store.OrderStore;
import org.epgugateway.store.StoreDatabase;
import org.epgugateway.testsupport.LogCapture;
import org.epgugateway.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An inbox file that cannot be read is left where it is, nothing of it in custody, said once per version of the
 * file without a stack trace, and taken once it can be read. The failing read is simulated at the stream the step
 * copies into the spool, so the test means the same for every user, the super-user included.
 */
class IntakeStepTest {

    @TempDir
    Path root;

    private StoreDatabase database;
    private CamelContext camel;
    private Spool spool;
    private IntakeStep step;
    private Path inboxFile;

    @BeforeEach
    void set_up() throws IOException {
        database = TestDatabases.h2(root.resolve("work"));
        OrderStore store = new OrderStore(database.dataSource(), Clock.systemUTC());
        LocalOutbox outbox = new LocalOutbox(root.resolve("outbox"), root.resolve("dead-letter"));
        StatusPublisher status = new StatusPublisher(store, outbox, new StatusDocuments(ZoneOffset.UTC));
        spool = new Spool(root.resolve("work"));
        step = new IntakeStep(new DropIntake(spool, store, outbox, status), new UnreadableInboxFiles());
        camel = new DefaultCamelContext();
        inboxFile = Files.writeString(Files.createDirectories(root.resolve("inbox")).resolve("locked.xml"),
                "<r>application</r>");
    }

    @AfterEach
    void tear_down() throws Exception {
        camel.close();
        database.close();
    }

    private Exchange listed(InputStream content) throws IOException {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.FILE_NAME_ONLY, inboxFile.getFileName().toString());
        exchange.getMessage().setHeader(Exchange.FILE_NAME, inboxFile.getFileName().toString());
        exchange.getMessage().setHeader(Exchange.FILE_PATH, inboxFile.toString());
        exchange.getMessage().setHeader(Exchange.FILE_LENGTH, Files.size(inboxFile));
        exchange.getMessage().setHeader(Exchange.FILE_LAST_MODIFIED,
                Files.getLastModifiedTime(inboxFile).toMillis());
        exchange.getMessage().setBody(content);
        return exchange;
    }

    /** Reads a few bytes, then fails as a read of a file without permission or on a failing disk does. */
    private static InputStream failingRead() {
        return new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ < 3) {
                    return '<';
                }
                throw new AccessDeniedException("/somewhere/inbox/locked.xml");
            }
        };
    }

    private long spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(spool.file("x").getParent())) {
            return files.count();
        }
    }

    @Test
    void a_failing_read_leaves_the_file_in_the_inbox_and_is_said_once_per_version() throws Exception {
        byte[] original = Files.readAllBytes(inboxFile);

        try (LogCapture log = LogCapture.start()) {
            for (int scan = 0; scan < 3; scan++) {
                Exchange exchange = listed(failingRead());
                assertThatThrownBy(() -> step.custody(exchange)).isInstanceOf(UnreadableDropException.class);
            }

            assertThat(log.lines()).filteredOn(line -> line.contains("locked.xml")).singleElement().asString()
                    .startsWith("WARN")
                    .contains("locked.xml (" + original.length + " bytes, modified ")
                    .contains("permission denied").contains("stays in the inbox")
                    .doesNotContain("\n");
        }
        assertThat(inboxFile).exists().hasBinaryContent(original);
        assertThat(spoolFiles()).isZero();
        assertThat(root.resolve("outbox").resolve("locked")).doesNotExist();
    }

    @Test
    void a_new_version_of_the_file_is_said_again() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            Exchange first = listed(failingRead());
            assertThatThrownBy(() -> step.custody(first)).isInstanceOf(UnreadableDropException.class);
            Files.writeString(inboxFile, "<r>corrected application</r>");
            Exchange second = listed(failingRead());
            assertThatThrownBy(() -> step.custody(second)).isInstanceOf(UnreadableDropException.class);

            assertThat(log.lines()).filteredOn(line -> line.startsWith("WARN") && line.contains("locked.xml"))
                    .hasSize(2);
        }
    }

    @Test
    void the_file_is_taken_once_it_can_be_read() throws Exception {
        Exchange failed = listed(failingRead());
        assertThatThrownBy(() -> step.custody(failed)).isInstanceOf(UnreadableDropException.class);

        try (LogCapture log = LogCapture.start()) {
            Exchange readable = listed(new ByteArrayInputStream(Files.readAllBytes(inboxFile)));
            step.custody(readable);

            assertThat(readable.getMessage().getHeader(Headers.NEW_DROP, Boolean.class)).isTrue();
            assertThat(log.text()).contains("locked.xml can be read now");
        }
        assertThat(root.resolve("outbox").resolve("locked").resolve("status.json")).exists();
        assertThat(spoolFiles()).isOne();
    }
}
