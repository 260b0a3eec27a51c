package org.epgugateway.emulator;

import java.time.Clock;

/**
 * Result downloads: E8b {@code /api/gusmev/files/download/{objectId}/{objectType}?mnemonic=&eserviceCode=} and
 * the older E8a {@code /api/storage/v2/files/{objectId}/{objectType}/download?mnemonic=}.
 */
final class DownloadEndpoint {

    private final OrderRegistry registry;
    private final StatusTimeline timeline;
    private final Clock clock;

    DownloadEndpoint(OrderRegistry registry, StatusTimeline timeline, Clock clock) {
        this.registry = registry;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** E8b: the service code is part of the request. */
    HttpReply download(EmulatorRequest request) {
        if (!OrderDocument.SERVICE_CODE.equals(request.queryParameter("eserviceCode"))) {
            throw notFound("eserviceCode must be " + OrderDocument.SERVICE_CODE);
        }
        return storageDownload(request);
    }

    /**
     * E8a. The objectId is the order's {@code currentStatusHistoryId}, not the order number.
     */
    HttpReply storageDownload(EmulatorRequest request) {
        if (!Integer.toString(OrderDocument.RESULT_OBJECT_TYPE).equals(request.pathParameter("objectType"))) {
            throw notFound("objectType must be " + OrderDocument.RESULT_OBJECT_TYPE + " for a result file");
        }
        if (!AnswerDocuments.ARCHIVE_NAME.equals(request.queryParameter("mnemonic"))) {
            throw notFound("mnemonic must be " + AnswerDocuments.ARCHIVE_NAME);
        }
        long objectId;
        try {
            objectId = Long.parseLong(request.pathParameter("objectId"));
        } catch (NumberFormatException e) {
            throw notFound("objectId must be a number");
        }
        Order order = registry.findByHistoryId(objectId)
                .orElseThrow(() -> notFound("no status record " + objectId));
        if (!order.subject().equals(request.grant().subject())) {
            throw ApiException.orderAccess();
        }
        StatusTimeline.Progress progress = timeline.at(order, clock.instant());
        if (!progress.hasResult() || progress.current().id() != objectId) {
            throw notFound("status record " + objectId + " has no result file");
        }
        return HttpReply.bytes(200, HttpReply.ZIP, progress.submission().answer().zip());
    }

    private static ApiException notFound(String why) {
        return new ApiException(404, "not_found", "Файл не найден: " + why);
    }
}
