package org.epgugateway.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.epgugateway.config.ServiceProfiles;
import org.epgugateway.delivery.StatusDocuments;
import org.epgugateway.delivery.StatusPublisher;
import org.epgugateway.epgu.EpguClient;
import org.epgugateway.epgu.OrderDetails;
import org.epgugateway.intake.Spool;
import org.epgugateway.store.DropRecord;
import org.epgugateway.store.DropState;
import org.epgugateway.store.Failure;
import org.epgugateway.store.OrderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route bean of the {@code poll} route: claims submitted orders that are due, reads their details from EPGU,
 * records the status history, and tells the route what comes next.
 */
public final class PollingStep {

    /** A poll found the order still in progress. */
    public static final String PENDING = "PENDING";
    /** The answer is ready to download. */
    public static final String ANSWERED = "ANSWERED";
    /** The order ended without an answer to download (refused, or failed and moved to dead-letter). */
    public static final String FINISHED = "FINISHED";
    /** Another worker or instance polls the order: nothing was done. */
    public static final String SKIPPED = "SKIPPED";

    private static final Logger LOG = LoggerFactory.getLogger(PollingStep.class);

    private final OrderStore store;
    private final Spool spool;
    private final ServiceProfiles profiles;
    private final EpguClient epgu;
    private final StatusPublisher status;
    private final StatusDocuments documents;
    private final FailureStep failures;
    private final ClaimKeeper claims;
    private final String owner;
    private final OrderAge orderAge;
    private final Duration maxInterval;
    private final int batchSize;

    /**
     * @param orderAge how old an order may grow before it is failed, so nothing is polled forever
     * @param maxInterval the longest pause between two polls of one order
     */
    public PollingStep(OrderStore store, Spool spool, ServiceProfiles profiles, EpguClient epgu,
            StatusPublisher status, StatusDocuments documents,
            FailureStep failures, ClaimKeeper claims, OrderAge orderAge, Duration maxInterval, int batchSize) {
        this.store = store;
        this.spool = spool;
        this.profiles = profiles;
        this.epgu = epgu;
        this.status = status;
        this.documents = documents;
        this.failures = failures;
        this.claims = claims;
        this.owner = claims.owner();
        this.orderAge = orderAge;
        this.maxInterval = maxInterval;
        this.batchSize = batchSize;
    }

    /**
     * The submitted orders due for a poll that no live instance holds.
     *
     * @return their drop ids; never null
     */
    public List<Long> due() {
        return store.findDueForPolling(batchSize);
    }

    /**
     * Claims and polls one order (its drop id is the body) and sets {@value Headers#POLL_OUTCOME}; an order that
     * another worker or instance took meanwhile is {@code SKIPPED}.
     */
    public void poll(Exchange exchange) {
        long id = exchange.getMessage().getBody(Long.class);
        exchange.getMessage().setHeader(Headers.DROP_ID, id);
        exchange.setProperty(Headers.STAGE, "poll");
        if (!claims.claim(exchange, id, EnumSet.of(DropState.SUBMITTED))) {
            exchange.getMessage().setHeader(Headers.POLL_OUTCOME, SKIPPED);
            return;
        }
        DropRecord drop = store.require(id);

        OrderDetails details = epgu.details(drop.orderId());
        recordHistory(drop, details);

        String outcome = decide(drop, details);
        exchange.getMessage().setHeader(Headers.POLL_OUTCOME, outcome);
        if (PENDING.equals(outcome)) {
            store.schedulePoll(id, owner, store.now().plus(pollPause(drop)));
            if (drop.nextAttemptAt() != null) {
                // EPGU answers again: status.json stops showing the failed polls (an answered order keeps them
                // until its download succeeds, so failed downloads count on)
                store.clearRetry(id, owner);
                status.publish(id);
            }
        }
        if (ANSWERED.equals(outcome)) {
            // the contract takes the object type from the result file's link
            profiles.byServiceCode(drop.serviceCode())
                    .flatMap(profile -> details.responseFile(profile.resultMnemonic()))
                    .map(OrderDetails.ResponseFile::objectType)
                    .ifPresent(type -> exchange.getMessage().setHeader(Headers.RESULT_OBJECT_TYPE, type));
        }
        if (PENDING.equals(outcome)) {
            claims.release(id);
        }
    }

    /**
     * Young orders are polled at every tick; older ones less often (a twentieth of their age, at most
     * {@code maxInterval}), which keeps the calls within EPGU's limits when many orders wait for a slow agency.
     */
    private Duration pollPause(DropRecord drop) {
        Duration age = Duration.between(drop.receivedAt(), store.now());
        Duration pause = age.dividedBy(20);
        return pause.compareTo(maxInterval) > 0 ? maxInterval : pause;
    }

    private String decide(DropRecord drop, OrderDetails details) {
        if (details.processingFailure().isPresent()) {
            String code = details.processingFailure().get();
            failures.fail(drop.id(), new Failure("poll", code, "EPGU refused the archive of order " + drop.orderId()
                    + ": " + code + (details.processingMessage() == null ? "" : " — " + details.processingMessage())));
            return FINISHED;
        }
        Integer statusId = details.statusId();
        if (statusId != null && statusId == 3) {
            return ANSWERED;
        }
        if (statusId != null && statusId == 4) {
            store.markRefused(drop.id(), owner);
            status.publish(drop.id());
            claims.release(drop.id());
            spool.discard(drop.spoolName());
            LOG.info("Drop {}: order {} refused by the agency ({})", drop.folder(), drop.orderId(),
                    details.statusTitle());
            return FINISHED;
        }
        if (details.isFinalStatus()) {
            failures.fail(drop.id(), new Failure("poll", "EPGU_STATUS_" + statusId, "Order " + drop.orderId()
                    + " ended in EPGU status " + statusId + " «" + details.statusTitle() + "»"));
            return FINISHED;
        }
        if (orderAge.isTooOld(drop, store.now())) {
            failures.fail(drop.id(), orderAge.tooOld(drop, "last EPGU status: " + (statusId == null ? "none"
                    : statusId + " «" + details.statusTitle() + "»")));
            return FINISHED;
        }
        return PENDING;
    }

    private void recordHistory(DropRecord drop, OrderDetails details) {
        if (details.statusId() == null) {
            return;
        }
        List<Map<String, Object>> history = new ArrayList<>();
        for (OrderDetails.StatusEntry entry : details.history()) {
            if (entry.statusId() != 0) {
                history.add(documents.historyEntry(entry.statusId(), entry.title(), entry.date()));
            }
        }
        String historyJson = StatusDocuments.toJson(history);
        boolean changed = !details.statusId().equals(drop.statusId()) || !historyJson.equals(drop.statusHistory());
        store.recordStatus(drop.id(), owner, details.statusId(), details.statusTitle(), historyJson,
                details.currentStatusHistoryId());
        if (changed) {
            status.publish(drop.id());
            LOG.info("Drop {}: order {} is in EPGU status {} «{}»", drop.folder(), drop.orderId(), details.statusId(),
                    details.statusTitle());
        }
    }
}
