package org.epgugateway.emulator;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * One reserved order and the state of its upload; callers hold the order's monitor while they change it.
 */
final class Order {

    /** Where the upload of an order stands. */
    enum Upload {
        /** No part arrived yet. */
        NONE,
        /** Some parts arrived; the last has not. */
        RECEIVING,
        /** The window closed before the last part; the order takes no more parts. */
        EXPIRED,
        /** The last part arrived; the order was sent. */
        SENT
    }

    private final long id;
    private final String subject;
    private final String region;
    private final Instant createdAt;
    private final long draftHistoryId;
    private Upload upload = Upload.NONE;
    private ChunkAssembly assembly;
    private Submission submission;

    Order(long id, String subject, String region, Instant createdAt, long draftHistoryId) {
        this.id = id;
        this.subject = subject;
        this.region = region;
        this.createdAt = createdAt;
        this.draftHistoryId = draftHistoryId;
    }

    long id() {
        return id;
    }

    /** The ESIA subject that reserved the order; only tokens of this subject may use it. */
    String subject() {
        return subject;
    }

    String region() {
        return region;
    }

    Instant createdAt() {
        return createdAt;
    }

    long draftHistoryId() {
        return draftHistoryId;
    }

    synchronized Upload upload() {
        return upload;
    }

    /** The parts received so far, created on the first part. */
    synchronized ChunkAssembly assembly(Supplier<ChunkAssembly> create) {
        if (assembly == null) {
            assembly = create.get();
            upload = Upload.RECEIVING;
        }
        return assembly;
    }

    /** The window closed: the parts are gone and no further part is taken. */
    synchronized void expire() {
        if (assembly != null) {
            assembly.discard();
            assembly = null;
        }
        upload = Upload.EXPIRED;
    }

    synchronized void send(Submission sent) {
        if (assembly != null) {
            assembly.discard();
            assembly = null;
        }
        submission = sent;
        upload = Upload.SENT;
    }

    /** The submission, or null while the upload is not complete. */
    synchronized Submission submission() {
        return submission;
    }
}
