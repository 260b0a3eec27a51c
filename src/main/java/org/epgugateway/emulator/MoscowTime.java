package org.epgugateway.emulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * EPGU's way of writing moments: Moscow time with milliseconds and an offset without a colon.
 */
final class MoscowTime {

    static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

    private static final DateTimeFormatter EPGU = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

    private MoscowTime() {
    }

    /** For example {@code 2023-11-02T07:27:22.586+0300}. */
    static String epgu(Instant instant) {
        return EPGU.format(instant.atZone(ZONE));
    }

    static LocalDate date(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }
}
