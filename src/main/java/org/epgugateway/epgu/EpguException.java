package org.epgugateway.epgu;

/**
 * A call to ESIA or EPGU did not succeed. Subclasses say whether trying again can help.
 */
public abstract class EpguException extends RuntimeException {

    private final String code;
    private final int httpStatus;

    protected EpguException(String code, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /**
     * EPGU's or ESIA's own error code where the answer carried one ({@code bad_request}, {@code ESIA-037218}),
     * otherwise a code of the gateway's ({@code HTTP_503}, {@code TIMEOUT}, {@code CONNECTION}).
     */
    public String code() {
        return code;
    }

    /** The HTTP status, or 0 when no answer arrived. */
    public int httpStatus() {
        return httpStatus;
    }
}
