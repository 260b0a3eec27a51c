package org.epgugateway.emulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a completed upload into the submission its timeline follows: the scripted outcome, the status row ids,
 * and the answer (fresh, or the first one again when the answer cache applies).
 */
final class OrderSubmitter {

    private static final Logger LOG = LoggerFactory.getLogger(OrderSubmitter.class);

    private final EmulatorSettings settings;
    private final OrderRegistry registry;
    private final AnswerCache answerCache;
    private final AnswerFaults answerFaults;

    OrderSubmitter(EmulatorSettings settings, OrderRegistry registry, AnswerCache answerCache,
                   AnswerFaults answerFaults) {
        this.settings = settings;
        this.registry = registry;
        this.answerCache = answerCache;
        this.answerFaults = answerFaults;
    }

    Submission submit(Order order, Inspection inspection, Instant now) {
        if (!inspection.passed()) {
            return new Submission(now, inspection, null, List.of(), null, null);
        }
        List<Long> historyIds = new ArrayList<>();
        for (int i = 0; i < StatusTimeline.STEPS_AFTER_UPLOAD; i++) {
            long id = registry.nextObjectId();
            registry.indexHistory(id, order);
            historyIds.add(id);
        }
        Instant readyAt = now.plus(settings.stepDelay().multipliedBy(StatusTimeline.STEPS_AFTER_UPLOAD));
        ApplicationFacts facts = inspection.facts();

        Outcome outcome = answerFaults.withholds(order.id()) ? Outcome.NO_ANSWER
                : settings.outcomeFor(facts.authorSnils());
        Optional<byte[]> cached = settings.answerCacheEnabled() && outcome != Outcome.NO_ANSWER
                ? answerCache.lookup(order.subject(), facts.complainerType(), now)
                : Optional.empty();
        EpguStatus finalStatus = cached.isPresent() ? EpguStatus.SERVED : outcome.finalStatus();
        Submission.Answer answer = null;
        if (cached.isPresent()) {
            LOG.info("EPGU answers order {} with the answer of an earlier application (one-day answer cache)",
                    order.id());
            answer = new Submission.Answer(registry.nextObjectId(), answerFaults.answer(order.id(), cached.get()));
        } else if (outcome.hasAnswer()) {
            byte[] zip = AnswerDocuments.archive(order.id(), facts, outcome == Outcome.FOUND, readyAt);
            answer = new Submission.Answer(registry.nextObjectId(), answerFaults.answer(order.id(), zip));
            if (settings.answerCacheEnabled()) {
                answerCache.remember(order.subject(), facts.complainerType(), zip, readyAt);
            }
        }
        return new Submission(now, inspection, finalStatus, List.copyOf(historyIds), UUID.randomUUID().toString(),
                answer);
    }
}
