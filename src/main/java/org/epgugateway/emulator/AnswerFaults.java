package org.epgugateway.emulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults in what the agency answers: results that never arrive, and hostile archives in place of genuine answers.
 * Decided once per order, when its upload completes, so that E4 and the download agree.
 */
final class AnswerFaults {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerFaults.class);

    private final FaultPlan plan;
    private final FaultDraws draws;
    private final EmulatorJournal journal;
    private final Set<Long> withheld = ConcurrentHashMap.newKeySet();
    private final Map<Long, HostileArchive> hostileByOrder = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong plannedHostile = new AtomicLong();
    private volatile HostileArchive hostileForAll;

    AnswerFaults(FaultPlan plan, FaultDraws draws, EmulatorJournal journal) {
        this.plan = plan;
        this.draws = draws;
        this.journal = journal;
    }

    /** Decides, once per order the checks accepted, whether its result never arrives. */
    boolean withholds(long orderId) {
        long number = accepted.incrementAndGet();
        boolean withhold = withheld.remove(orderId)
                || plan.withheldResultRate() > 0 && draws.unit("results/withheld", number) < plan.withheldResultRate();
        if (withhold) {
            journal.recordFault(FaultKind.RESULT_WITHHELD, null);
            LOG.info("EPGU will never show a result for order {} (fault injection)", orderId);
        }
        return withhold;
    }

    /** Decides, once per answer, whether the order gets its genuine archive or a hostile one in its place. */
    byte[] answer(long orderId, byte[] genuine) {
        long number = answered.incrementAndGet();
        HostileArchive flavour = hostileByOrder.remove(orderId);
        if (flavour == null) {
            flavour = hostileForAll;
        }
        if (flavour == null && plan.hostileRate() > 0 && draws.unit("answers/hostile", number) < plan.hostileRate()) {
            List<HostileArchive> flavours = plan.hostileArchives();
            flavour = flavours.get((int) (plannedHostile.getAndIncrement() % flavours.size()));
        }
        if (flavour == null) {
            return genuine;
        }
        journal.recordFault(flavour.kind(), null);
        LOG.info("EPGU answers order {} with a hostile archive: {} (fault injection)", orderId, flavour.word());
        return HostileArchives.of(flavour, genuine);
    }

    void withhold(long orderId) {
        withheld.add(orderId);
    }

    void hostileFor(long orderId, HostileArchive flavour) {
        hostileByOrder.put(orderId, flavour);
    }

    /** Every later answer is of this flavour; null goes back to the plan. */
    void hostileForAll(HostileArchive flavour) {
        hostileForAll = flavour;
    }

    void clear() {
        withheld.clear();
        hostileByOrder.clear();
        hostileForAll = null;
    }
}
