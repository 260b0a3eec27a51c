package org.epgugateway.store;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a drop is on its road; each state is committed before the remote call it enables.
 */
public enum DropState {
    /** In custody: spool copy and store row exist, the inbox file may be released. */
    RECEIVED,
    /** Passed the checks that need nothing remote; identity recorded. */
    VALIDATED,
    /** An EPGU order number is reserved for it. */
    RESERVED,
    /** The archive is built and its upload has started; chunk progress is recorded. */
    UPLOADING,
    /** EPGU accepted the last part; only polling remains. */
    SUBMITTED,
    /** The answer is unzipped in the outbox. */
    DONE,
    /** The agency refused: a business answer, not an error. */
    REFUSED,
    /** Cannot proceed; the original is in the dead-letter folder. */
    FAILED,
    /** Same identity as a drop in flight or recently answered; not sent again. */
    DUPLICATE;

    /** States in which a drop still needs work before it is submitted. */
    public static final Set<DropState> BEFORE_SUBMISSION = EnumSet.of(RECEIVED, VALIDATED, RESERVED, UPLOADING);

    public boolean isFinal() {
        return this == DONE || this == REFUSED || this == FAILED || this == DUPLICATE;
    }

    /**
     * The state back-office systems see in {@code status.json}: the upload is an internal detail of
     * {@code RESERVED}.
     */
    public String publicName() {
        return this == UPLOADING ? RESERVED.name() : name();
    }
}
