package org.epgugateway.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.epgugateway.delivery.DurableFiles;
import org.epgugateway.delivery.Outbox;
import org.epgugateway.delivery.StatusPublisher;
import org.epgugateway.privacy.OwnerOnly;
import org.epgugateway.store.NewDrop;
import org.epgugateway.store.OrderStore;
import org.epgugateway.store.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes custody of a drop: its bytes are copied into the work spool and synced, then a store row is committed,
 * then {@code status.json} says {@code RECEIVED}. Only after this may the inbox file be released.
 */
public final class DropIntake {

    private static final Logger LOG = LoggerFactory.getLogger(DropIntake.class);
    private static final int COPY_BUFFER_BYTES = 64 * 1024;

    private final Spool spool;
    private final OrderStore store;
    private final Outbox outbox;
    private final StatusPublisher status;

    public DropIntake(Spool spool, OrderStore store, Outbox outbox, StatusPublisher status) {
        this.spool = spool;
        this.store = store;
        this.outbox = outbox;
        this.status = status;
    }

    /**
     * Takes custody of one inbox file.
     *
     * @param dropName the file name the back-office system used
     * @param content the file's bytes; read to the end, not closed
     * @param sourceKey identity of the physical inbox file (see {@link SourceKeys})
     * @return the drop's registration; {@code created} is false when the same file was already in custody
     * @throws UnreadableDropException when the inbox file cannot be read; nothing is then in custody
     */
    public Registration takeCustody(String dropName, InputStream content, String sourceKey) {
        return takeCustody(dropName, content, sha256 -> sourceKey);
    }

    /**
     * Takes custody of one inbox file whose identity includes its content: for remote files, whose size and
     * modification time (in whole seconds) cannot tell a new file under an old name from the old one.
     *
     * @param sourceKeyOfContent gives the source key from the hex SHA-256 of the file's bytes
     */
    public Registration takeCustody(String dropName, InputStream content, UnaryOperator<String> sourceKeyOfContent) {
        String spoolName = UUID.randomUUID() + ".drop";
        Path spoolFile = spool.file(spoolName);
        Copy copy = copyDurably(dropName, content, spoolFile);
        String sourceKey = sourceKeyOfContent.apply(copy.sha256());

        Registration registration;
        try {
            registration = store.register(new NewDrop(dropName, DropNames.baseOf(dropName), sourceKey, spoolName,
                    copy.sha256(), copy.size()), outbox::folderInUse);
        } catch (RuntimeException e) {
            DurableFiles.deleteQuietly(spoolFile);
            throw e;
        }
        if (!registration.created()) {
            // the same inbox file was taken before (a crash before its release, or another instance): keep one copy
            DurableFiles.deleteQuietly(spoolFile);
            LOG.info("Drop {} is already in custody as {}; releasing the inbox copy", dropName,
                    registration.drop().folder());
            return registration;
        }
        status.publish(registration.drop().id());
        LOG.info("Drop {} received into folder {} ({} bytes, sha256 {})", dropName, registration.drop().folder(),
                copy.size(), copy.sha256().substring(0, 12));
        return registration;
    }

    /** The copy carries the applicant's personal data: readable by the gateway's user only, from its creation. */
    private static OutputStream newOwnerOnlyFile(Path target) throws IOException {
        OwnerOnly.createFile(target);
        return Files.newOutputStream(target, StandardOpenOption.WRITE);
    }

    /**
     * @throws UnreadableDropException when the inbox file cannot be read, as opposed to the spool written
     */
    private static Copy copyDurably(String dropName, InputStream content, Path target) {
        MessageDigest sha256 = sha256();
        long size = 0;
        try (OutputStream out = new DigestOutputStream(newOwnerOnlyFile(target), sha256)) {
            byte[] buffer = new byte[COPY_BUFFER_BYTES];
            int read;
            while ((read = readFromInbox(dropName, content, buffer)) >= 0) {
                out.write(buffer, 0, read);
                size += read;
            }
        } catch (IOException e) {
            DurableFiles.deleteQuietly(target);
            throw new UncheckedIOException("Cannot copy the drop into the spool " + target + ": " + e.getMessage(), e);
        } catch (UnreadableDropException e) {
            DurableFiles.deleteQuietly(target);
            throw e;
        }
        try {
            DurableFiles.sync(target);
            DurableFiles.sync(target.getParent());
        } catch (IOException e) {
            DurableFiles.deleteQuietly(target);
            throw new UncheckedIOException("Cannot sync the spool copy " + target + ": " + e.getMessage(), e);
        }
        return new Copy(HexFormat.of().formatHex(sha256.digest()), size);
    }

    private static int readFromInbox(String dropName, InputStream content, byte[] buffer) {
        try {
            return content.read(buffer);
        } catch (IOException e) {
            throw new UnreadableDropException(dropName, UnreadableDropException.reasonOf(e), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private record Copy(String sha256, long size) {
    }
}
