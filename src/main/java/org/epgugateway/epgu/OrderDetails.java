package org.epgugateway.epgu;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the gateway needs from EPGU's order details ({@code POST /api/gusmev/order/{orderId}}).
 *
 * @param processingCode the gu-smev processing code of the envelope ({@code NEW}, {@code DONE},
 *     {@code VALIDATION_ERROR}, ...); null before the upload completed
 * @param processingMessage the envelope's message, may be null
 * @param orderId the order number, when the order object was present
 * @param statusId the current EPGU status, or null when the order object was absent
 * @param statusTitle its title
 * @param currentStatusHistoryId id of the current status record: the object id for downloading results
 * @param closed whether EPGU marked the order closed
 * @param history the status history, oldest first
 * @param responseFiles the result files attached to the order
 */
public record OrderDetails(
        String processingCode,
        String processingMessage,
        Long orderId,
        Integer statusId,
        String statusTitle,
        Long currentStatusHistoryId,
        boolean closed,
        List<StatusEntry> history,
        List<ResponseFile> responseFiles) {

    /** gu-smev codes after which processing went on normally. */
    private static final Set<String> PASSED = Set.of("DONE", "OK");
    /** gu-smev codes that are still on their way to a final one. */
    private static final Set<String> INTERMEDIATE = Set.of("NEW", "VALIDATION", "FILES_VERIFICATION",
            "FILES_VERIFICATION_SUCCESS", "RETRY");
    /** EPGU statuses of 60010153 that end an order. */
    private static final Set<Integer> FINAL_STATUSES = Set.of(3, 4, 5, 22);

    /**
     * One row of the status history.
     */
    public record StatusEntry(long historyId, int statusId, String title, OffsetDateTime date) {
    }

    /**
     * A result file attached to the order.
     *
     * @param objectType the last segment of the file's {@code terrabyte://} link ({@code 3} for results)
     */
    public record ResponseFile(String fileName, String link, Integer objectType) {
    }

    /**
     * A final gu-smev code that is not a success: the archive was refused before it reached the agency.
     */
    public Optional<String> processingFailure() {
        if (processingCode == null || PASSED.contains(processingCode) || INTERMEDIATE.contains(processingCode)) {
            return Optional.empty();
        }
        return Optional.of(processingCode);
    }

    /** Whether EPGU has seen the upload complete: a processing code or a status past the draft. */
    public boolean wasSent() {
        return processingCode != null || (statusId != null && statusId != 0) || history.size() > 1;
    }

    public boolean isFinalStatus() {
        return statusId != null && FINAL_STATUSES.contains(statusId);
    }

    public Optional<ResponseFile> responseFile(String fileName) {
        return responseFiles.stream().filter(f -> fileName.equals(f.fileName())).findFirst();
    }
}
