package org.epgugateway.signing;

/**
 * Thrown when a {@link KeySource} cannot supply a key; the message tells an operator what to fix.
 */
public class KeySourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeySourceException(String message) {
        super(message);
    }

    public KeySourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
