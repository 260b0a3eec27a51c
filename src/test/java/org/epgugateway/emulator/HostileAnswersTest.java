package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile answer archives: what they claim to be is what their bytes are, read in memory without unpacking to disk.
 */
class HostileAnswersTest {

    private static final long GIB = 1L << 30;
    private static final int MIB = 1 << 20;

    @RegisterExtension
    static final TestEmulator emulator = new TestEmulator();

    @Test
    void a_path_traversal_archive_holds_the_genuine_answer_and_entries_that_climb_out() throws Exception {
        emulator.start(FaultPlan.none());

        HttpResponse<byte[]> answer = hostileAnswer(HostileArchive.PATH_TRAVERSAL);

        assertThat(names(answer.body())).containsExactly("answer.xml", "../../escaped.txt", "a/../../escaped.txt");
        assertThat(emulator.journal().faults(FaultKind.PATH_TRAVERSAL_ARCHIVE)).isEqualTo(1);
    }

    @Test
    void an_absolute_path_archive_holds_an_entry_under_an_absolute_path() throws Exception {
        emulator.start(FaultPlan.none());

        HttpResponse<byte[]> answer = hostileAnswer(HostileArchive.ABSOLUTE_PATH);

        assertThat(names(answer.body())).containsExactly("answer.xml", "/tmp/epgu-escaped.txt");
    }

    @Test
    void a_symlink_archive_holds_a_symbolic_link_to_a_system_file() throws Exception {
        emulator.start(FaultPlan.none());

        HttpResponse<byte[]> answer = hostileAnswer(HostileArchive.SYMLINK);

        try (ZipFile zip = open(answer.body())) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            assertThat(entries).extracting(ZipArchiveEntry::getName).containsExactly("answer.xml", "passwd");
            assertThat(entries.get(0).isUnixSymlink()).isFalse();
            assertThat(entries.get(1).isUnixSymlink()).isTrue();
            assertThat(zip.getUnixSymlink(entries.get(1))).isEqualTo("/etc/passwd");
        }
    }

    @Test
    void a_many_entries_archive_holds_10_000_entries_in_little_more_than_a_megabyte() throws Exception {
        emulator.start(FaultPlan.none());

        HttpResponse<byte[]> answer = hostileAnswer(HostileArchive.MANY_ENTRIES);

        assertThat(answer.body().length).isLessThan(2 * MIB);
        try (ZipFile zip = open(answer.body())) {
            assertThat(Collections.list(zip.getEntries())).hasSize(10_000)
                    .extracting(ZipArchiveEntry::getName).doesNotHaveDuplicates();
        }
    }

    @Test
    void a_zip_bomb_is_small_on_the_wire_and_truly_unpacks_to_a_gibibyte() throws Exception {
        emulator.start(FaultPlan.none());

        HttpResponse<byte[]> answer = hostileAnswer(HostileArchive.ZIP_BOMB);

        byte[] bytes = answer.body();
        assertThat(bytes.length).isLessThan(2 * MIB);
        try (ZipFile zip = open(bytes)) {
            ZipArchiveEntry entry = Collections.list(zip.getEntries()).get(0);
            assertThat(entry.getName()).isEqualTo("answer.xml");
            assertThat(entry.getSize()).isEqualTo(GIB);
            assertThat(entry.getSize() / entry.getCompressedSize()).isGreaterThan(500);
        }
        // the local header states the size too, and the stream checks CRC and size when the entry ends
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry = zip.getNextEntry();
            assertThat(entry.getName()).isEqualTo("answer.xml");
            assertThat(entry.getSize()).isEqualTo(GIB);
            assertThat(countBytes(zip)).isEqualTo(GIB);
            assertThat(zip.getNextEntry()).isNull();
        }
    }

    @Test
    void a_non_zip_answer_is_served_as_application_zip_and_holds_no_entry() throws Exception {
        emulator.start(FaultPlan.none());

        HttpResponse<byte[]> answer = hostileAnswer(HostileArchive.NOT_A_ZIP);

        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(new String(answer.body(), 0, 2, StandardCharsets.US_ASCII)).isNotEqualTo("PK");
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(answer.body()))) {
            assertThat(zip.getNextEntry()).isNull();
        }
    }

    @Test
    void the_order_details_state_the_size_of_the_hostile_file_served() throws Exception {
        EmulatorClient client = emulator.start(FaultPlan.none());
        String token = emulator.token();
        long orderId = client.reserve(token);
        emulator.faults().serveHostileAnswer(orderId, HostileArchive.MANY_ENTRIES);
        client.pushWhole(token, orderId, Application.forOrder(orderId).zip());

        JsonNode order = client.order(token, orderId);
        byte[] served = download(order).body();

        assertThat(order.get("orderResponseFiles").get(0).get("fileSize").asLong()).isEqualTo(served.length);
    }

    @Test
    void a_plan_serves_its_flavours_in_turn() throws Exception {
        emulator.start(FaultPlan.none().withHostileAnswers(1.0, HostileArchive.ZIP_BOMB, HostileArchive.NOT_A_ZIP));

        byte[] first = answerOfNewOrder();
        byte[] second = answerOfNewOrder();
        byte[] third = answerOfNewOrder();

        assertThat(first.length).isGreaterThan(MIB / 2);
        assertThat(new String(second, StandardCharsets.US_ASCII)).startsWith("<html>");
        assertThat(third).isEqualTo(first);
        assertThat(emulator.journal().faults(FaultKind.ZIP_BOMB_ARCHIVE)).isEqualTo(2);
        assertThat(emulator.journal().faults(FaultKind.NOT_A_ZIP_ARCHIVE)).isEqualTo(1);
    }

    @Test
    void hostile_answers_for_all_orders_last_until_the_test_stops_them() throws Exception {
        emulator.start(FaultPlan.none());

        emulator.faults().serveHostileAnswers(HostileArchive.ABSOLUTE_PATH);
        byte[] hostile = answerOfNewOrder();
        emulator.faults().stopHostileAnswers();
        byte[] genuine = answerOfNewOrder();

        assertThat(names(hostile)).contains("/tmp/epgu-escaped.txt");
        assertThat(names(genuine)).containsExactly("answer.xml");
    }

    private HttpResponse<byte[]> hostileAnswer(HostileArchive flavour) throws Exception {
        EmulatorClient client = emulator.client();
        String token = emulator.token();
        long orderId = client.reserve(token);
        emulator.faults().serveHostileAnswer(orderId, flavour);
        client.pushWhole(token, orderId, Application.forOrder(orderId).zip());
        HttpResponse<byte[]> answer = download(client.order(token, orderId));
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer;
    }

    private byte[] answerOfNewOrder() throws Exception {
        EmulatorClient client = emulator.client();
        String token = emulator.token();
        long orderId = client.reserve(token);
        client.pushWhole(token, orderId, Application.forOrder(orderId).zip());
        return download(client.order(token, orderId)).body();
    }

    private HttpResponse<byte[]> download(JsonNode order) throws Exception {
        long objectId = order.get("currentStatusHistoryId").asLong();
        return emulator.client().download("api/gusmev/files/download/" + objectId
                + "/3?mnemonic=piev_epgu.zip&eserviceCode=60010153", emulator.token());
    }

    private static ZipFile open(byte[] zip) throws Exception {
        return ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get();
    }

    private static List<String> names(byte[] zip) throws Exception {
        try (ZipFile archive = open(zip)) {
            return Collections.list(archive.getEntries()).stream().map(ZipArchiveEntry::getName).toList();
        }
    }

    private static long countBytes(InputStream in) throws Exception {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            total += read;
        }
        return total;
    }
}
