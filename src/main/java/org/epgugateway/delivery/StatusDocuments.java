package org.epgugateway.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.epgugateway.privacy.Redaction;
import org.epgugateway.store.DropRecord;
import org.epgugateway.store.DropState;
import org.epgugateway.store.Failure;

/**
 * Renders {@code status.json} and {@code error.json} as the folder contract describes them; field names here are
 * part of that contract and are never renamed or removed. The {@code retry} field appears only while a drop waits for
 * its next attempt.
 */
public final class StatusDocuments {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() { };

    private final ZoneId zone;

    /**
     * @param zone the zone in which times are written (with their offset)
     */
    public StatusDocuments(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * The {@code status.json} of a drop.
     *
     * @param first the drop this one duplicates, when it is a duplicate; may be null
     */
    public byte[] status(DropRecord drop, DropRecord first) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("drop", drop.dropName());
        doc.put("folder", drop.folder());
        doc.put("state", drop.state().publicName());
        doc.put("orderId", drop.orderId());
        doc.put("statusId", drop.statusId());
        doc.put("statusTitle", drop.statusTitle());
        doc.put("history", parseList(drop.statusHistory()));
        doc.put("receivedAt", time(drop.receivedAt()));
        doc.put("updatedAt", time(drop.updatedAt()));
        doc.put("files", parseList(drop.resultFiles()));
        doc.put("error", drop.errorCode() == null || drop.deadLetter() == null ? null : error(drop));
        doc.put("duplicateOf", first == null ? null : duplicateOf(first));
        if (isWaiting(drop)) {
            doc.put("retry", retry(drop));
        }
        return write(doc);
    }

    /**
     * The {@code <drop>.error.json} beside a dead-lettered original.
     */
    public byte[] errorReport(DropRecord drop, Failure failure, int attempts, OffsetDateTime at) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("drop", drop.dropName());
        doc.put("folder", drop.folder());
        doc.put("stage", failure.stage());
        doc.put("code", failure.code());
        doc.put("message", Redaction.mask(failure.message()));
        doc.put("time", time(at));
        doc.put("attempts", attempts);
        doc.put("orderId", drop.orderId());
        return write(doc);
    }

    /**
     * One entry of the status history, with EPGU's time converted to ISO-8601 with offset.
     */
    public Map<String, Object> historyEntry(int statusId, String title, OffsetDateTime at) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("statusId", statusId);
        entry.put("title", title);
        entry.put("at", time(at));
        return entry;
    }

    public static String toJson(Object value) {
        try {
            return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> error(DropRecord drop) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("stage", drop.errorStage());
        error.put("code", drop.errorCode());
        error.put("message", Redaction.mask(drop.errorMessage()));
        error.put("attempts", drop.attempts());
        error.put("deadLetter", drop.deadLetter());
        return error;
    }

    /**
     * A drop with a next attempt scheduled waits after a passing failure or a paused circuit: before submission
     * any step that moves it on clears the schedule; after it, the next poll EPGU answers does.
     */
    private static boolean isWaiting(DropRecord drop) {
        boolean inFlight = DropState.BEFORE_SUBMISSION.contains(drop.state()) || drop.state() == DropState.SUBMITTED;
        return inFlight && drop.nextAttemptAt() != null && drop.errorCode() != null;
    }

    private Map<String, Object> retry(DropRecord drop) {
        Map<String, Object> retry = new LinkedHashMap<>();
        retry.put("stage", drop.errorStage());
        retry.put("code", drop.errorCode());
        retry.put("message", Redaction.mask(drop.errorMessage()));
        retry.put("attempts", drop.attempts());
        retry.put("nextAttemptAt", time(drop.nextAttemptAt()));
        return retry;
    }

    private static Map<String, Object> duplicateOf(DropRecord first) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("folder", first.folder());
        ref.put("orderId", first.orderId());
        return ref;
    }

    private String time(OffsetDateTime at) {
        return at == null ? null : at.atZoneSameInstant(zone).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static List<Object> parseList(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, LIST);
        } catch (IOException e) {
            throw new UncheckedIOException("Stored list is not JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] write(Map<String, Object> doc) {
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
