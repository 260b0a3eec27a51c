package org.epgugateway.intake;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the inbox consumer take only files that have not changed for a while, so a producer that writes in place
 * instead of renaming is not read half-way. Unlike Camel's {@code readLock=changed} it decides from the listing
 * alone, without marker files (which would disturb other instances sharing the inbox) and without making each file
 * wait in turn. Only regular files are taken: symbolic links (even to regular files), named pipes, sockets and
 * devices are left alone with one WARN each, and so are files the gateway may not read, until it may.
 */
public final class StableFileFilter implements GenericFileFilter<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(StableFileFilter.class);
    private static final int FILE_TYPE_BITS = 0170000;

    private final Duration stableTime;
    private final Clock clock;
    private final UnreadableInboxFiles unreadable;
    private final Predicate<Path> readable;
    private final Set<String> warnedEntries = ConcurrentHashMap.newKeySet();

    /**
     * @param stableTime how long a file's modification time must lie in the past
     * @param unreadable where files that cannot be read are reported, once per version
     */
    public StableFileFilter(Duration stableTime, Clock clock, UnreadableInboxFiles unreadable) {
        this(stableTime, clock, unreadable, Files::isReadable);
    }

    /** With another test of readability: the super-user reads every file, whatever its mode. */
    StableFileFilter(Duration stableTime, Clock clock, UnreadableInboxFiles unreadable, Predicate<Path> readable) {
        this.stableTime = stableTime;
        this.clock = clock;
        this.unreadable = unreadable;
        this.readable = readable;
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory()) {
            return false;
        }
        if (file.getFile() instanceof File local && !isTakeableLocalFile(local.toPath())) {
            return false;
        }
        return file.getLastModified() <= clock.millis() - stableTime.toMillis();
    }

    private boolean isTakeableLocalFile(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            // gone since the listing (another instance took it): nothing to take and nothing to say
            return false;
        }
        if (attributes.isSymbolicLink()) {
            // a link could point anywhere on the gateway's machine; its target is never read
            warnOnce(path, "is a symbolic link; links are not followed and the entry is left alone: drop the file "
                    + "itself");
            return false;
        }
        if (!attributes.isRegularFile()) {
            // opening a named pipe waits for a writer, which would stop the intake of every other drop
            warnOnce(path, "is " + kindOf(path) + ", not a regular file; it is never opened and is left alone: "
                    + "drop a regular file");
            return false;
        }
        if (!readable.test(path)) {
            unreadable.report(path.getFileName().toString(), attributes.size(), attributes.lastModifiedTime(),
                    "the gateway's user has no permission to read it");
            return false;
        }
        return true;
    }

    private void warnOnce(Path path, String why) {
        // per name and kind: a link replaced by a named pipe under the same name is news
        if (warnedEntries.add(path.toAbsolutePath() + "\n" + why)) {
            LOG.warn("Inbox entry {} {}", path.getFileName(), why);
        }
    }

    private static String kindOf(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return switch (mode & FILE_TYPE_BITS) {
                case 0010000 -> "a named pipe (FIFO)";
                case 0140000 -> "a socket";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file";
        }
    }
}
