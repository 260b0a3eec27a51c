package org.epgugateway.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.Templates;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import net.sf.saxon.TransformerFactoryImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Specifies the schemas, stylesheets and sample drops of service 60010153 as the pipeline uses them.
 */
class Service60010153DocumentsTest {

    private static final Path PROFILE = Path.of("config/services/60010153.yaml");
    private static final Path BUSINESS_SCHEMA = Path.of("schemas/60010153/piev_epgu.xsd");
    private static final Path TRANSPORT_SCHEMA = Path.of("schemas/60010153/req.xsd");
    private static final Path BUSINESS_XSLT = Path.of("config/services/60010153/piev_epgu.xsl");
    private static final Path TRANSPORT_XSLT = Path.of("config/services/60010153/req.xsl");
    private static final Path DEMO_DROPS = Path.of("src/main/resources/demo/drops");
    private static final Path TEST_DROPS = Path.of("src/test/resources/drops");

    private static final String FSSP_NS = "http://www.fssprus.ru/namespace/incoming/2019/1";
    private static final String REQ_NS = "urn://x-artifacts-fssp-ru/mvv/smev3/epgu/1.0.1";
    private static final String PLACEHOLDER_KEY = "<fssp:ExternalKey>0</fssp:ExternalKey>";

    static Stream<String> validDrops() {
        return Stream.of("proceedings-found.xml", "no-proceedings.xml", "refused.xml", "delivery-error.xml");
    }

    @ParameterizedTest
    @MethodSource("validDrops")
    void every_demo_drop_is_valid_against_the_service_schema(String drop) throws Exception {
        Path file = DEMO_DROPS.resolve(drop);

        List<String> problems = problems(BUSINESS_SCHEMA, Files.readString(file));

        assertThat(problems).isEmpty();
    }

    @Test
    void demo_drops_name_the_demo_organisation_and_their_scripted_applicant() throws Exception {
        Map<String, String> snilsByDrop = Map.of(
                "proceedings-found.xml", "00011122200",
                "no-proceedings.xml", "00033344400",
                "refused.xml", "00055566600",
                "delivery-error.xml", "00077788800");

        for (Map.Entry<String, String> expected : snilsByDrop.entrySet()) {
            Document drop = parse(Files.readString(DEMO_DROPS.resolve(expected.getKey())));

            assertThat(text(drop, FSSP_NS, "TrusteeOGRN")).isEqualTo("1027700123450");
            assertThat(text(drop, FSSP_NS, "TrusteeInn")).isEqualTo("7700123459");
            assertThat(text(drop, FSSP_NS, "TrusteeDoctype")).isEqualTo("07");
            assertThat(text(drop, FSSP_NS, "ExternalKey")).isEqualTo("0");
            assertThat(text(drop, FSSP_NS, "AuthorSnils")).isEqualTo(expected.getValue());
            assertThat(text(drop, FSSP_NS, "AuthorBackAddr")).isEqualTo(expected.getValue());
            assertThat(text(drop, FSSP_NS, "SimpleDigSignature")).isEqualTo(expected.getValue());
        }
    }

    @Test
    void drop_of_another_organisation_is_valid_but_names_a_different_ogrn() throws Exception {
        String drop = Files.readString(TEST_DROPS.resolve("wrong-organisation.xml"));

        List<String> problems = problems(BUSINESS_SCHEMA, drop);

        assertThat(problems).isEmpty();
        assertThat(text(parse(drop), FSSP_NS, "TrusteeOGRN")).isEqualTo("1027700543210");
    }

    @Test
    void drop_without_a_required_organisation_field_is_rejected() throws Exception {
        String drop = Files.readString(TEST_DROPS.resolve("fails-schema.xml"));

        List<String> problems = problems(BUSINESS_SCHEMA, drop);

        assertThat(problems).singleElement().asString().contains("TrusteeOGRN");
    }

    @Test
    void truncated_drop_is_rejected_as_not_well_formed() throws Exception {
        String drop = Files.readString(TEST_DROPS.resolve("not-well-formed.xml"));

        assertThatThrownBy(() -> problems(BUSINESS_SCHEMA, drop)).isInstanceOf(SAXException.class);
    }

    static Stream<Arguments> narrowerThanTheOfficialSchema() {
        return Stream.of(
                Arguments.of("another document type",
                        "<fssp:DocType>I_IP_EXIST_INTERACTIVE<", "<fssp:DocType>I_IPSIDE_FSSP_INTERACTIVE<"),
                Arguments.of("a representative of a natural person",
                        "<fssp:TrusteeDoctype>07<", "<fssp:TrusteeDoctype>01<"),
                Arguments.of("an INN of 12 digits (individual)",
                        "<fssp:TrusteeInn>7700123459<", "<fssp:TrusteeInn>770012345912<"),
                Arguments.of("an OGRN of 15 digits (sole trader)",
                        "<fssp:TrusteeOGRN>1027700123450<", "<fssp:TrusteeOGRN>302770012345012<"),
                Arguments.of("a SNILS with separators",
                        "<fssp:AuthorSnils>00011122200<", "<fssp:AuthorSnils>000-111-222<"),
                Arguments.of("a SNILS in non-ASCII digits",
                        "<fssp:AuthorSnils>00011122200<", "<fssp:AuthorSnils>٠٠٠١١١٢٢٢٠٠<"),
                Arguments.of("a blank applicant name",
                        "<fssp:AuthorName>Лепесткова Анна Сергеевна<", "<fssp:AuthorName>   <"),
                Arguments.of("a date with a time zone",
                        "<fssp:DocDate>2026-12-04<", "<fssp:DocDate>2026-12-04+03:00<"),
                Arguments.of("an order key longer than 60 characters",
                        PLACEHOLDER_KEY, "<fssp:ExternalKey>" + "1".repeat(61) + "</fssp:ExternalKey>"),
                Arguments.of("no addressee",
                        "fssp:Sendlist", "fssp:Addressee"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("narrowerThanTheOfficialSchema")
    void schema_rejects_what_the_service_does_not_accept(String what, String from, String to) throws Exception {
        String valid = Files.readString(DEMO_DROPS.resolve("proceedings-found.xml"));
        assertThat(valid).contains(from);

        List<String> problems = problems(BUSINESS_SCHEMA, valid.replace(from, to));

        assertThat(problems).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<fssp:ExternalKey/>", "<fssp:ExternalKey>ORDER-ID</fssp:ExternalKey>",
            "<fssp:ExternalKey>2000000001</fssp:ExternalKey>"})
    void drop_may_carry_any_placeholder_as_order_key(String key) throws Exception {
        String drop = Files.readString(DEMO_DROPS.resolve("proceedings-found.xml")).replace(PLACEHOLDER_KEY, key);

        List<String> problems = problems(BUSINESS_SCHEMA, drop);

        assertThat(problems).isEmpty();
    }

    @Test
    void business_stylesheet_stamps_the_order_number_and_changes_nothing_else() throws Exception {
        String drop = Files.readString(DEMO_DROPS.resolve("proceedings-found.xml"));

        String business = transform(BUSINESS_XSLT, drop, Map.of("orderId", "2000000001"));

        assertThat(text(parse(business), FSSP_NS, "ExternalKey")).isEqualTo("2000000001");
        assertThat(problems(BUSINESS_SCHEMA, business)).isEmpty();
        assertThat(withoutDeclaration(business))
                .isEqualTo(withoutDeclaration(drop.replace(PLACEHOLDER_KEY,
                        "<fssp:ExternalKey>2000000001</fssp:ExternalKey>")));
        assertThat(business).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    @Test
    void business_stylesheet_keeps_the_prefix_the_drop_chose() throws Exception {
        String drop = Files.readString(DEMO_DROPS.resolve("no-proceedings.xml"))
                .replace("fssp:", "p:").replace("xmlns:fssp=", "xmlns:p=");

        String business = transform(BUSINESS_XSLT, drop, Map.of("orderId", "77"));

        assertThat(business).contains("<p:ExternalKey>77</p:ExternalKey>").doesNotContain("fssp:");
    }

    @Test
    void business_stylesheet_refuses_a_missing_or_malformed_order_number() throws Exception {
        String drop = Files.readString(DEMO_DROPS.resolve("refused.xml"));

        assertThatThrownBy(() -> transform(BUSINESS_XSLT, drop, Map.of()))
                .isInstanceOf(TransformerException.class)
                .hasMessageContaining("orderId");
        assertThatThrownBy(() -> transform(BUSINESS_XSLT, drop, Map.of("orderId", "12a")))
                .isInstanceOf(TransformerException.class)
                .hasMessageContaining("orderId must be the EPGU order number (digits), got '12a'");
    }

    @Test
    void transport_stylesheet_builds_a_valid_req_xml_for_the_order() throws Exception {
        String business = transform(BUSINESS_XSLT, Files.readString(DEMO_DROPS.resolve("proceedings-found.xml")),
                Map.of("orderId", "2000000001"));

        String req = transform(TRANSPORT_XSLT, business, transportParameters("2000000001"));

        assertThat(problems(TRANSPORT_SCHEMA, req)).isEmpty();
        Document transport = parse(req);
        assertThat(transport.getDocumentElement().getAttribute("Env")).isEqualTo("SVCDEV");
        assertThat(text(transport, REQ_NS, "OrderId")).isEqualTo("2000000001");
        assertThat(text(transport, REQ_NS, "Date")).isEqualTo("2026-12-04T12:00:00+03:00");
        assertThat(text(transport, REQ_NS, "Department")).isEqualTo("ФССП");
        assertThat(text(transport, REQ_NS, "DepartmentCode")).isEqualTo("00000");
        assertThat(text(transport, REQ_NS, "ReceiverID")).isEqualTo("FSSP10");
        assertThat(text(transport, REQ_NS, "ServiceCode")).isEqualTo("10001449665");
        assertThat(text(transport, REQ_NS, "TargetCode")).isEqualTo("10001505301");
        assertThat(text(transport, REQ_NS, "StatementDate")).isEqualTo("2026-12-04");
    }

    @Test
    void stylesheets_ignore_unknown_parameters_and_accept_numeric_headers() throws Exception {
        String drop = Files.readString(DEMO_DROPS.resolve("delivery-error.xml"));
        Map<String, Object> headers = Map.of("orderId", 2000000042L, "CamelFileName", "delivery-error.xml",
                "CamelFilePath", Path.of("inbox", "delivery-error.xml"), "breadcrumbId", new Object());

        String business = transform(BUSINESS_XSLT, drop, headers);

        assertThat(text(parse(business), FSSP_NS, "ExternalKey")).isEqualTo("2000000042");
    }

    @Test
    void transport_stylesheet_refuses_an_order_number_that_differs_from_the_business_document() throws Exception {
        String business = transform(BUSINESS_XSLT, Files.readString(DEMO_DROPS.resolve("refused.xml")),
                Map.of("orderId", "2000000001"));

        assertThatThrownBy(() -> transform(TRANSPORT_XSLT, business, transportParameters("2000000002")))
                .isInstanceOf(TransformerException.class)
                .hasMessageContaining("ExternalKey '2000000001' differs from orderId '2000000002'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"epguEnv=TEST", "requestDateTime=2026-12-04T12:00:00", "statementDate=04.12.2026"})
    void transport_stylesheet_refuses_malformed_parameters(String override) throws Exception {
        String business = transform(BUSINESS_XSLT, Files.readString(DEMO_DROPS.resolve("refused.xml")),
                Map.of("orderId", "2000000001"));
        Map<String, Object> parameters = new HashMap<>(transportParameters("2000000001"));
        String[] pair = override.split("=", 2);
        parameters.put(pair[0], pair[1]);

        assertThatThrownBy(() -> transform(TRANSPORT_XSLT, business, parameters))
                .isInstanceOf(TransformerException.class)
                .hasMessageContaining(pair[0]);
    }

    @Test
    void every_path_in_the_service_profile_points_to_a_file() throws IOException {
        String profile = Files.readString(PROFILE);
        Matcher paths = Pattern.compile("(?m)^\\s*(?:schema|xslt):\\s*(\\S+)\\s*$").matcher(profile);

        int found = 0;
        while (paths.find()) {
            assertThat(Path.of(paths.group(1))).isRegularFile();
            found++;
        }

        assertThat(found).isEqualTo(5);
    }

    private static Map<String, Object> transportParameters(String orderId) {
        return Map.of("orderId", orderId, "epguEnv", "SVCDEV",
                "requestDateTime", "2026-12-04T12:00:00+03:00", "statementDate", "2026-12-04");
    }

    /** Validates with a schema factory and validator that may not reach anything outside the given files. */
    private static List<String> problems(Path schemaFile, String xml) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        Schema schema = factory.newSchema(new StreamSource(schemaFile.toFile()));
        Validator validator = schema.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");

        List<String> problems = new ArrayList<>();
        validator.setErrorHandler(new CollectingErrorHandler(problems));
        validator.validate(new StreamSource(new StringReader(xml)));
        return problems;
    }

    private static String transform(Path stylesheet, String xml, Map<String, ?> parameters)
            throws TransformerException {
        Templates templates = new TransformerFactoryImpl()
                .newTemplates(new StreamSource(stylesheet.toFile()));
        Transformer transformer = templates.newTransformer();
        parameters.forEach(transformer::setParameter);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Source input = new StreamSource(new StringReader(xml));
        transformer.transform(input, new StreamResult(out));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String text(Document document, String namespace, String localName) {
        return document.getElementsByTagNameNS(namespace, localName).item(0).getTextContent();
    }

    private static String withoutDeclaration(String xml) {
        return xml.replaceFirst("^<\\?xml[^>]*\\?>\\s*", "").strip();
    }

    /** Keeps every schema error instead of stopping at the first one. */
    private static final class CollectingErrorHandler implements ErrorHandler {

        private final List<String> problems;

        CollectingErrorHandler(List<String> problems) {
            this.problems = problems;
        }

        @Override
        public void warning(SAXParseException e) {
            // warnings do not make a document invalid
        }

        @Override
        public void error(SAXParseException e) {
            problems.add(e.getMessage());
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
