package org.epgugateway.pipeline;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.support.processor.validation.SchemaValidationException;
import org.epgugateway.archive.UnsafeArchiveException;
import org.epgugateway.delivery.Outbox;
import org.epgugateway.delivery.StatusDocuments;
import org.epgugateway.delivery.StatusPublisher;
import org.epgugateway.epgu.CircuitOpenException;
import org.epgugateway.epgu.EpguException;
import org.epgugateway.epgu.EpguRejectedException;
import org.epgugateway.epgu.EpguTransientException;
import org.epgugateway.intake.DropNames;
import org.epgugateway.intake.Spool;
import org.epgugateway.signing.SignatureVerificationException;
import org.epgugateway.store.DropRecord;
import org.epgugateway.store.DropState;
import org.epgugateway.store.Failure;
import org.epgugateway.store.LostClaimException;
import org.epgugateway.store.OrderStore;
import org.epgugateway.validation.InvalidDropException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route bean for drops that left the happy path: a failure that another attempt cannot mend puts the original into
 * the dead-letter folder with its {@code error.json}; a passing failure schedules another attempt after a pause,
 * until the attempts run out.
 */
public final class FailureStep {

    private static final Logger LOG = LoggerFactory.getLogger(FailureStep.class);
    /** Header state of a drop this exchange must not touch any more: it waits for a retry or another instance. */
    private static final String WAITING = "WAITING";
    /** Refusals of an answer EPGU served, like a hostile archive: downloading it again gives the same answer. */
    private static final Set<String> ANSWER_REFUSALS = Set.of("ANSWER_TOO_LARGE");

    private final OrderStore store;
    private final Spool spool;
    private final Outbox outbox;
    private final StatusDocuments documents;
    private final StatusPublisher status;
    private final ClaimKeeper claims;
    private final String owner;
    private final RetryPolicy retries;
    private final OrderAge orderAge;
    private final PollTicks pollTicks;

    public FailureStep(OrderStore store, Spool spool, Outbox outbox, StatusDocuments documents,
            StatusPublisher status, ClaimKeeper claims, RetryPolicy retries, OrderAge orderAge, PollTicks pollTicks) {
        this.store = store;
        this.spool = spool;
        this.outbox = outbox;
        this.documents = documents;
        this.status = status;
        this.claims = claims;
        this.owner = claims.owner();
        this.retries = retries;
        this.orderAge = orderAge;
        this.pollTicks = pollTicks;
    }

    /**
     * Dead-letters the exchange's drop for the exception it caught.
     */
    public void deadLetter(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        long id = Headers.dropId(exchange);
        if (cause instanceof EpguRejectedException rejected && !ANSWER_REFUSALS.contains(rejected.code())
                && store.require(id).state() == DropState.SUBMITTED) {
            // the application is filed at the agency: a refused status call or download does not undo that, and
            // the answer may still come, so only a final status or poll.max-age ends the drop
            retryLater(exchange);
            return;
        }
        fail(id, describe(Headers.stage(exchange), cause));
        exchange.getMessage().setHeader(Headers.STATE, DropState.FAILED.name());
    }

    /**
     * Schedules another attempt for the exchange's drop, or dead-letters it when the attempts are used up. A drop
     * that met a paused circuit waits for it without using up an attempt.
     */
    public void retryLater(Exchange exchange) {
        long id = Headers.dropId(exchange);
        exchange.getMessage().setHeader(Headers.STATE, WAITING);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Failure failure = describe(Headers.stage(exchange), cause);
        DropRecord drop = store.require(id);
        if (drop.state() == DropState.SUBMITTED) {
            retryNextPoll(drop, failure, cause instanceof CircuitOpenException);
            return;
        }
        if (cause instanceof CircuitOpenException paused) {
            // nothing was sent, or the service refused the gateway itself: no fault of the drop, so it waits for the
            // circuit without using up an attempt; the circuit logs its pause once, not once per drop
            Duration pause = RetryPolicy.withJitter(paused.retryAfter().orElse(Duration.ofSeconds(30)).toMillis());
            store.scheduleRetry(id, owner, failure, drop.attempts(), store.now().plus(pause));
            publishWaiting(drop);
            claims.release(id);
            LOG.debug("Drop {} waits {} s: {}", drop.folder(), Math.max(1, pause.toSeconds()), failure.message());
            return;
        }
        int attempts = drop.attempts() + 1;
        if (attempts >= retries.maxAttempts()) {
            fail(id, new Failure(failure.stage(), failure.code(), "Gave up after " + attempts + " attempts: "
                    + failure.message()), attempts);
            return;
        }
        Optional<Duration> asked = cause instanceof EpguTransientException transientCause
                ? transientCause.retryAfter() : Optional.empty();
        Duration pause = retries.delay(attempts, asked, "limitation_exception".equals(failure.code()));
        store.scheduleRetry(id, owner, failure, attempts, store.now().plus(pause));
        publishWaiting(drop);
        claims.release(id);
        LOG.warn("Drop {} failed at {} (attempt {} of {}): {}; will retry in {} s", drop.folder(), failure.stage(),
                attempts, retries.maxAttempts(), failure.message(), Math.max(1, pause.toSeconds()));
    }

    /**
     * A submitted drop whose poll or answer download failed: the failure is recorded and shown in {@code status.json},
     * and the drop is polled again at the next tick, however often that fails, until EPGU gives a final answer or
     * the order is older than {@code poll.max-age}.
     */
    private void retryNextPoll(DropRecord drop, Failure failure, boolean paused) {
        if (orderAge.isTooOld(drop, store.now())) {
            fail(drop.id(), orderAge.tooOld(drop, "the last poll failed: " + failure.code() + " — "
                    + failure.message()));
            return;
        }
        // a paused circuit is no attempt at the order, as before submission
        int attempts = paused ? drop.attempts() : drop.attempts() + 1;
        OffsetDateTime nextTick = pollTicks.nextAfter(store.now());
        store.scheduleRetry(drop.id(), owner, failure, attempts, nextTick);
        publishWaiting(drop);
        claims.release(drop.id());
        if (paused) {
            // the circuit logged its pause once; a line per order and poll would bury it
            LOG.debug("Drop {}: {} put off to the next poll: {}", drop.folder(), failure.stage(), failure.message());
        } else {
            LOG.warn("Drop {}: {} of order {} failed: {}; the order is filed, so it is polled again at the next "
                    + "tick ({}; {} failures in a row)", drop.folder(), failure.stage(), drop.orderId(),
                    failure.message(), nextTick, attempts);
        }
    }

    /**
     * Shows the wait, its reason and the next attempt's time in {@code status.json}. The publisher copes with an
     * outbox that refuses the file; a store that does not answer the read must not hide the failure being handled
     * either, and the sweep for status files behind the store writes the file later.
     */
    private void publishWaiting(DropRecord drop) {
        try {
            status.publish(drop.id());
        } catch (RuntimeException e) {
            LOG.warn("Drop {}: status.json cannot show the retry yet ({}); it is written at the next sweep",
                    drop.folder(), e.getMessage());
        }
    }

    /**
     * Logs that another instance took the drop over; this instance leaves it alone.
     */
    public void lostClaim(Exchange exchange) {
        exchange.getMessage().setHeader(Headers.STATE, WAITING);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.warn("{}; this instance stops working on it", cause == null ? "Claim lost" : cause.getMessage());
    }

    /**
     * Ends a drop's road: the original and {@code error.json} go to the dead-letter folder, the store records the
     * failure, {@code status.json} says {@code FAILED}.
     */
    public void fail(long dropId, Failure failure) {
        fail(dropId, failure, store.require(dropId).attempts() + 1);
    }

    private void fail(long dropId, Failure failure, int attempts) {
        DropRecord drop = store.require(dropId);
        String deadLetterName = drop.folder() + DropNames.extensionOf(drop.dropName());
        byte[] report = documents.errorReport(drop, failure, attempts, store.now());
        // files first: if the process dies before the store records the failure, the drop is failed again later
        // and the same files are written again
        outbox.writeDeadLetter(deadLetterName, spool.file(drop.spoolName()), report);
        store.markFailed(dropId, owner, failure, attempts, deadLetterName);
        status.publish(dropId);
        claims.release(dropId);
        spool.discard(drop.spoolName());
        LOG.error("Drop {} failed at {}: {} — {}; moved to dead-letter as {}", drop.folder(), failure.stage(),
                failure.code(), failure.message(), deadLetterName);
    }

    /**
     * Names a failure in the terms of {@code error.json}.
     */
    static Failure describe(String stage, Throwable cause) {
        if (cause instanceof InvalidDropException invalid) {
            return new Failure(stage, invalid.code(), invalid.getMessage());
        }
        if (cause instanceof SchemaValidationException schema) {
            return new Failure(stage, "SCHEMA", "The document does not match its schema: "
                    + Stream.concat(schema.getFatalErrors().stream(), schema.getErrors().stream())
                            .map(e -> "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": "
                                    + e.getMessage()).collect(Collectors.joining("; ")));
        }
        if (cause instanceof UnsafeArchiveException unsafe) {
            return new Failure(stage, unsafe.code(), "The answer archive was refused: " + unsafe.getMessage());
        }
        if (cause instanceof SignatureVerificationException signature) {
            return new Failure(stage, "ANSWER_SIGNATURE_" + signature.reason().name(), signature.getMessage());
        }
        if (cause instanceof EpguException epgu) {
            return new Failure(stage, epgu.code(), epgu.getMessage());
        }
        if (cause instanceof LostClaimException) {
            return new Failure(stage, "CLAIM_LOST", cause.getMessage());
        }
        if (cause == null) {
            return new Failure(stage, "UNKNOWN", "The step failed without saying why");
        }
        String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        return new Failure(stage, cause.getClass().getSimpleName(), message);
    }
}
