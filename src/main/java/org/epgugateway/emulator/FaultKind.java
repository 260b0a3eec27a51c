package org.epgugateway.emulator;

/**
 * The kinds of fault the emulator counts in its journal, each under the word the settings and the journal's JSON use.
 */
public enum FaultKind {
    /** An injected 500 with EPGU's {@code internal_error} body. */
    INTERNAL_ERROR("500"),
    /** An injected 502 with a proxy's HTML page. */
    BAD_GATEWAY("502"),
    /** An injected 503 with a proxy's HTML page. */
    SERVICE_UNAVAILABLE("503"),
    /** An injected 504 with a proxy's HTML page. */
    GATEWAY_TIMEOUT("504"),
    /** An injected 429 with a {@code Retry-After} header. */
    TOO_MANY_REQUESTS("429"),
    /** An injected 429 without a {@code Retry-After} header. */
    TOO_MANY_REQUESTS_WITHOUT_RETRY_AFTER("429-no-retry-after"),
    /** An injected 403 {@code order_access}. */
    ORDER_ACCESS("order_access"),
    /** An injected 429 {@code limitation_exception}, EPGU's answer to too many orders. */
    LIMITATION_EXCEPTION("limitation_exception"),
    /** An injected 400 {@code bad_request}. */
    BAD_REQUEST("bad_request"),
    /** An answer held back for a while before it was sent. */
    LATENCY("latency"),
    /** A request held longer than a client waits, then dropped without an answer. */
    TIMEOUT("timeout"),
    /** A connection dropped while the request body was being read. */
    RESET("reset"),
    /** A token request refused because ESIA was down. */
    ESIA_OUTAGE("esia-outage"),
    /** A bearer token refused with 401 before the expiry its {@code exp} claims. */
    TOKEN_EXPIRED_EARLY("token-expired-early"),
    /** An order whose result never arrives: it stays in status 2. */
    RESULT_WITHHELD("result-withheld"),
    /** An answer archive with an entry that climbs out of the folder ({@code ../}). */
    PATH_TRAVERSAL_ARCHIVE("path-traversal"),
    /** An answer archive with an entry under an absolute path. */
    ABSOLUTE_PATH_ARCHIVE("absolute-path"),
    /** An answer archive with a symbolic link entry. */
    SYMLINK_ARCHIVE("symlink"),
    /** An answer archive with 10 000 entries. */
    MANY_ENTRIES_ARCHIVE("many-entries"),
    /** An answer archive small on the wire and huge unpacked. */
    ZIP_BOMB_ARCHIVE("zip-bomb"),
    /** An answer that is no ZIP at all although it is served as {@code application/zip}. */
    NOT_A_ZIP_ARCHIVE("not-a-zip");

    private final String word;

    FaultKind(String word) {
        this.word = word;
    }

    /** The word used for this kind in settings and in the journal's JSON. */
    public String word() {
        return word;
    }
}
