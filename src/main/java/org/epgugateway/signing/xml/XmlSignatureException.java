package org.epgugateway.signing.xml;

/**
 * Thrown when an XML signature does not verify; the message says what is wrong with it.
 */
public final class XmlSignatureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public XmlSignatureException(String message) {
        super(message);
    }

    public XmlSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
