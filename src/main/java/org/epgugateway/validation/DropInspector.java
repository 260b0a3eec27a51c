package org.epgugateway.validation;

import java.util.Optional;

import org.epgugateway.config.ServiceProfile;
import org.epgugateway.config.ServiceProfiles;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Recognises what a drop is (which service profile its root element belongs to) and reads the fields the gateway
 * checks and keys on.
 */
public final class DropInspector {

    private final ServiceProfiles profiles;
    private final long maxDropBytes;
    private final TextLengthGuard textLength;

    /**
     * @param maxDropBytes drops larger than this are refused before they are parsed
     * @param maxTextLength drops with a longer text or attribute value are refused before they are parsed
     */
    public DropInspector(ServiceProfiles profiles, long maxDropBytes, int maxTextLength) {
        this.profiles = profiles;
        this.maxDropBytes = maxDropBytes;
        this.textLength = new TextLengthGuard(maxTextLength);
    }

    /**
     * Parses a drop safely and finds its service profile.
     *
     * @throws InvalidDropException when the drop is too large, has too long a value, is not XML, or is not a
     *         document of a known service
     */
    public InspectedDrop inspect(byte[] bytes) {
        checkSize(bytes.length);
        textLength.check(bytes);
        Document document = SafeXml.parse(bytes);
        Element root = document.getDocumentElement();
        String namespace = root.getNamespaceURI() == null ? "" : root.getNamespaceURI();
        String name = root.getLocalName() == null ? root.getNodeName() : root.getLocalName();
        ServiceProfile profile = profiles.forRoot(namespace, name).orElseThrow(() -> new InvalidDropException(
                "UNKNOWN_DOCUMENT", "The root element is {" + namespace + "}" + name + "; expected one of: "
                + expectedRoots()));
        return new InspectedDrop(profile, document);
    }

    /**
     * Refuses a drop by its size alone, before it is read into memory.
     *
     * @throws InvalidDropException with code {@code TOO_LARGE}
     */
    public void checkSize(long sizeBytes) {
        if (sizeBytes > maxDropBytes) {
            throw new InvalidDropException("TOO_LARGE", "The file has " + sizeBytes + " bytes; drops larger than "
                    + maxDropBytes + " bytes are refused (gateway.max-drop-size)");
        }
    }

    /**
     * The text of the first element with this local name in the profile's namespace.
     */
    public static Optional<String> field(InspectedDrop drop, String localName) {
        NodeList nodes = drop.document().getElementsByTagNameNS(drop.profile().dropNamespace(), localName);
        if (nodes.getLength() == 0) {
            return Optional.empty();
        }
        String text = nodes.item(0).getTextContent();
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }

    private String expectedRoots() {
        StringBuilder roots = new StringBuilder();
        for (ServiceProfile p : profiles.all()) {
            if (roots.length() > 0) {
                roots.append(", ");
            }
            roots.append('{').append(p.dropNamespace()).append('}').append(p.dropRoot()).append(" (service ")
                    .append(p.serviceCode()).append(')');
        }
        return roots.toString();
    }

    /**
     * A parsed drop and the profile it belongs to.
     */
    public record InspectedDrop(ServiceProfile profile, Document document) {
    }
}
