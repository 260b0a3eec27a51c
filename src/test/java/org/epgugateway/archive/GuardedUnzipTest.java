package org.epgugateway.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.epgugateway.archive.UnsafeArchiveException.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Specifies how answer archives are extracted and which archives are refused.
 */
class GuardedUnzipTest {

    private static final byte[] ANSWER = "<answer>нет производств</answer>".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path work;

    private Path outbox;
    private Path target;

    @BeforeEach
    void folders() throws IOException {
        outbox = Files.createDirectory(work.resolve("outbox"));
        target = Files.createDirectory(outbox.resolve("drop"));
    }

    @Test
    void archive_written_by_the_flat_zip_writer_comes_back_unchanged() throws Exception {
        byte[] signature = new byte[300];
        Arrays.fill(signature, (byte) 7);
        List<ArchiveEntry> entries =
                List.of(ArchiveEntry.of("answer.xml", ANSWER), ArchiveEntry.of("answer.xml.sig", signature));
        byte[] archive = new FlatZipWriter(LocalDateTime.of(2026, 12, 4, 12, 0)).toBytes(entries);

        List<String> names = new GuardedUnzip(ArchiveLimits.defaults())
                .extract(new ByteArrayInputStream(archive), target);

        assertThat(names).containsExactly("answer.xml", "answer.xml.sig");
        assertThat(target.resolve("answer.xml")).hasBinaryContent(ANSWER);
        assertThat(target.resolve("answer.xml.sig")).hasBinaryContent(signature);
        assertThat(filesUnder(target)).containsExactlyInAnyOrder("answer.xml", "answer.xml.sig");
    }

    @Test
    void archive_file_is_extracted_beside_files_already_in_the_folder() throws Exception {
        Files.writeString(target.resolve("status.json"), "{}");
        Path archive = work.resolve("piev_epgu.zip");
        Files.write(archive, TestArchives.zip(Map.of("answer.xml", ANSWER)));

        List<String> names = new GuardedUnzip(ArchiveLimits.defaults()).extract(archive, target);

        assertThat(names).containsExactly("answer.xml");
        assertThat(filesUnder(target)).containsExactlyInAnyOrder("answer.xml", "status.json");
        assertThat(archive).exists();
    }

    @Test
    void empty_archive_extracts_nothing() throws Exception {
        byte[] archive = TestArchives.zip(Map.of());

        List<String> names = new GuardedUnzip(ArchiveLimits.defaults())
                .extract(new ByteArrayInputStream(archive), target);

        assertThat(names).isEmpty();
        assertThat(filesUnder(target)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escaped.txt", "x/../../escaped.txt", "..", "..\\escaped.txt", "a/../../escaped.txt"})
    void entry_climbing_out_with_dot_dot_is_refused(String name) throws Exception {
        UnsafeArchiveException refusal = refusalOf(TestArchives.zipWithName(name));

        assertThat(refusal.code()).isEqualTo("ARCHIVE_PATH_TRAVERSAL");
        assertThat(refusal).hasMessageContaining("would land outside the target folder");
        assertNothingWritten();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/escaped.txt", "\\escaped.txt", "C:\\escaped.txt", "c:escaped.txt", "D:/escaped.txt"})
    void entry_with_absolute_path_or_drive_letter_is_refused(String name) throws Exception {
        UnsafeArchiveException refusal = refusalOf(TestArchives.zipWithName(name));

        assertThat(refusal.reason()).isEqualTo(Reason.PATH_TRAVERSAL);
        assertNothingWritten();
    }

    // an archive made on Windows may separate folders with backslashes; they count as folders too
    @ParameterizedTest
    @ValueSource(strings = {"docs/answer.xml", "docs/", "docs\\answer.xml"})
    void entry_in_a_folder_or_a_folder_entry_is_refused(String name) throws Exception {
        UnsafeArchiveException refusal = refusalOf(TestArchives.zipWithName(name));

        assertThat(refusal.code()).isEqualTo("ARCHIVE_NESTED_FOLDER");
        assertNothingWritten();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "...", "CON", "nul.txt", "answer.xml.", "a\u0000b.xml", "answer?.xml"})
    void entry_with_a_name_no_file_system_should_see_is_refused(String name) throws Exception {
        UnsafeArchiveException refusal = refusalOf(TestArchives.zipWithName(name));

        assertThat(refusal.reason()).isEqualTo(Reason.BAD_NAME);
        assertThat(refusal.getMessage()).doesNotContain("\u0000");
        assertNothingWritten();
    }

    @Test
    void backslash_in_a_name_from_a_unix_archiver_is_refused() throws Exception {
        byte[] archive = TestArchives.unixZipWithName("docs\\answer.xml");

        UnsafeArchiveException refusal = refusalOf(archive);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_BAD_NAME");
        assertThat(refusal).hasMessage("entry 'docs\\answer.xml' contains a backslash");
        assertNothingWritten();
    }

    @Test
    void symbolic_link_is_refused() throws Exception {
        byte[] archive = TestArchives.symlinkZip("answer.xml", "/etc/passwd");

        UnsafeArchiveException refusal = refusalOf(archive);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_SYMLINK");
        assertThat(refusal).hasMessage("entry 'answer.xml' is a symbolic link; links are never extracted");
        assertNothingWritten();
    }

    @Test
    void archive_with_ten_thousand_entries_is_refused_before_anything_is_written() throws Exception {
        byte[] archive = TestArchives.manyEntries(10_000);

        UnsafeArchiveException refusal = refusalOf(archive);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_TOO_MANY_ENTRIES");
        assertThat(refusal).hasMessage("archive declares 10000 entries, more than the limit of 1000");
        assertNothingWritten();
    }

    @Test
    void archive_that_understates_its_entry_count_is_still_refused() throws Exception {
        byte[] archive = TestArchives.declareEntryCount(TestArchives.manyEntries(1_001), 3);

        UnsafeArchiveException refusal = refusalOf(archive);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_TOO_MANY_ENTRIES");
        assertThat(refusal).hasMessage("archive holds more than 1000 entries");
        assertNothingWritten();
    }

    @Test
    void zip_bomb_is_refused_by_its_compression_ratio() throws Exception {
        byte[] zeros = new byte[8 * 1024 * 1024];
        byte[] archive = TestArchives.zip(Map.of("answer.xml", zeros));
        assertThat(archive.length).isLessThan(zeros.length / 500);

        UnsafeArchiveException refusal = refusalOf(archive);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_RATIO");
        assertThat(refusal).hasMessageContaining("'answer.xml' unpacks to more than 100 times its packed size");
        assertNothingWritten();
    }

    @Test
    void entry_larger_than_its_cap_is_refused_even_when_its_header_claims_a_small_size() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024];
        Arrays.fill(content, (byte) 'a');
        // uncompressed size field of the central directory header claims 10 bytes
        byte[] archive = TestArchives.patchCentralHeaders(TestArchives.zip(Map.of("answer.xml", content)), 24, 10);
        ArchiveLimits limits = ArchiveLimits.defaults().withMaxEntryBytes(1024 * 1024).withMaxCompressionRatio(10_000);

        UnsafeArchiveException refusal = refusalOf(archive, limits);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_ENTRY_TOO_LARGE");
        assertThat(refusal).hasMessage("entry 'answer.xml' unpacks to more than 1048576 bytes");
        assertNothingWritten();
    }

    @Test
    void entries_over_the_total_cap_are_refused_and_earlier_entries_removed() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("one.bin", randomBytes(400_000, 1));
        entries.put("two.bin", randomBytes(400_000, 2));
        entries.put("three.bin", randomBytes(400_000, 3));
        ArchiveLimits limits = ArchiveLimits.defaults().withMaxTotalBytes(1_000_000);

        UnsafeArchiveException refusal = refusalOf(TestArchives.zip(entries), limits);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_TOO_LARGE");
        assertThat(refusal).hasMessageContaining("'three.bin'");
        assertNothingWritten();
    }

    @Test
    void endless_body_is_refused_at_the_archive_size_cap_without_reading_on() throws Exception {
        ArchiveLimits limits = ArchiveLimits.defaults().withMaxArchiveBytes(64 * 1024);
        EndlessInput body = new EndlessInput();

        UnsafeArchiveException refusal = catchThrowableOfType(
                () -> new GuardedUnzip(limits).extract(body, target), UnsafeArchiveException.class);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_TOO_LARGE");
        assertThat(body.served).isEqualTo(64 * 1024 + 1);
        assertNothingWritten();
    }

    @Test
    void archive_file_over_the_size_cap_is_refused_without_opening_it() throws Exception {
        Path archive = work.resolve("big.zip");
        Files.write(archive, TestArchives.storedZip("answer.bin", randomBytes(200_000, 4)));
        ArchiveLimits limits = ArchiveLimits.defaults().withMaxArchiveBytes(100_000);

        UnsafeArchiveException refusal = catchThrowableOfType(
                () -> new GuardedUnzip(limits).extract(archive, target), UnsafeArchiveException.class);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_TOO_LARGE");
        assertThat(filesUnder(target)).isEmpty();
    }

    @Test
    void body_that_is_not_a_zip_is_refused_with_a_glimpse_of_what_it_is() throws Exception {
        byte[] body = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.US_ASCII);

        UnsafeArchiveException refusal = refusalOf(body);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_NOT_ZIP");
        assertThat(refusal).hasMessage("archive is not a ZIP file; it starts with '<html><body>502 '");
        assertNothingWritten();
    }

    @Test
    void empty_body_is_refused_as_not_a_zip() throws Exception {
        UnsafeArchiveException refusal = refusalOf(new byte[0]);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_NOT_ZIP");
        assertThat(refusal).hasMessage("archive is empty (0 bytes)");
    }

    @Test
    void truncated_archive_is_refused_as_damaged() throws Exception {
        byte[] archive = TestArchives.zip(Map.of("answer.xml", ANSWER, "other.xml", ANSWER));

        UnsafeArchiveException refusal = refusalOf(Arrays.copyOf(archive, archive.length / 2));

        assertThat(refusal.code()).isEqualTo("ARCHIVE_NOT_ZIP");
        assertNothingWritten();
    }

    @Test
    void entry_whose_bytes_do_not_match_its_checksum_is_refused_as_damaged() throws Exception {
        // CRC-32 field of the central directory header
        byte[] archive = TestArchives.patchCentralHeaders(TestArchives.zip(Map.of("answer.xml", ANSWER)), 16, 42);

        UnsafeArchiveException refusal = refusalOf(archive);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_NOT_ZIP");
        assertThat(refusal).hasMessage("entry 'answer.xml' is damaged (checksum mismatch)");
        assertNothingWritten();
    }

    @Test
    void entry_compressed_with_another_method_is_refused() throws Exception {
        // compression method field of the central directory header: 12 is bzip2
        byte[] archive = TestArchives.patchCentralHeadersShort(TestArchives.zip(Map.of("answer.xml", ANSWER)), 10, 12);

        UnsafeArchiveException refusal = refusalOf(archive);

        assertThat(refusal.code()).isEqualTo("ARCHIVE_UNSUPPORTED");
        assertNothingWritten();
    }

    @Test
    void entry_that_would_replace_a_file_in_the_folder_is_refused_and_the_file_kept() throws Exception {
        Files.writeString(target.resolve("status.json"), "{\"state\":\"SUBMITTED\"}");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("answer.xml", ANSWER);
        entries.put("status.json", "{\"state\":\"FORGED\"}".getBytes(StandardCharsets.UTF_8));

        UnsafeArchiveException refusal = refusalOf(TestArchives.zip(entries));

        assertThat(refusal.code()).isEqualTo("ARCHIVE_NAME_CONFLICT");
        assertThat(target.resolve("status.json")).hasContent("{\"state\":\"SUBMITTED\"}");
        assertThat(filesUnder(target)).containsExactly("status.json");
    }

    @Test
    void names_that_differ_only_in_case_are_refused() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("answer.xml", ANSWER);
        entries.put("ANSWER.xml", ANSWER);

        UnsafeArchiveException refusal = refusalOf(TestArchives.zip(entries));

        assertThat(refusal.code()).isEqualTo("ARCHIVE_NAME_CONFLICT");
        assertNothingWritten();
    }

    @Test
    void missing_target_folder_is_an_io_error_not_an_archive_problem() {
        Path missing = outbox.resolve("missing");

        Throwable thrown = catchThrowableOfType(() -> new GuardedUnzip(ArchiveLimits.defaults())
                .extract(new ByteArrayInputStream(new byte[0]), missing), IOException.class);

        assertThat(thrown).hasMessageContaining("target folder does not exist");
    }

    private UnsafeArchiveException refusalOf(byte[] archive) {
        return refusalOf(archive, ArchiveLimits.defaults());
    }

    private UnsafeArchiveException refusalOf(byte[] archive, ArchiveLimits limits) {
        UnsafeArchiveException refusal = catchThrowableOfType(
                () -> new GuardedUnzip(limits).extract(new ByteArrayInputStream(archive), target),
                UnsafeArchiveException.class);
        assertThat(refusal).as("archive should have been refused").isNotNull();
        return refusal;
    }

    /** Nothing in the target folder, and nothing anywhere else under the working folder. */
    private void assertNothingWritten() throws IOException {
        try (Stream<Path> all = Files.walk(work)) {
            assertThat(all.map(work::relativize).map(Path::toString).collect(Collectors.toList()))
                    .containsExactlyInAnyOrder("", "outbox", "outbox" + work.getFileSystem().getSeparator() + "drop");
        }
    }

    private static List<String> filesUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toList());
        }
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A body that never ends and counts how many bytes it handed out. */
    private static final class EndlessInput extends InputStream {

        private long served;

        @Override
        public int read() {
            served++;
            return 'P';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            Arrays.fill(buffer, offset, offset + length, (byte) 'P');
            served += length;
            return length;
        }
    }
}
