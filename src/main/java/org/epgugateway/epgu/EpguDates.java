package org.epgugateway.epgu;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * EPGU's date forms: {@code 2023-11-02T07:27:22.586+0300} (offset without a colon) in order details, and
 * {@code 2022-12-21T20:49:37.672} (no offset, Moscow time) in status lists; ISO offsets are accepted too.
 */
public final class EpguDates {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private static final DateTimeFormatter EPGU = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .toFormatter();

    private EpguDates() {
    }

    /**
     * Parses an EPGU date; a date without an offset is taken as Moscow time.
     *
     * @return the moment, or null for a null or blank text
     * @throws DateTimeParseException when the text is in none of EPGU's forms
     */
    public static OffsetDateTime parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var parsed = EPGU.parseBest(text.trim(), OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime offset) {
            return offset;
        }
        return ((LocalDateTime) parsed).atZone(MOSCOW).toOffsetDateTime();
    }
}
