package org.epgugateway.sftp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import org.epgugateway.delivery.Outbox;
import org.epgugateway.pipeline.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox and the dead-letter folder on an SFTP server, each file uploaded under a hidden temporary name and then
 * renamed, and writes cut by a link failure tried again on a new connection with backoff.
 */
public final class SftpOutbox implements Outbox, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SftpOutbox.class);
    private static final String STATUS_FILE = "status.json";
    /** Folders whose last status write is remembered; older ones are long final. */
    private static final int MAX_TRACKED_FOLDERS = 10_000;
    /** Temporary files of abandoned writes remembered for removal; beyond this they stay (hidden and harmless). */
    private static final int MAX_LEFTOVERS = 1_000;

    private final SftpConnector connector;
    private final String outbox;
    private final String deadLetter;
    private final RetryPolicy retries;
    private final Clock clock;
    /** JSch channels are not thread-safe: one operation at a time uses the shared connection. */
    private final ReentrantLock lock = new ReentrantLock();
    private ChannelSftp channel;
    private volatile LinkState link;
    /** Orders status writes: each call takes a number, and the newest number written per folder is kept. */
    private final AtomicLong statusCalls = new AtomicLong();
    /** Temporary files of writes that gave up, removed once the server answers again; guarded by {@link #lock}. */
    private final Set<String> leftovers = new LinkedHashSet<>();
    /** Newest status write per folder that reached the server; guarded by {@link #lock}. */
    private final Map<String, Long> statusWritten = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_TRACKED_FOLDERS;
        }
    };

    /**
     * The last known state of the link to the server.
     *
     * @param up whether the last operation or probe reached the server
     * @param message what went wrong when it did not; null when up
     * @param at when this was learnt
     */
    public record LinkState(boolean up, String message, Instant at) {
    }

    /**
     * @param outbox the remote outbox folder
     * @param deadLetter the remote dead-letter folder
     */
    public SftpOutbox(SftpConnector connector, String outbox, String deadLetter, RetryPolicy retries, Clock clock) {
        this.connector = connector;
        this.outbox = trimSlash(outbox);
        this.deadLetter = trimSlash(deadLetter);
        this.retries = retries;
        this.clock = clock;
        this.link = new LinkState(false, "not connected yet", clock.instant());
    }

    @Override
    public boolean folderInUse(String folder) {
        return withRetries("check folder " + folder, ch -> exists(ch, join(outbox, folder)));
    }

    /**
     * Replaces {@code status.json}. A write that is still being retried when a later one for the same folder has
     * reached the server is dropped, so a slow retry never puts an older state back.
     */
    @Override
    public void writeStatus(String folder, byte[] statusJson) {
        long call = statusCalls.incrementAndGet();
        String dir = join(outbox, folder);
        upload("status.json of " + folder, dir, STATUS_FILE, () -> new ByteArrayInputStream(statusJson),
                () -> statusWritten.getOrDefault(folder, 0L) > call,
                () -> statusWritten.merge(folder, call, Math::max));
    }

    @Override
    public void writeResult(String folder, String fileName, Path source) {
        String dir = join(outbox, folder);
        upload(fileName + " of " + folder, dir, fileName, () -> Files.newInputStream(source));
    }

    @Override
    public void writeDeadLetter(String fileName, Path original, byte[] errorJson) {
        upload("dead letter " + fileName, deadLetter, fileName, () -> Files.newInputStream(original));
        upload("dead letter " + fileName + ".error.json", deadLetter, fileName + ".error.json",
                () -> new ByteArrayInputStream(errorJson));
    }

    @Override
    public String describe() {
        return "outbox " + connector.describe() + "/" + outbox + ", dead-letter " + connector.describe() + "/"
                + deadLetter;
    }

    /** The last known state of the link, without contacting the server. */
    public LinkState link() {
        return link;
    }

    /**
     * Checks the link with one cheap request, reconnecting when needed. When another operation holds the
     * connection longer than {@code wait}, the last known state is returned instead.
     */
    public LinkState probe(Duration wait) {
        boolean locked;
        try {
            locked = lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return link;
        }
        if (!locked) {
            return link;
        }
        try {
            connected().stat(".");
            markUp();
        } catch (IOException | SftpException e) {
            disconnect();
            markDown(e);
        } finally {
            lock.unlock();
        }
        return link;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            disconnect();
        } finally {
            lock.unlock();
        }
    }

    private void upload(String what, String dir, String fileName, Content content) {
        upload(what, dir, fileName, content, () -> false, () -> { });
    }

    /**
     * @param superseded checked under the lock before each attempt: true when the write is no longer wanted
     * @param written called under the lock once the file is in place
     */
    private void upload(String what, String dir, String fileName, Content content, BooleanSupplier superseded,
            Runnable written) {
        String target = join(dir, fileName);
        // one temporary name for all attempts, so an attempt cut after the upload leaves nothing behind
        String temp = join(dir, "." + fileName + "." + UUID.randomUUID() + ".tmp");
        try {
            withRetries("write " + what, ch -> {
                if (superseded.getAsBoolean()) {
                    LOG.debug("Dropped the write of {}: a newer one reached {} first", target, connector.describe());
                    removeIfPresent(ch, temp);
                    return null;
                }
                makeFolders(ch, dir);
                try (InputStream in = open(what, content)) {
                    ch.put(in, temp, ChannelSftp.OVERWRITE);
                }
                moveIntoPlace(ch, temp, target);
                written.run();
                return null;
            });
        } catch (RuntimeException e) {
            forget(temp);
            throw e;
        }
        LOG.debug("Wrote {} to {}", target, connector.describe());
    }

    /** Opens the local bytes; a local failure is not the link's and is not retried. */
    private static InputStream open(String what, Content content) {
        try {
            return content.open();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the local copy of " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renames the uploaded file over its target. Servers with the {@code posix-rename@openssh.com} extension
     * (OpenSSH, Apache MINA SSHD) replace the target atomically; JSch uses it when offered.
     */
    private static void moveIntoPlace(ChannelSftp ch, String temp, String target) throws SftpException {
        try {
            ch.rename(temp, target);
        } catch (SftpException e) {
            if (isLinkFailure(e) || ch.isClosed() || !exists(ch, target)) {
                throw e;
            }
            // Limitation: a server without posix-rename refuses to rename over an existing file; the old file is
            // removed first, so for a moment the target is missing (never half written)
            ch.rm(target);
            ch.rename(temp, target);
        }
    }

    /** Removes what an earlier, cut attempt may have left under the temporary name. */
    private static void removeIfPresent(ChannelSftp ch, String path) throws SftpException {
        if (exists(ch, path)) {
            ch.rm(path);
        }
    }

    private static void makeFolders(ChannelSftp ch, String dir) throws SftpException {
        if (exists(ch, dir)) {
            return;
        }
        StringBuilder path = new StringBuilder(dir.startsWith("/") ? "/" : "");
        for (String segment : dir.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            path.append(segment);
            String current = path.toString();
            if (!exists(ch, current)) {
                try {
                    ch.mkdir(current);
                } catch (SftpException e) {
                    // another writer may have created it in the meantime
                    if (!exists(ch, current)) {
                        throw e;
                    }
                }
            }
            path.append('/');
        }
    }

    private static boolean exists(ChannelSftp ch, String path) throws SftpException {
        try {
            SftpATTRS attrs = ch.stat(path);
            return attrs != null;
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw e;
        }
    }

    private <T> T withRetries(String what, Operation<T> operation) {
        Exception last = null;
        for (int attempt = 1; attempt <= retries.maxAttempts(); attempt++) {
            if (attempt > 1) {
                Duration pause = retries.delay(attempt - 1, Optional.empty());
                LOG.warn("SFTP {} failed on {} (attempt {} of {}): {}; will retry in {} ms", what,
                        connector.describe(), attempt - 1, retries.maxAttempts(), message(last), pause.toMillis());
                sleep(pause);
            }
            lock.lock();
            try {
                ChannelSftp ch = connected();
                T result = operation.run(ch);
                markUp();
                removeLeftovers(ch);
                return result;
            } catch (HostKeyRejectedException e) {
                markDown(e);
                throw new UncheckedIOException(e.getMessage(), e);
            } catch (IOException | SftpException e) {
                disconnect();
                markDown(e);
                if (isPermanent(e)) {
                    throw failure(what, e, attempt);
                }
                last = e;
            } finally {
                lock.unlock();
            }
        }
        throw failure(what, last, retries.maxAttempts());
    }

    private UncheckedIOException failure(String what, Exception cause, int attempts) {
        String message = "Cannot " + what + " on " + connector.describe() + " after " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + ": " + message(cause);
        return new UncheckedIOException(message, cause instanceof IOException io ? io : new IOException(cause));
    }

    private ChannelSftp connected() throws IOException {
        if (channel == null || !channel.isConnected()) {
            disconnect();
            channel = connector.open();
        }
        return channel;
    }

    private void disconnect() {
        if (channel != null) {
            SftpConnector.close(channel);
            channel = null;
        }
    }

    /** Notes the temporary file of a write that gave up, to be removed when the server answers again. */
    private void forget(String temp) {
        lock.lock();
        try {
            if (leftovers.size() < MAX_LEFTOVERS) {
                leftovers.add(temp);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Removes the temporary files of earlier writes that gave up; called under the lock on a working connection. */
    private void removeLeftovers(ChannelSftp ch) {
        for (Iterator<String> it = leftovers.iterator(); it.hasNext(); ) {
            String temp = it.next();
            try {
                removeIfPresent(ch, temp);
                it.remove();
            } catch (SftpException e) {
                // tried again after the next successful write; a leftover is hidden and harmless meanwhile
                LOG.debug("Cannot remove the leftover {} yet: {}", temp, e.getMessage());
                return;
            }
        }
    }

    private void markUp() {
        if (!link.up()) {
            LOG.info("SFTP outbox {} is reachable", connector.describe());
        }
        link = new LinkState(true, null, clock.instant());
    }

    private void markDown(Exception e) {
        link = new LinkState(false, message(e), clock.instant());
    }

    /** Failures another attempt cannot mend: the server says no, not the link. */
    private static boolean isPermanent(Exception e) {
        return e instanceof SftpException sftp && (sftp.id == ChannelSftp.SSH_FX_PERMISSION_DENIED
                || sftp.id == ChannelSftp.SSH_FX_OP_UNSUPPORTED);
    }

    private static boolean isLinkFailure(SftpException e) {
        return e.id == ChannelSftp.SSH_FX_NO_CONNECTION || e.id == ChannelSftp.SSH_FX_CONNECTION_LOST
                || e.getCause() instanceof IOException;
    }

    private static String message(Exception e) {
        if (e == null) {
            return "unknown failure";
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof SftpException sftp ? text + " (SFTP status " + sftp.id + ")" : text;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("Interrupted while waiting to retry an SFTP write"));
        }
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() || dir.equals(".") ? name : dir + "/" + name;
    }

    private static String trimSlash(String path) {
        String trimmed = path.strip();
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** One remote operation on a connected channel. */
    @FunctionalInterface
    private interface Operation<T> {
        T run(ChannelSftp channel) throws IOException, SftpException;
    }

    /** Opens the bytes of a file to upload; called again for every attempt. */
    @FunctionalInterface
    private interface Content {
        InputStream open() throws IOException;
    }
}
