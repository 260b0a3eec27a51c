package org.epgugateway.emulator;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the agency's answer for service 60010153: {@code piev_epgu.zip} holding {@code answer.xml}, an
 * {@code IRequest} notice of the FSSP namespace that refers to the application, with invented proceedings.
 */
final class AnswerDocuments {

    static final String ARCHIVE_NAME = "piev_epgu.zip";
    static final String ANSWER_FILE = "answer.xml";
    static final String FOUND_TYPE = "O_IP_INFO_INTERACTIVE";
    static final String NONE_TYPE = "O_IPSIDE_OSP_NOEXISTS_INT";

    private static final String CLAIMANT = "1";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private AnswerDocuments() {
    }

    /**
     * The answer archive for an application.
     *
     * @param found true for a notice listing proceedings, false for a notice that there are none
     */
    static byte[] archive(long orderId, ApplicationFacts facts, boolean found, Instant now) {
        // Limitation: the archive holds only answer.xml; whether EPGU adds a rendering or signatures is not known
        byte[] answer = answer(orderId, facts, found, now);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip, StandardCharsets.UTF_8)) {
            out.putNextEntry(new ZipEntry(ANSWER_FILE));
            out.write(answer);
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the answer archive", e);
        }
        return zip.toByteArray();
    }

    private static byte[] answer(long orderId, ApplicationFacts facts, boolean found, Instant now) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(ApplicationFacts.NAMESPACE);
            xml.writeStartElement(ApplicationFacts.NAMESPACE, "IRequest");
            xml.writeDefaultNamespace(ApplicationFacts.NAMESPACE);
            header(xml, orderId, facts, found, now);
            if (found) {
                Random random = new Random(orderId);
                int proceedings = 1 + (int) Math.floorMod(orderId, 2L);
                for (int i = 0; i < proceedings; i++) {
                    proceeding(xml, facts, random, now);
                }
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the answer document", e);
        }
        return bytes.toByteArray();
    }

    private static void header(XMLStreamWriter xml, long orderId, ApplicationFacts facts, boolean found,
                               Instant now) throws XMLStreamException {
        LocalDate today = MoscowTime.date(now);
        element(xml, "ExternalKey", UUID.nameUUIDFromBytes(("answer:" + orderId).getBytes(StandardCharsets.UTF_8))
                .toString());
        element(xml, "DocType", found ? FOUND_TYPE : NONE_TYPE);
        element(xml, "DocName", found
                ? "Уведомление о наличии исполнительных производств из банка данных"
                : "Уведомление об отсутствии исполнительных производств в банке данных");
        element(xml, "DocDate", today.toString());
        element(xml, "AuthorName", "ФССП России");
        element(xml, "AuthorBackAddrType", "ВЕБ-СЕРВИС");
        element(xml, "AuthorBackAddr", "00000");
        element(xml, "QueryKey", orElse(facts.externalKey(), Long.toString(orderId)));
        element(xml, "QueryDate", orElse(facts.docDate(), today.toString()));
        xml.writeStartElement(ApplicationFacts.NAMESPACE, "Sendlist");
        element(xml, "Receiver", orElse(facts.authorName(), "Заявитель"));
        element(xml, "ReceiverAddrType", "ЕПГУ");
        element(xml, "ReceiverAddr", orElse(facts.authorSnils(), "00000000000"));
        xml.writeEndElement();
    }

    private static void proceeding(XMLStreamWriter xml, ApplicationFacts facts, Random random, Instant now)
            throws XMLStreamException {
        LocalDate today = MoscowTime.date(now);
        LocalDate documentDate = today.minusDays(60 + random.nextInt(600));
        LocalDate riseDate = documentDate.plusDays(10 + random.nextInt(30));
        String organisation = orElse(facts.trusteeName(), orElse(facts.authorName(), "ООО «Заявитель»"));
        String organisationInn = orElse(facts.trusteeInn(), "7701234567");
        boolean claimant = CLAIMANT.equals(facts.complainerType());
        BigDecimal sum = BigDecimal.valueOf(10_000_00L + random.nextInt(90_000_000), 2);
        BigDecimal rest = sum.multiply(BigDecimal.valueOf(random.nextInt(100))).movePointLeft(2)
                .setScale(2, RoundingMode.HALF_UP);

        xml.writeStartElement(ApplicationFacts.NAMESPACE, "AdvancedIPInformation");
        element(xml, "IpId", Long.toString(1_000_000_000_000L + random.nextInt(900_000_000)));
        element(xml, "IDTypeCode", "1");
        element(xml, "IDOrganName", "Арбитражный суд города Москвы");
        element(xml, "IDNum", "ФС № 0" + (10_000_000 + random.nextInt(89_999_999)));
        element(xml, "IDDate", documentDate.toString());
        element(xml, "number", (10_000 + random.nextInt(89_999)) + "/" + riseDate.getYear() % 100 + "/77001-ИП");
        element(xml, "riseDate", riseDate.toString());
        element(xml, "debtText", "Задолженность по договору поставки");
        element(xml, "debtorName", claimant ? "ООО «Пример-Должник»" : organisation);
        element(xml, "debtorINN", claimant ? "7709876543" : organisationInn);
        element(xml, "debtorAddress", "101000, г. Москва, ул. Примерная, д. " + (1 + random.nextInt(99)));
        element(xml, "crdrName", claimant ? organisation : "ООО «Пример-Взыскатель»");
        element(xml, "crdrINN", claimant ? organisationInn : "7705555555");
        element(xml, "debtSum", sum.toPlainString());
        element(xml, "debtRestTotal", rest.toPlainString());
        element(xml, "ospCode", "77001");
        element(xml, "divName", "ОСП по Центральному АО № 1 ГУФССП России по г. Москве");
        element(xml, "divAdr", "101000, г. Москва, ул. Образцовая, д. 1");
        element(xml, "SPIShortName", "Петров П. П.");
        element(xml, "SPITelephone", "+7 495 000-00-00");
        element(xml, "actualityDate", DATE_TIME.format(now.truncatedTo(ChronoUnit.SECONDS).atZone(MoscowTime.ZONE)));
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(ApplicationFacts.NAMESPACE, name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
