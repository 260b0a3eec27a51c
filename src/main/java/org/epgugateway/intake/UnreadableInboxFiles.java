package org.epgugateway.intake;

import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbox files the gateway could not read. Each version of such a file (name, size, modification time) is reported
 * with one WARN, not at every scan, while it waits in the inbox untouched; a new version, or the file becoming
 * readable, is said once as well.
 */
public final class UnreadableInboxFiles {

    private static final Logger LOG = LoggerFactory.getLogger(UnreadableInboxFiles.class);

    private final Map<String, String> versionByName = new ConcurrentHashMap<>();

    /**
     * Reports that a file cannot be read; logs only when this version of it was not reported before.
     *
     * @param reason one line, without a stack trace
     */
    public void report(String name, long size, FileTime modified, String reason) {
        String version = size + "|" + modified.toMillis();
        if (!version.equals(versionByName.put(name, version))) {
            LOG.warn("Inbox file {} ({} bytes, modified {}) cannot be read: {}; it stays in the inbox untouched and "
                    + "is taken as soon as the gateway can read it", name, size,
                    Instant.ofEpochMilli(modified.toMillis()), reason);
        }
    }

    /** Notes that a file reported before has now been read. */
    public void taken(String name) {
        if (versionByName.remove(name) != null) {
            LOG.info("Inbox file {} can be read now and was taken", name);
        }
    }
}
