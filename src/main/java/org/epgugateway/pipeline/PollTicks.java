package org.epgugateway.pipeline;

import java.text.ParseException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.TimeZone;

import org.epgugateway.config.SettingsException;
import org.quartz.CronExpression;

/**
 * When the poll timer ({@code poll.cron}) fires next: a submitted drop whose poll failed is tried again at that tick,
 * and {@code status.json} says when.
 */
public final class PollTicks {

    private final CronExpression cron;

    /**
     * @param cron the Quartz cron expression of the poll route, read in the JVM's time zone as the route reads it
     * @throws SettingsException when it is not a cron expression
     */
    public PollTicks(String cron) {
        try {
            this.cron = new CronExpression(cron);
        } catch (ParseException e) {
            throw new SettingsException("Invalid configuration: poll.cron (POLL_CRON) is not a Quartz cron "
                    + "expression: " + e.getMessage());
        }
        this.cron.setTimeZone(TimeZone.getDefault());
    }

    /** The first tick after the moment, or the moment itself when the expression never fires again. */
    public OffsetDateTime nextAfter(OffsetDateTime moment) {
        Date next = cron.getNextValidTimeAfter(Date.from(moment.toInstant()));
        return next == null ? moment : next.toInstant().atOffset(ZoneOffset.UTC);
    }
}
