package org.epgugateway.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Specifies the flat, reproducible archives the gateway uploads.
 */
class FlatZipWriterTest {

    private static final LocalDateTime NOON = LocalDateTime.of(2026, 12, 4, 12, 0, 0);
    private static final byte[] REQ = "<fssp:EPGURequest/>".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PIEV = "<fssp:IRequest>заявление</fssp:IRequest>".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path work;

    @Test
    void entries_keep_their_order_names_content_and_the_given_time() throws Exception {
        List<ArchiveEntry> entries = List.of(ArchiveEntry.of("req.xml", REQ), ArchiveEntry.of("piev_epgu.xml", PIEV));

        byte[] archive = new FlatZipWriter(NOON).toBytes(entries);

        List<ZipEntry> read = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                read.add(entry);
                contents.add(zip.readAllBytes());
            }
        }
        assertThat(read).extracting(ZipEntry::getName).containsExactly("req.xml", "piev_epgu.xml");
        assertThat(read).extracting(ZipEntry::getTimeLocal).containsOnly(NOON);
        assertThat(contents).containsExactly(REQ, PIEV);
    }

    @Test
    void same_entries_give_the_same_bytes_whether_from_memory_or_from_files() throws Exception {
        Path req = Files.write(work.resolve("req.xml"), REQ);
        Path piev = Files.write(work.resolve("piev_epgu.xml"), PIEV);

        byte[] fromMemory = new FlatZipWriter(NOON)
                .toBytes(List.of(ArchiveEntry.of("req.xml", REQ), ArchiveEntry.of("piev_epgu.xml", PIEV)));
        byte[] fromFiles = new FlatZipWriter(NOON)
                .toBytes(List.of(ArchiveEntry.of("req.xml", req), ArchiveEntry.of("piev_epgu.xml", piev)));

        assertThat(fromFiles).isEqualTo(fromMemory);
    }

    @Test
    void bytes_do_not_depend_on_the_machine_time_zone() throws Exception {
        List<ArchiveEntry> entries = List.of(ArchiveEntry.of("req.xml", REQ));
        TimeZone original = TimeZone.getDefault();
        byte[] inMoscow;
        byte[] inVladivostok;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Europe/Moscow"));
            inMoscow = new FlatZipWriter(NOON).toBytes(entries);
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Vladivostok"));
            inVladivostok = new FlatZipWriter(NOON).toBytes(entries);
        } finally {
            TimeZone.setDefault(original);
        }

        assertThat(inVladivostok).isEqualTo(inMoscow);
    }

    @Test
    void archive_file_appears_whole_and_no_temporary_file_is_left() throws Exception {
        Path archive = work.resolve("piev_epgu.zip");
        Files.writeString(archive, "an older attempt");

        new FlatZipWriter(NOON).write(List.of(ArchiveEntry.of("req.xml", REQ)), archive);

        assertThat(archive).hasBinaryContent(new FlatZipWriter(NOON).toBytes(List.of(ArchiveEntry.of("req.xml", REQ))));
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.map(file -> file.getFileName().toString()).collect(Collectors.toList()))
                    .containsExactly("piev_epgu.zip");
        }
    }

    @Test
    void writing_to_a_stream_leaves_it_open() throws Exception {
        ClosingWatch out = new ClosingWatch();

        new FlatZipWriter(NOON).write(List.of(ArchiveEntry.of("req.xml", REQ)), out);

        assertThat(out.closed).isFalse();
        assertThat(out.size()).isPositive();
    }

    @Test
    void archive_of_the_writer_passes_the_guarded_unzip(@TempDir Path outbox) throws Exception {
        byte[] archive = new FlatZipWriter(NOON)
                .toBytes(List.of(ArchiveEntry.of("req.xml", REQ), ArchiveEntry.of("piev_epgu.xml", PIEV)));

        List<String> names = new GuardedUnzip(ArchiveLimits.defaults())
                .extract(new ByteArrayInputStream(archive), outbox);

        assertThat(names).containsExactly("req.xml", "piev_epgu.xml");
        assertThat(outbox.resolve("piev_epgu.xml")).hasBinaryContent(PIEV);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "docs/req.xml", "docs\\req.xml", "..", "../req.xml", "req..xml", ".", "C:req.xml",
            "req.xml\u0000", "NUL"})
    void name_that_is_not_a_plain_file_name_is_rejected(String name) {
        assertThatThrownBy(() -> ArchiveEntry.of(name, REQ))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("entry name '");
    }

    @Test
    void duplicate_names_are_rejected_also_when_they_differ_only_in_case() {
        FlatZipWriter writer = new FlatZipWriter(NOON);
        List<ArchiveEntry> twice = List.of(ArchiveEntry.of("req.xml", REQ), ArchiveEntry.of("req.xml", PIEV));
        List<ArchiveEntry> twiceInCase = List.of(ArchiveEntry.of("req.xml", REQ), ArchiveEntry.of("REQ.XML", PIEV));

        assertThatThrownBy(() -> writer.toBytes(twice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry name 'req.xml' occurs more than once");
        assertThatThrownBy(() -> writer.toBytes(twiceInCase))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void archive_without_entries_is_rejected() {
        assertThatThrownBy(() -> new FlatZipWriter(NOON).toBytes(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void time_outside_the_zip_date_range_is_rejected() {
        assertThatThrownBy(() -> new FlatZipWriter(LocalDateTime.of(1979, 12, 31, 23, 59)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void content_given_as_bytes_is_copied_so_later_changes_do_not_leak_in() throws Exception {
        byte[] content = "original".getBytes(StandardCharsets.UTF_8);
        ArchiveEntry entry = ArchiveEntry.of("req.xml", content);
        byte[] before = new FlatZipWriter(NOON).toBytes(List.of(entry));

        content[0] = 'X';

        assertThat(new FlatZipWriter(NOON).toBytes(List.of(entry))).isEqualTo(before);
    }

    /** Records whether the writer closed the caller's stream. */
    private static final class ClosingWatch extends ByteArrayOutputStream {

        private boolean closed;

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
