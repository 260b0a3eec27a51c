package org.epgugateway.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an order stands at a given moment, computed from elapsed time: after the upload gu-smev answers
 * {@code NEW}, one step later its verdict, then one status per step: 17, 21, 2 and the final one.
 */
final class StatusTimeline {

    static final String NEW = "NEW";

    /** The rows that follow the draft once the checks passed, in order; the last is the final status. */
    static final int STEPS_AFTER_UPLOAD = 4;

    /**
     * One row of the status history.
     *
     * @param id     the history id (the objectId of downloads while it is the current row)
     * @param status the status
     * @param date   when the order reached it
     */
    record Row(long id, EpguStatus status, Instant date) {
    }

    /**
     * An order as seen at one moment.
     *
     * @param code       the gu-smev code: null before the upload, {@code NEW}, {@code DONE} or an error code
     * @param message    what the code means for this order; null when nothing to say
     * @param messageId  the SMEV message id once sent; else null
     * @param rows       the status history so far, oldest first; never empty
     * @param submission the submission, or null before the upload completed
     */
    record Progress(String code, String message, String messageId, List<Row> rows, Submission submission) {

        Row current() {
            return rows.get(rows.size() - 1);
        }

        boolean closed() {
            return current().status().isFinal();
        }

        /** True once the final status 3 is visible: only then is the answer offered. */
        boolean hasResult() {
            return current().status() == EpguStatus.SERVED && submission.answer() != null;
        }
    }

    private final Duration step;

    StatusTimeline(Duration step) {
        this.step = step;
    }

    Progress at(Order order, Instant now) {
        Row draft = new Row(order.draftHistoryId(), EpguStatus.DRAFT, order.createdAt());
        Submission submission = order.submission();
        if (submission == null) {
            return new Progress(null, null, null, List.of(draft), null);
        }
        int steps = stepsDone(submission.sentAt(), now);
        if (steps == 0) {
            return new Progress(NEW, null, null, List.of(draft), submission);
        }
        Inspection inspection = submission.inspection();
        if (!inspection.passed()) {
            return new Progress(inspection.code(), inspection.message(), null, List.of(draft), submission);
        }
        // an order whose result never arrives stops at status 2, one step short of a final status
        int reachable = submission.finalStatus().isFinal() ? STEPS_AFTER_UPLOAD : STEPS_AFTER_UPLOAD - 1;
        return new Progress(ArchiveInspector.DONE, "Заявление передано в ведомство", submission.messageId(),
                rows(draft, submission, Math.min(steps, reachable)), submission);
    }

    private int stepsDone(Instant sentAt, Instant now) {
        if (step.isZero()) {
            return STEPS_AFTER_UPLOAD;
        }
        long elapsed = Math.max(0, Duration.between(sentAt, now).toNanos());
        return (int) Math.min(STEPS_AFTER_UPLOAD, elapsed / step.toNanos());
    }

    private List<Row> rows(Row draft, Submission submission, int steps) {
        List<EpguStatus> path = List.of(EpguStatus.REGISTERED, EpguStatus.SENT, EpguStatus.RECEIVED,
                submission.finalStatus());
        List<Row> rows = new ArrayList<>();
        rows.add(draft);
        for (int i = 0; i < steps; i++) {
            rows.add(new Row(submission.historyIds().get(i), path.get(i),
                    submission.sentAt().plus(step.multipliedBy(i + 1L))));
        }
        return rows;
    }
}
