package org.epgugateway.intake;

import java.io.IOException;
import java.nio.file.AccessDeniedException;

/**
 * The inbox file could not be read (no permission, an I/O error): nothing was taken into custody and the file is to
 * stay in the inbox until it can be read. A failure to write the spool copy is not this exception.
 */
public final class UnreadableDropException extends RuntimeException {

    private final String reason;

    public UnreadableDropException(String dropName, String reason, Throwable cause) {
        super("Cannot read the inbox file " + dropName + ": " + reason, cause);
        this.reason = reason;
    }

    /** Why the file could not be read, in one line. */
    public String reason() {
        return reason;
    }

    /** A one-line reason for an I/O failure: the exception's own message, or its kind when it has none. */
    public static String reasonOf(Throwable failure) {
        Throwable cause = failure;
        while (!(cause instanceof IOException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        String reason = message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
        if (cause instanceof AccessDeniedException) {
            // its message is the bare path
            reason = "permission denied (" + reason + ")";
        }
        return reason.replaceAll("\\s+", " ").strip();
    }
}
