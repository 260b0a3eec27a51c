package org.epgugateway.intake;

import java.io.File;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the inbox consumer take only files that have not changed for a while, so a producer that writes in place
 * instead of renaming is not read half-way. Unlike Camel's {@code readLock=changed} it decides from the listing
 * alone, without marker files (which would disturb other instances sharing the inbox) and without making each file
 * wait in turn. Symbolic links are never taken.
 */
public final class StableFileFilter implements GenericFileFilter<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(StableFileFilter.class);

    private final Duration stableTime;
    private final Clock clock;
    private final Set<String> warnedLinks = ConcurrentHashMap.newKeySet();

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
        if (file.getFile() instanceof File local && Files.isSymbolicLink(local.toPath())) {
            // a link could point anywhere on the gateway's machine; its target is never read
            if (warnedLinks.add(local.getAbsolutePath())) {
                LOG.warn("Inbox entry {} is a symbolic link; links are not followed and the entry is left alone: "
                        + "drop the file itself", local.getName());
            }
            return false;
        }
        return file.getLastModified() <= clock.millis() - stableTime.toMillis();
    }
}
