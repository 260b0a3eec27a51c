package org.epgugateway.archive;

/**
 * Says why an untrusted archive was refused, in words an operator can act on and as a stable code.
 */
public final class UnsafeArchiveException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the archive; {@link #code()} is the machine-readable form. */
    public enum Reason {
        /** The bytes are not a ZIP archive, or its structure is damaged. */
        NOT_ZIP,
        /** Encrypted entries, compression methods other than stored and deflated. */
        UNSUPPORTED,
        /** More entries than allowed. */
        TOO_MANY_ENTRIES,
        /** The archive, or all entries together, hold more bytes than allowed. */
        TOO_LARGE,
        /** One entry unpacks to more bytes than allowed. */
        ENTRY_TOO_LARGE,
        /** One entry unpacks to far more bytes than it occupies in the archive. */
        RATIO,
        /** An entry is a symbolic link. */
        SYMLINK,
        /** An entry name is absolute, names a drive, climbs with '..' or would land outside the target. */
        PATH_TRAVERSAL,
        /** An entry sits in a folder; only flat archives are extracted. */
        NESTED_FOLDER,
        /** An entry name is empty, dots only, uses backslashes or characters file systems refuse. */
        BAD_NAME,
        /** Two entries share a name, or an entry would replace a file already in the target folder. */
        NAME_CONFLICT;

        /** Returns the code written into error reports, for example {@code ARCHIVE_PATH_TRAVERSAL}. */
        public String code() {
            return "ARCHIVE_" + name();
        }
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason what was wrong; must not be null
     * @param message what an operator should read, naming the entry or the limit concerned
     */
    public UnsafeArchiveException(Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * Creates the exception with the failure that revealed the problem.
     *
     * @param reason what was wrong; must not be null
     * @param message what an operator should read, naming the entry or the limit concerned
     * @param cause the underlying failure, or null
     */
    public UnsafeArchiveException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
        this.reason = reason;
    }

    /** Returns what was wrong; never null. */
    public Reason reason() {
        return reason;
    }

    /** Returns the machine-readable code, for example {@code ARCHIVE_TOO_MANY_ENTRIES}; never null. */
    public String code() {
        return reason.code();
    }
}
