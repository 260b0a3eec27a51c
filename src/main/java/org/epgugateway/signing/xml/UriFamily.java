package org.epgugateway.signing.xml;

import java.util.Locale;

/**
 * The two spellings of the GOST algorithm URIs in XMLDSig; receivers differ in which one they demand.
 */
public enum UriFamily {

    /** The IANA-registered {@code urn:ietf:params:xml:ns:cpxmlsec:algorithms:} form, current for 2012 keys. */
    CPXMLSEC_URN("urn", "urn:ietf:params:xml:ns:cpxmlsec:algorithms:"),

    /** The older {@code http://www.w3.org/2001/04/xmldsig-more#} form that some systems still insist on. */
    XMLDSIG_MORE("xmldsig-more", "http://www.w3.org/2001/04/xmldsig-more#");

    private final String configName;
    private final String prefix;

    UriFamily(String configName, String prefix) {
        this.configName = configName;
        this.prefix = prefix;
    }

    /**
     * Reads the name used in service profiles: {@code urn} or {@code xmldsig-more}.
     *
     * @throws IllegalArgumentException for any other name, listing the known ones
     */
    public static UriFamily fromConfigName(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (UriFamily family : values()) {
            if (family.configName.equals(wanted)) {
                return family;
            }
        }
        throw new IllegalArgumentException("Unknown algorithm URI family '" + name + "'; use '"
                + CPXMLSEC_URN.configName + "' or '" + XMLDSIG_MORE.configName + "'");
    }

    /** The name used in service profiles. */
    public String configName() {
        return configName;
    }

    /** The full URI of an algorithm whose name in both families is {@code suffix}. */
    String uri(String suffix) {
        return prefix + suffix;
    }
}
