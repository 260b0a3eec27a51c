package org.epgugateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.epgugateway.testsupport.GatewayHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad files back-office systems drop, one test each: each ends in the dead-letter folder with a reason a person
 * can act on, or is processed correctly; the gateway stays healthy throughout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTest {

    private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    private static final AtomicInteger APPLICANTS = new AtomicInteger();

    @TempDir
    static Path root;

    private static GatewayHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = GatewayHarness.start(root, s -> s, Map.of("gateway.keep-sent-archives", "true"));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    /** A valid application of its own applicant, so no two cases are duplicates of each other. */
    private static String application() {
        String snils = String.format("2%010d", APPLICANTS.incrementAndGet());
        return new String(GatewayHarness.sample("no-proceedings.xml"), StandardCharsets.UTF_8)
                .replace("00033344400", snils);
    }

    private static JsonNode dropAndWait(String name, byte[] content) {
        harness.drop(name, content);
        String base = name.toLowerCase(Locale.ROOT).endsWith(".xml")
                ? name.substring(0, name.length() - 4) : name;
        return harness.awaitFinal(base.startsWith(".") ? "_" + base.substring(1) : base, Duration.ofSeconds(40));
    }

    private static void assertDeadLettered(JsonNode status, String code, String reason) {
        assertThat(status.path("state").asText()).isEqualTo("FAILED");
        assertThat(status.path("error").path("code").asText()).isEqualTo(code);
        assertThat(status.path("error").path("message").asText()).containsIgnoringCase(reason);
        String deadLetter = status.path("error").path("deadLetter").asText();
        assertThat(harness.deadLetter().resolve(deadLetter)).exists();
        assertThat(harness.deadLetter().resolve(deadLetter + ".error.json")).exists();
    }

    private static void assertDone(JsonNode status) {
        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("DONE");
    }

    @Test
    void binary_content_is_not_xml() {
        JsonNode status = dropAndWait("binary.xml", new byte[] {0x50, 0x4b, 0x03, 0x04, 0x00, 0x7f, (byte) 0xff});

        assertDeadLettered(status, "NOT_XML", "not well-formed");
    }

    @Test
    void truncated_xml_is_not_well_formed() {
        String xml = application();

        JsonNode status = dropAndWait("truncated.xml", xml.substring(0, xml.length() / 2)
                .getBytes(StandardCharsets.UTF_8));

        assertDeadLettered(status, "NOT_XML", "line");
    }

    @Test
    void an_empty_file_is_refused_as_empty() {
        JsonNode status = dropAndWait("empty.xml", new byte[0]);

        assertDeadLettered(status, "EMPTY", "empty");
    }

    @Test
    void whitespace_only_is_not_xml() {
        JsonNode status = dropAndWait("blank.xml", "  \n\t\n".getBytes(StandardCharsets.UTF_8));

        assertDeadLettered(status, "NOT_XML", "xml");
    }

    @Test
    void a_utf8_byte_order_mark_is_accepted() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
        bytes.writeBytes(application().getBytes(StandardCharsets.UTF_8));

        JsonNode status = dropAndWait("with-bom.xml", bytes.toByteArray());

        assertDone(status);
    }

    @Test
    void windows_1251_is_accepted_and_sent_as_utf8_without_mangling() throws Exception {
        String xml = application().replace("encoding=\"UTF-8\"", "encoding=\"windows-1251\"");

        JsonNode status = dropAndWait("cp1251.xml", xml.getBytes(WINDOWS_1251));

        assertDone(status);
        Path sent = harness.work().resolve("sent").resolve("cp1251-" + status.path("orderId").asText() + ".zip");
        try (ZipFile zip = new ZipFile(sent.toFile())) {
            String business = new String(zip.getInputStream(zip.getEntry("piev_epgu.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(business).contains("encoding=\"UTF-8\"").contains("Заявление о предоставлении информации");
        }
    }

    @Test
    void utf16_is_accepted() {
        String xml = application().replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");

        JsonNode status = dropAndWait("utf16.xml", xml.getBytes(StandardCharsets.UTF_16));

        assertDone(status);
    }

    @Test
    void a_declared_encoding_that_lies_is_refused() {
        String xml = application();

        JsonNode status = dropAndWait("lying-encoding.xml", xml.getBytes(WINDOWS_1251));

        assertDeadLettered(status, "NOT_XML", "xml");
    }

    @Test
    void utf8_bytes_declared_as_windows_1251_are_refused_not_sent_as_mojibake() {
        String xml = application().replace("encoding=\"UTF-8\"", "encoding=\"windows-1251\"");

        JsonNode status = dropAndWait("utf8-as-cp1251.xml", xml.getBytes(StandardCharsets.UTF_8));

        assertDeadLettered(status, "NOT_XML", "look like UTF-8");
        assertThat(status.path("error").path("message").asText()).contains("windows-1251");
    }

    @Test
    void a_byte_the_declared_code_page_leaves_undefined_is_refused_not_replaced() {
        String xml = application().replace("encoding=\"UTF-8\"", "encoding=\"windows-1251\"")
                .replace("Стебельков", "Стебель#ков");
        byte[] bytes = xml.getBytes(WINDOWS_1251);
        // 0x98 is the one byte windows-1251 does not define; a lenient decoder turns it into U+FFFD
        bytes[indexOf(bytes, (byte) '#')] = (byte) 0x98;

        JsonNode status = dropAndWait("undefined-byte.xml", bytes);

        assertDeadLettered(status, "NOT_XML", "0x98");
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new AssertionError("no " + (char) wanted + " in the document");
    }

    @Test
    void control_characters_are_refused() {
        String xml = application().replace("<fssp:DocDate>", "<fssp:DocDate>\u0001");

        JsonNode status = dropAndWait("control-char.xml", xml.getBytes(StandardCharsets.UTF_8));

        assertDeadLettered(status, "NOT_XML", "invalid");
    }

    @Test
    void an_external_entity_is_refused_and_never_fetched() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        HttpServer bait = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bait.createContext("/", exchange -> {
            fetches.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
        });
        bait.start();
        try {
            String url = "http://127.0.0.1:" + bait.getAddress().getPort() + "/secret";
            String xml = application().replaceFirst("<fssp:IRequest", "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + url
                    + "\"><!ENTITY y SYSTEM \"file:///etc/passwd\">]>\n<fssp:IRequest")
                    .replace("<fssp:DocName>", "<fssp:DocName>&x;&y;");

            JsonNode status = dropAndWait("xxe.xml", xml.getBytes(StandardCharsets.UTF_8));

            assertDeadLettered(status, "DTD_FORBIDDEN", "DOCTYPE");
            assertThat(fetches).hasValue(0);
            assertThat(status.toString()).doesNotContain("root:");
        } finally {
            bait.stop(0);
        }
    }

    @Test
    void entity_expansion_is_refused_at_once() {
        StringBuilder laughs = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]>\n<lolz>&lol9;</lolz>");

        JsonNode status = dropAndWait("billion-laughs.xml", laughs.toString().getBytes(StandardCharsets.UTF_8));

        assertDeadLettered(status, "DTD_FORBIDDEN", "entities");
    }

    @Test
    void xinclude_is_not_expanded() {
        String xml = application().replace("<fssp:DocName>", "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\""
                + " href=\"file:///etc/passwd\" parse=\"text\"/><fssp:DocName>");

        JsonNode status = dropAndWait("xinclude.xml", xml.getBytes(StandardCharsets.UTF_8));

        assertDeadLettered(status, "SCHEMA", "include");
        assertThat(status.toString()).doesNotContain("root:");
    }

    @Test
    void absurd_nesting_is_refused() {
        String xml = "<a>".repeat(5000) + "</a>".repeat(5000);

        JsonNode status = dropAndWait("deep.xml", xml.getBytes(StandardCharsets.UTF_8));

        assertDeadLettered(status, "NOT_XML", "depth");
    }

    @Test
    void a_200_megabyte_drop_is_refused_by_its_size_without_being_read_into_memory() throws Exception {
        Path big = root.resolve("big.xml.part");
        try (OutputStream out = Files.newOutputStream(big)) {
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) ' ');
            out.write("<fssp:IRequest xmlns:fssp=\"http://www.fssprus.ru/namespace/incoming/2019/1\">"
                    .getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 200; i++) {
                out.write(chunk);
            }
        }
        Files.createDirectories(harness.inbox());
        Files.move(big, harness.inbox().resolve("big.xml"), StandardCopyOption.ATOMIC_MOVE);

        JsonNode status = harness.awaitFinal("big", Duration.ofSeconds(60));

        assertDeadLettered(status, "TOO_LARGE", "gateway.max-drop-size");
        assertThat(Files.size(harness.deadLetter().resolve("big.xml"))).isGreaterThan(200L * 1024 * 1024);
    }

    @Test
    void a_large_drop_below_the_limit_is_streamed_and_sent() {
        String xml = application().replace("<fssp:DocType>", "<!-- " + "x".repeat(5 * 1024 * 1024)
                + " --><fssp:DocType>");

        JsonNode status = dropAndWait("large-comment.xml", xml.getBytes(StandardCharsets.UTF_8));

        assertDone(status);
    }

    @Test
    void a_text_of_several_megabytes_is_refused_before_its_schema_is_checked() {
        // pattern facets would take hours over a value this long
        String xml = application().replace("<fssp:DocName>", "<fssp:DocName>" + "я".repeat(3 * 1024 * 1024));

        JsonNode status = dropAndWait("long-text.xml", xml.getBytes(StandardCharsets.UTF_8));

        assertDeadLettered(status, "TEXT_TOO_LONG", "fssp:DocName");
        assertThat(status.path("error").path("message").asText()).contains("10000 characters");
    }

    @Test
    void a_wrong_namespace_is_an_unknown_document() {
        String xml = application().replace("http://www.fssprus.ru/namespace/incoming/2019/1", "urn:other");

        JsonNode status = dropAndWait("wrong-namespace.xml", xml.getBytes(StandardCharsets.UTF_8));

        assertDeadLettered(status, "UNKNOWN_DOCUMENT", "urn:other");
    }

    @Test
    void a_wrong_root_is_an_unknown_document() {
        JsonNode status = dropAndWait("wrong-root.xml", "<?xml version=\"1.0\"?><invoice><sum>1</sum></invoice>"
                .getBytes(StandardCharsets.UTF_8));

        assertDeadLettered(status, "UNKNOWN_DOCUMENT", "invoice");
    }

    @Test
    void a_schema_violation_names_the_line_and_the_field() {
        String xml = application().replace("<fssp:ComplainerType>1</fssp:ComplainerType>",
                "<fssp:ComplainerType>7</fssp:ComplainerType>");

        JsonNode status = dropAndWait("bad-side.xml", xml.getBytes(StandardCharsets.UTF_8));

        assertDeadLettered(status, "SCHEMA", "line");
    }

    @Test
    void another_organisation_is_refused_before_anything_is_sent() {
        String xml = application().replace("1027700123450", "1027700543210");

        JsonNode status = dropAndWait("other-org.xml", xml.getBytes(StandardCharsets.UTF_8));

        assertDeadLettered(status, "ORGANISATION_MISMATCH", "1027700543210");
    }

    @Test
    void a_cyrillic_name_with_spaces_keeps_its_folder_name() {
        JsonNode status = dropAndWait("Заявление Иванова.xml", application().getBytes(StandardCharsets.UTF_8));

        assertDone(status);
        assertThat(status.path("folder").asText()).isEqualTo("Заявление Иванова");
    }

    @Test
    void dots_in_a_name_stay_inside_the_outbox() {
        JsonNode inner = dropAndWait("a..b.xml", application().getBytes(StandardCharsets.UTF_8));

        assertDone(inner);
        assertThat(inner.path("folder").asText()).isEqualTo("a..b");
    }

    @Test
    void a_name_at_the_length_limit_gets_a_shorter_folder_and_is_sent() {
        String name = "a".repeat(240);
        harness.drop(name + ".xml", application().getBytes(StandardCharsets.UTF_8));

        JsonNode status = harness.awaitFinal(name.substring(0, 180), Duration.ofSeconds(40));

        assertDone(status);
    }

    @Test
    void a_long_cyrillic_name_fits_the_dead_letter_folder() {
        String name = "Ж".repeat(125);
        harness.drop(name + ".xml", "not xml".getBytes(StandardCharsets.UTF_8));

        // 90 Cyrillic letters are 180 bytes: room left for the dead letter's suffixes and temporary names
        JsonNode status = harness.awaitFinal(name.substring(0, 90), Duration.ofSeconds(40));

        assertDeadLettered(status, "NOT_XML", "not well-formed");
        assertThat(status.path("error").path("deadLetter").asText()).isEqualTo(name.substring(0, 90) + ".xml");
    }

    @Test
    void a_hidden_file_is_not_taken_until_renamed() throws Exception {
        Files.createDirectories(harness.inbox());
        Path hidden = harness.inbox().resolve(".upload-in-progress.xml");
        Files.writeString(hidden, application());

        // several scans, each well past the stable time, leave it alone
        Thread.sleep(2000);
        assertThat(hidden).exists();
        assertThat(harness.outbox().resolve("_upload-in-progress")).doesNotExist();

        Files.move(hidden, harness.inbox().resolve("upload-finished.xml"));
        assertDone(harness.awaitFinal("upload-finished", Duration.ofSeconds(40)));
    }

    @Test
    void a_file_still_being_written_is_not_taken_until_renamed() throws Exception {
        Path part = harness.inbox().resolve("slow.xml.part");
        Files.createDirectories(harness.inbox());
        Files.writeString(part, application().substring(0, 200));

        Thread.sleep(1500);
        boolean takenEarly = Files.exists(harness.outbox().resolve("slow"));
        Files.writeString(part, application());
        Files.move(part, harness.inbox().resolve("slow.xml"), StandardCopyOption.ATOMIC_MOVE);
        JsonNode status = harness.awaitFinal("slow", Duration.ofSeconds(40));

        assertThat(takenEarly).isFalse();
        assertDone(status);
    }

    @Test
    void the_same_name_dropped_twice_gets_two_folders() {
        JsonNode first = dropAndWait("twice.xml", application().getBytes(StandardCharsets.UTF_8));
        harness.drop("twice.xml", application().getBytes(StandardCharsets.UTF_8));
        JsonNode second = harness.awaitFinal("twice~2", Duration.ofSeconds(40));

        assertDone(first);
        assertDone(second);
        assertThat(second.path("drop").asText()).isEqualTo("twice.xml");
        assertThat(second.path("orderId").asLong()).isNotEqualTo(first.path("orderId").asLong());
    }

    @Test
    void the_same_content_dropped_again_is_a_duplicate() {
        byte[] content = application().getBytes(StandardCharsets.UTF_8);
        JsonNode first = dropAndWait("original.xml", content);

        JsonNode copy = dropAndWait("copy.xml", content);

        assertDone(first);
        assertThat(copy.path("state").asText()).isEqualTo("DUPLICATE");
        assertThat(copy.path("duplicateOf").path("folder").asText()).isEqualTo("original");
    }

    @Test
    void an_order_number_already_in_the_drop_is_replaced() {
        String xml = application().replace("<fssp:ExternalKey>0</fssp:ExternalKey>",
                "<fssp:ExternalKey>1234567890</fssp:ExternalKey>");

        JsonNode status = dropAndWait("stale-key.xml", xml.getBytes(StandardCharsets.UTF_8));

        assertDone(status);
    }

    @Test
    void comments_and_processing_instructions_are_fine() {
        String xml = application().replace("<fssp:DocType>", "<!-- from the accounting system --><?audit id=\"7\"?>"
                + "<fssp:DocType>");

        JsonNode status = dropAndWait("annotated.xml", xml.getBytes(StandardCharsets.UTF_8));

        assertDone(status);
    }

    @Test
    void files_that_are_not_xml_drops_are_left_alone() throws Exception {
        Files.createDirectories(harness.inbox());
        Files.writeString(harness.inbox().resolve("notes.txt"), "not a drop");

        Thread.sleep(1500);

        assertThat(harness.inbox().resolve("notes.txt")).exists();
        assertThat(harness.outbox().resolve("notes")).doesNotExist();
    }

    @Test
    void a_symbolic_link_is_never_followed() throws Exception {
        Path target = root.resolve("outside.xml");
        Files.writeString(target, application());
        Files.createDirectories(harness.inbox());
        Files.createSymbolicLink(harness.inbox().resolve("link.xml"), target);

        Thread.sleep(1500);

        assertThat(harness.outbox().resolve("link")).doesNotExist();
        assertThat(target).exists();
    }

    @Test
    void a_named_pipe_in_the_inbox_is_left_alone_while_other_drops_are_taken() throws Exception {
        Files.createDirectories(harness.inbox());
        Path fifo = harness.inbox().resolve("x.xml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        assertThat(mkfifo.waitFor()).as(new String(mkfifo.getInputStream().readAllBytes())).isZero();
        try {
            // a reader of the pipe would wait for a writer forever, and no drop after it would be taken
            Thread.sleep(1500);

            JsonNode status = dropAndWait("beside-a-pipe.xml", application().getBytes(StandardCharsets.UTF_8));

            assertDone(status);
            assertThat(fifo).exists();
            assertThat(harness.outbox().resolve("x")).doesNotExist();
        } finally {
            Files.delete(fifo);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void the_gateway_is_still_ready_after_the_corpus() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + harness.managementPort() + "/observe/health/ready");

        int status = await().atMost(Duration.ofSeconds(15)).until(
                () -> http.send(HttpRequest.newBuilder(ready).build(), BodyHandlers.discarding()).statusCode(),
                code -> code == 200);

        assertThat(status).isEqualTo(200);
    }
}
