package org.epgugateway.validation;

/**
 * A drop that cannot be sent as it is; another attempt will not change that, so it goes to the dead-letter folder.
 */
public class InvalidDropException extends RuntimeException {

    private final String code;

    /**
     * @param code machine-readable reason, e.g. {@code NOT_XML}, {@code SCHEMA}, {@code ORGANISATION_MISMATCH}
     * @param message what is wrong, in words a person can act on
     */
    public InvalidDropException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
