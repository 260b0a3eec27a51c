package org.epgugateway.store;

import java.time.OffsetDateTime;

/**
 * One drop as the store knows it.
 *
 * @param id the store's id
 * @param dropName the file name the back-office system used
 * @param folder the drop's folder name in the outbox, with its {@code ~N} suffix when the name was taken
 * @param spoolName the file name of the custody copy in the work spool
 * @param contentSha256 hex SHA-256 of the original bytes
 * @param sizeBytes size of the original
 * @param serviceCode the EPGU service, once recognised
 * @param businessKey service, applicant, organisation and side, once validated
 * @param state where the drop is
 * @param orderId the EPGU order number, once reserved
 * @param reservedAt when the order was reserved; also the request date written into the documents
 * @param uploadStartedAt when the first part of the current upload was sent
 * @param chunksAcked how many parts EPGU acknowledged in the current upload
 * @param statusId EPGU's last status code
 * @param statusTitle EPGU's last status title
 * @param statusHistory EPGU's status history as a JSON array
 * @param currentStatusHistoryId EPGU's id of the current status record, the download object id
 * @param resultFiles the files delivered to the outbox, as a JSON array
 * @param errorStage stage of the failure, when failed
 * @param errorCode machine-readable failure code
 * @param errorMessage failure in words
 * @param deadLetter file name of the original in the dead-letter folder
 * @param attempts failed attempts of the current step
 * @param nextAttemptAt when a drop waiting after a passing failure or a paused circuit is tried again
 * @param duplicateOf id of the first drop when this one is a duplicate
 * @param receivedAt when custody was taken
 * @param updatedAt last change
 * @param finalAt when a final state was reached
 */
public record DropRecord(
        long id,
        String dropName,
        String folder,
        String spoolName,
        String contentSha256,
        long sizeBytes,
        String serviceCode,
        String businessKey,
        DropState state,
        Long orderId,
        OffsetDateTime reservedAt,
        OffsetDateTime uploadStartedAt,
        int chunksAcked,
        Integer statusId,
        String statusTitle,
        String statusHistory,
        Long currentStatusHistoryId,
        String resultFiles,
        String errorStage,
        String errorCode,
        String errorMessage,
        String deadLetter,
        int attempts,
        OffsetDateTime nextAttemptAt,
        Long duplicateOf,
        OffsetDateTime receivedAt,
        OffsetDateTime updatedAt,
        OffsetDateTime finalAt) {
}
