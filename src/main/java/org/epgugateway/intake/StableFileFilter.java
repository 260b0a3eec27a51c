package org.epgugateway.intake;

import java.time.Clock;
import java.time.Duration;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Lets the inbox consumer take only files that have not changed for a while, so a producer that writes in place
 * instead of renaming is not read half-way. Unlike Camel's {@code readLock=changed} it decides from the listing
 * alone, without marker files (which would disturb other instances sharing the inbox) and without making each file
 * wait in turn.
 */
public final class StableFileFilter implements GenericFileFilter<Object> {

    private final Duration stableTime;
    private final Clock clock;

    /**
     * @param stableTime how long a file's modification time must lie in the past
     */
    public StableFileFilter(Duration stableTime, Clock clock) {
        this.stableTime = stableTime;
        this.clock = clock;
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory()) {
            return false;
        }
        return file.getLastModified() <= clock.millis() - stableTime.toMillis();
    }
}
