package org.epgugateway.emulator;

import java.time.Instant;
import java.util.List;

/**
 * An order whose upload completed: the verdict of the checks and, when they passed, the path it takes to its
 * final status.
 *
 * @param sentAt      when the last part arrived
 * @param inspection  the verdict of the gu-smev checks
 * @param finalStatus the final EPGU status; null when the checks failed
 * @param historyIds  ids of the status rows 17, 21, 2 and the final one; empty when the checks failed
 * @param messageId   the SMEV message id of the request EPGU sent; null when the checks failed
 * @param answer      the answer archive offered for download; null unless the final status is 3
 */
record Submission(Instant sentAt, Inspection inspection, EpguStatus finalStatus, List<Long> historyIds,
                  String messageId, Answer answer) {

    /**
     * The result file of an order.
     *
     * @param fileId the id EPGU gives the file
     * @param zip    the bytes of {@code piev_epgu.zip}
     */
    record Answer(long fileId, byte[] zip) {
    }
}
