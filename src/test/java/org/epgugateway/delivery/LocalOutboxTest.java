package org.epgugateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the gateway writes for back-office systems is never readable by more people than the inbox is.
 */
class LocalOutboxTest {

    @TempDir
    Path root;

    @Test
    void answers_and_dead_letters_get_no_wider_permissions_than_the_inbox() throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        Files.setPosixFilePermissions(inbox, PosixFilePermissions.fromString("rwxr-x---"));
        LocalOutbox outbox = new LocalOutbox(root.resolve("outbox"), root.resolve("dead-letter"),
                OutputPermissions.like(inbox));
        Path original = Files.writeString(root.resolve("drop.xml"), "<drop/>", StandardCharsets.UTF_8);

        outbox.writeStatus("drop", "{}".getBytes(StandardCharsets.UTF_8));
        outbox.writeResult("drop", "answer.xml", original);
        outbox.writeDeadLetter("drop.xml", original, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(permissions(root.resolve("outbox/drop"))).isEqualTo("rwxr-x---");
        assertThat(permissions(root.resolve("outbox/drop/status.json"))).isEqualTo("rw-r-----");
        assertThat(permissions(root.resolve("outbox/drop/answer.xml"))).isEqualTo("rw-r-----");
        assertThat(permissions(root.resolve("dead-letter/drop.xml"))).isEqualTo("rw-r-----");
        assertThat(permissions(root.resolve("dead-letter/drop.xml.error.json"))).isEqualTo("rw-r-----");
    }

    @Test
    void a_file_appears_whole_under_its_name_and_no_temporary_file_is_left() throws Exception {
        LocalOutbox outbox = new LocalOutbox(root.resolve("outbox"), root.resolve("dead-letter"));

        outbox.writeStatus("drop", "{\"state\":\"RECEIVED\"}".getBytes(StandardCharsets.UTF_8));
        outbox.writeStatus("drop", "{\"state\":\"DONE\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(root.resolve("outbox/drop/status.json"))).isEqualTo("{\"state\":\"DONE\"}");
        try (var files = Files.list(root.resolve("outbox/drop"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("status.json");
        }
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
