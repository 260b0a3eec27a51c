package org.epgugateway.emulator;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An application archive for service 60010153 as a test needs it: the sample drop with the order number and the
 * applicant set, and a {@code req.xml} written here to match the transport schema.
 */
final class Application {

    static final String OGRN = "1027700123450";
    static final String FOUND_SNILS = "00011122200";
    static final String NONE_SNILS = "00033344400";
    static final String REFUSED_SNILS = "00055566600";
    static final String DELIVERY_ERROR_SNILS = "00077788800";

    private static final String SAMPLE_DROP = "/demo/drops/proceedings-found.xml";
    private static final String FSSP = "http://www.fssprus.ru/namespace/incoming/2019/1";

    private final long orderId;
    private String requestOrderId;
    private String externalKey;
    private String snils = FOUND_SNILS;
    private String ogrn = OGRN;
    private String complainerType = "2";
    private int padding;

    private Application(long orderId) {
        this.orderId = orderId;
        this.requestOrderId = Long.toString(orderId);
        this.externalKey = Long.toString(orderId);
    }

    static Application forOrder(long orderId) {
        return new Application(orderId);
    }

    Application snils(String value) {
        snils = value;
        return this;
    }

    Application ogrn(String value) {
        ogrn = value;
        return this;
    }

    Application externalKey(String value) {
        externalKey = value;
        return this;
    }

    Application requestOrderId(String value) {
        requestOrderId = value;
        return this;
    }

    Application complainerType(String value) {
        complainerType = value;
        return this;
    }

    /** Adds an XML comment of this many bytes, so that the archive is large enough to be sent in parts. */
    Application padded(int bytes) {
        padding = bytes;
        return this;
    }

    byte[] zip() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("req.xml", requestXml().getBytes(StandardCharsets.UTF_8));
        files.put("piev_epgu.xml", applicationXml().getBytes(StandardCharsets.UTF_8));
        return zip(files);
    }

    /** A ZIP of the given entries, stored without compression so that its size is predictable. */
    static byte[] zip(Map<String, byte[]> files) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.NO_COMPRESSION);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    String requestXml() {
        String today = LocalDate.now().toString();
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<EPGURequest xmlns=\"urn://x-artifacts-fssp-ru/mvv/smev3/epgu/1.0.1\" Env=\"SVCDEV\">\n"
                + "  <DataRequest>\n"
                + "    <OrderId>" + requestOrderId + "</OrderId>\n"
                + "    <Date>" + today + "T12:00:00+03:00</Date>\n"
                + "    <Department>ФССП</Department>\n"
                + "    <DepartmentCode>00000</DepartmentCode>\n"
                + "    <ReceiverID>FSSP10</ReceiverID>\n"
                + "    <ServiceCode>10001449665</ServiceCode>\n"
                + "    <TargetCode>10001505301</TargetCode>\n"
                + "    <StatementDate>" + today + "</StatementDate>\n"
                + "  </DataRequest>\n"
                + "</EPGURequest>\n";
    }

    String applicationXml() throws Exception {
        Document drop;
        try (InputStream in = Application.class.getResourceAsStream(SAMPLE_DROP)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            drop = factory.newDocumentBuilder().parse(in);
        }
        set(drop, "ExternalKey", externalKey);
        set(drop, "ComplainerType", complainerType);
        set(drop, "AuthorSnils", snils);
        set(drop, "AuthorBackAddr", snils);
        set(drop, "SimpleDigSignature", snils);
        set(drop, "TrusteeOGRN", ogrn);
        if (padding > 0) {
            Element root = drop.getDocumentElement();
            root.appendChild(drop.createComment("x".repeat(padding)));
        }
        Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        StringWriter text = new StringWriter();
        transformer.transform(new DOMSource(drop), new StreamResult(text));
        return text.toString();
    }

    private static void set(Document document, String name, String value) {
        document.getElementsByTagNameNS(FSSP, name).item(0).setTextContent(value);
    }

    long orderId() {
        return orderId;
    }
}
