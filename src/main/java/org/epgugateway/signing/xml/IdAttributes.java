package org.epgugateway.signing.xml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The {@code Id} attributes of a document, declared as DOM IDs so that {@code URI="#..."} references resolve.
 *
 * <p>A parser without a schema does not know that {@code Id} is an ID; Santuario then cannot find the element, so
 * this runs before every signing and every verification, after every parse.
 */
// Limitation: only the unqualified attribute named "Id" is an ID, as SMEV and EPGU documents write it
final class IdAttributes {

    static final String NAME = "Id";

    private final Map<String, List<Element>> byValue;

    private IdAttributes(Map<String, List<Element>> byValue) {
        this.byValue = byValue;
    }

    /** Declares every {@code Id} attribute of the document as an ID and remembers which elements carry which. */
    static IdAttributes declare(Document document) {
        Map<String, List<Element>> byValue = new LinkedHashMap<>();
        declare(document.getDocumentElement(), byValue);
        return new IdAttributes(byValue);
    }

    private static void declare(Element element, Map<String, List<Element>> byValue) {
        if (element.hasAttributeNS(null, NAME)) {
            element.setIdAttributeNS(null, NAME, true);
            byValue.computeIfAbsent(element.getAttributeNS(null, NAME), v -> new ArrayList<>()).add(element);
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element) {
                declare((Element) child, byValue);
            }
        }
    }

    /** How many elements carry this Id value. */
    int count(String value) {
        List<Element> elements = byValue.get(value);
        return elements == null ? 0 : elements.size();
    }
}
