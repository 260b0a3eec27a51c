package org.epgugateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import org.apache.camel.component.file.GenericFile;
import org.epgugateway.testsupport.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only regular files that have stopped changing are taken; anything else in the inbox is left alone, said once.
 */
class StableFileFilterTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir
    Path inbox;

    /** The files the gateway's user may not read: a mode of 000 would not do, the super-user reads those too. */
    private final Set<Path> locked = new HashSet<>();
    private final StableFileFilter filter = new StableFileFilter(Duration.ofMillis(500),
            Clock.fixed(NOW, ZoneOffset.UTC), new UnreadableInboxFiles(), path -> !locked.contains(path));

    private static GenericFile<Object> listed(Path path) throws IOException {
        GenericFile<Object> file = new GenericFile<>();
        file.setFile(path.toFile());
        file.setFileName(path.getFileName().toString());
        file.setAbsoluteFilePath(path.toAbsolutePath().toString());
        file.setDirectory(Files.isDirectory(path));
        file.setLastModified(Files.getLastModifiedTime(path, java.nio.file.LinkOption.NOFOLLOW_LINKS).toMillis());
        return file;
    }

    private Path oldFile(String name) throws IOException {
        Path file = Files.writeString(inbox.resolve(name), "<r/>");
        Files.setLastModifiedTime(file, FileTime.from(NOW.minusSeconds(60)));
        return file;
    }

    private static void mkfifo(Path path) throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        assertThat(mkfifo.waitFor()).as(new String(mkfifo.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void a_regular_file_that_stopped_changing_is_taken() throws IOException {
        assertThat(filter.accept(listed(oldFile("a.xml")))).isTrue();
    }

    @Test
    void a_file_changed_a_moment_ago_is_not_taken_yet() throws IOException {
        Path file = oldFile("fresh.xml");
        Files.setLastModifiedTime(file, FileTime.from(NOW.minusMillis(100)));

        assertThat(filter.accept(listed(file))).isFalse();
    }

    @Test
    void a_named_pipe_is_never_taken_and_warned_about_once() throws Exception {
        Path fifo = inbox.resolve("x.xml");
        mkfifo(fifo);
        // setting a pipe's times from Java opens it, which waits for a writer: the clock moves instead
        StableFileFilter later = new StableFileFilter(Duration.ofMillis(500), Clock.offset(Clock.systemUTC(),
                Duration.ofMinutes(1)), new UnreadableInboxFiles());

        try (LogCapture log = LogCapture.start()) {
            for (int scan = 0; scan < 3; scan++) {
                assertThat(later.accept(listed(fifo))).isFalse();
            }

            assertThat(log.lines()).filteredOn(line -> line.contains("x.xml")).singleElement().asString()
                    .startsWith("WARN").contains("named pipe").contains("left alone");
        }
    }

    @Test
    void a_symbolic_link_to_a_regular_file_is_never_taken_and_warned_about_once() throws IOException {
        Path target = oldFile("target.txt");
        Path link = Files.createSymbolicLink(inbox.resolve("link.xml"), target);

        try (LogCapture log = LogCapture.start()) {
            assertThat(filter.accept(listed(link))).isFalse();
            assertThat(filter.accept(listed(link))).isFalse();

            assertThat(log.lines()).filteredOn(line -> line.contains("link.xml")).singleElement().asString()
                    .startsWith("WARN").contains("symbolic link");
        }
    }

    @Test
    void an_entry_replaced_by_another_kind_under_the_same_name_is_warned_about_again() throws Exception {
        Path entry = Files.createSymbolicLink(inbox.resolve("entry.xml"), oldFile("target.txt"));

        try (LogCapture log = LogCapture.start()) {
            assertThat(filter.accept(listed(entry))).isFalse();
            Files.delete(entry);
            mkfifo(entry);
            assertThat(filter.accept(listed(entry))).isFalse();
            assertThat(filter.accept(listed(entry))).isFalse();

            assertThat(log.lines()).filteredOn(line -> line.contains("entry.xml")).hasSize(2)
                    .anySatisfy(line -> assertThat(line).contains("symbolic link"))
                    .anySatisfy(line -> assertThat(line).contains("named pipe"));
        }
    }

    @Test
    void a_file_the_gateway_may_not_read_waits_until_it_may_said_once_per_version() throws IOException {
        Path file = oldFile("locked.xml");
        locked.add(file);

        try (LogCapture log = LogCapture.start()) {
            assertThat(filter.accept(listed(file))).isFalse();
            assertThat(filter.accept(listed(file))).isFalse();
            assertThat(log.lines()).filteredOn(line -> line.contains("locked.xml")).singleElement().asString()
                    .startsWith("WARN").contains("cannot be read").doesNotContain("\tat ");

            locked.remove(file);
            assertThat(filter.accept(listed(file))).isTrue();
        }
    }

    @Test
    void a_folder_is_never_taken() throws IOException {
        Path folder = Files.createDirectory(inbox.resolve("folder.xml"));

        assertThat(filter.accept(listed(folder))).isFalse();
        assertThat(new File(folder.toString())).isDirectory();
    }
}
