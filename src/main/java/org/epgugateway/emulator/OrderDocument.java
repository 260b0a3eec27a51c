package org.epgugateway.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The order object of E4 (which EPGU sends as an escaped JSON string inside the envelope), built from an order
 * and its progress.
 */
final class OrderDocument {

    static final String SERVICE_CODE = "60010153";
    static final String TARGET_CODE = "-60010153";
    static final int RESULT_OBJECT_TYPE = 3;

    private static final int ATTACHMENT_OBJECT_TYPE = 2;
    private static final String AGENCY = "ФССП России";

    private OrderDocument() {
    }

    static ObjectNode of(Order order, StatusTimeline.Progress progress) {
        StatusTimeline.Row current = progress.current();
        Submission submission = progress.submission();
        ObjectNode json = Json.object();
        json.put("id", order.id());
        json.put("orderStatusId", current.status().id());
        json.put("orderStatusName", current.status().title());
        json.put("currentStatusHistoryId", current.id());
        json.set("currentStatusHistory", row(order, current, progress));
        ArrayNode statuses = json.putArray("statuses");
        progress.rows().forEach(row -> statuses.add(row(order, row, progress)));
        json.put("closed", progress.closed());
        json.put("hasResult", progress.hasResult());
        json.set("orderResponseFiles", responseFiles(order, progress));
        json.set("orderAttachmentFiles", attachmentFiles(order, progress));
        json.put("eserviceId", SERVICE_CODE);
        json.put("serviceTargetId", TARGET_CODE);
        json.put("servicePassportId", "610153");
        json.put("userSelectedRegion", order.region());
        json.put("location", order.region());
        json.put("orderDate", MoscowTime.epgu(order.createdAt()));
        json.put("updated", MoscowTime.epgu(current.date()));
        json.put("requestDate", submission == null ? null : MoscowTime.epgu(submission.sentAt()));
        json.put("smevMessageId", progress.messageId() == null ? null
                : progress.closed() ? progress.messageId() : "WAIT_RESPONSE");
        json.put("stateStructureName", AGENCY);
        json.put("creationMode", "api");
        json.put("edsStatus", "EDS_NOT_SUPPORTED");
        json.put("readyToSign", false);
        return json;
    }

    private static ObjectNode row(Order order, StatusTimeline.Row row, StatusTimeline.Progress progress) {
        EpguStatus status = row.status();
        boolean result = status == EpguStatus.SERVED && progress.hasResult();
        ObjectNode json = Json.object();
        json.put("id", row.id());
        json.put("statusId", status.id());
        json.put("title", status.title());
        json.put("date", MoscowTime.epgu(row.date()));
        json.put("orderId", order.id());
        json.put("finalStatus", status.isFinal());
        json.put("hasResult", result ? "Y" : "N");
        json.put("cancelAllowed", false);
        json.put("sender", sender(status));
        json.put("comment", status == EpguStatus.REFUSED ? "Отказано в предоставлении информации" : null);
        json.put("editAllowed", false);
        json.put("unreadEvent", false);
        json.put("sendMessageAllowed", false);
        json.put("deliveryCancelAllowed", false);
        return json;
    }

    private static String sender(EpguStatus status) {
        return switch (status) {
            case RECEIVED, SERVED, REFUSED -> AGENCY;
            case SMEV_ERROR -> "СМЭВ";
            default -> "ЕПГУ";
        };
    }

    private static ArrayNode responseFiles(Order order, StatusTimeline.Progress progress) {
        ArrayNode files = Json.array();
        if (!progress.hasResult()) {
            return files;
        }
        Submission.Answer answer = progress.submission().answer();
        ObjectNode file = files.addObject();
        file.put("id", answer.fileId());
        file.put("fileName", AnswerDocuments.ARCHIVE_NAME);
        file.put("fileSize", answer.zip().length);
        file.put("link", link(order, AnswerDocuments.ARCHIVE_NAME, RESULT_OBJECT_TYPE));
        file.put("mimeType", HttpReply.ZIP);
        file.put("hasDigitalSignature", false);
        file.put("hasAltMimeType", false);
        return files;
    }

    /** The files the user sent, once gu-smev accepted them. */
    private static ArrayNode attachmentFiles(Order order, StatusTimeline.Progress progress) {
        ArrayNode files = Json.array();
        if (!ArchiveInspector.DONE.equals(progress.code())) {
            return files;
        }
        for (Inspection.ArchivedFile archived : progress.submission().inspection().files()) {
            ObjectNode file = files.addObject();
            file.put("id", order.id() + "/files/" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(archived.name().getBytes(StandardCharsets.UTF_8)));
            file.put("fileName", archived.name());
            file.put("fileSize", archived.size());
            file.put("link", link(order, archived.name(), ATTACHMENT_OBJECT_TYPE));
            file.put("mimeType", archived.name().toLowerCase(Locale.ROOT).endsWith(".xml")
                    ? "application/xml" : "application/octet-stream");
            file.put("hasDigitalSignature", false);
            file.put("type", archived.name().equals(ArchiveInspector.REQUEST_FILE) ? "REQUEST" : "ATTACHMENT");
        }
        return files;
    }

    /** {@code terrabyte://00/<orderId>/<file name>/<objectType>}. */
    private static String link(Order order, String fileName, int objectType) {
        return "terrabyte://00/" + order.id() + "/" + fileName + "/" + objectType;
    }
}
