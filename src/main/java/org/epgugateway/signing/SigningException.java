package org.epgugateway.signing;

/**
 * Thrown when a key or a signing device fails to sign; the message says which and why, never with secrets.
 */
public class SigningException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public SigningException(String message) {
        super(message);
    }

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
