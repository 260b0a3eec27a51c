package org.epgugateway.emulator;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * What the emulator reads from an uploaded business file ({@code piev_epgu.xml}); absent elements are null.
 *
 * @param externalKey    {@code ExternalKey}, which must be the order number
 * @param docDate        {@code DocDate}, the date of the application
 * @param complainerType {@code ComplainerType}: 1 claimant, 2 debtor
 * @param authorName     {@code AuthorName}, the applicant
 * @param authorSnils    {@code AuthorSnils}, which selects the scripted outcome
 * @param trusteeName    {@code TrusteeName}, for a legal entity its name
 * @param trusteeInn     {@code TrusteeInn}
 * @param trusteeOgrn    {@code TrusteeOGRN}, which must be the OGRN of the token's organisation
 */
record ApplicationFacts(String externalKey, String docDate, String complainerType, String authorName,
                        String authorSnils, String trusteeName, String trusteeInn, String trusteeOgrn) {

    static final String NAMESPACE = "http://www.fssprus.ru/namespace/incoming/2019/1";
    static final String SERVICE_CODE = "60010153";

    static ApplicationFacts of(Document application) {
        return new ApplicationFacts(
                text(application, NAMESPACE, "ExternalKey"),
                text(application, NAMESPACE, "DocDate"),
                text(application, NAMESPACE, "ComplainerType"),
                text(application, NAMESPACE, "AuthorName"),
                text(application, NAMESPACE, "AuthorSnils"),
                text(application, NAMESPACE, "TrusteeName"),
                text(application, NAMESPACE, "TrusteeInn"),
                text(application, NAMESPACE, "TrusteeOGRN"));
    }

    /** The trimmed text of the first element with this name anywhere in the document, or null. */
    static String text(Document document, String namespace, String localName) {
        NodeList found = document.getElementsByTagNameNS(namespace, localName);
        return found.getLength() == 0 ? null : found.item(0).getTextContent().trim();
    }

    /** {@code serviceCode|AuthorSnils|TrusteeOGRN|ComplainerType}: who asks what, independent of the order. */
    String businessKey() {
        return SERVICE_CODE + "|" + authorSnils + "|" + trusteeOgrn + "|" + complainerType;
    }
}
