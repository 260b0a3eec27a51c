package org.epgugateway.pipeline;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.UnaryOperator;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.epgugateway.intake.DropIntake;
import org.epgugateway.intake.SourceKeys;
import org.epgugateway.intake.UnreadableDropException;
import org.epgugateway.intake.UnreadableInboxFiles;
import org.epgugateway.store.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route bean of the {@code intake} route: takes custody of the file the consumer holds.
 */
public final class IntakeStep {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeStep.class);

    private final DropIntake intake;
    private final UnreadableInboxFiles unreadable;

    /**
     * @param unreadable where a file that cannot be read is reported, once per version
     */
    public IntakeStep(DropIntake intake, UnreadableInboxFiles unreadable) {
        this.intake = intake;
        this.unreadable = unreadable;
    }

    /**
     * Takes custody and leaves the drop id as the body and in {@value Headers#DROP_ID}, with
     * {@value Headers#NEW_DROP} saying whether it is a new drop.
     */
    public void custody(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String name = message.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Registration registration;
        try {
            UnaryOperator<String> sourceKey = sourceKey(message);
            try (InputStream content = open(message, name)) {
                registration = intake.takeCustody(name, content, sourceKey);
            }
        } catch (Exception e) {
            if (!isVanishedLocalFile(message)) {
                if (e instanceof UnreadableDropException unreadableDrop) {
                    // the route leaves the file in the inbox without a word; this is the one line an operator reads
                    unreadable.report(name, message.getHeader(Exchange.FILE_LENGTH, -1L, Long.class),
                            FileTime.fromMillis(message.getHeader(Exchange.FILE_LAST_MODIFIED, 0L, Long.class)),
                            unreadableDrop.reason());
                }
                throw e;
            }
            // another instance sharing the inbox took the file a moment ago; its custody stands
            LOG.debug("Inbox file {} was taken by another instance", name);
            message.setHeader(Headers.NEW_DROP, false);
            return;
        }
        unreadable.taken(name);
        message.setHeader(Headers.DROP_ID, registration.drop().id());
        message.setHeader(Headers.NEW_DROP, registration.created());
        message.setBody(registration.drop().id());
    }

    private static InputStream open(Message message, String name) {
        try {
            return message.getBody(InputStream.class);
        } catch (RuntimeException e) {
            throw new UnreadableDropException(name, UnreadableDropException.reasonOf(e), e);
        }
    }

    private static boolean isVanishedLocalFile(Message message) {
        return message.getHeader("CamelFileHost") == null
                && !Files.exists(Path.of(message.getHeader(Exchange.FILE_PATH, String.class)));
    }

    private static UnaryOperator<String> sourceKey(Message message) {
        String host = message.getHeader("CamelFileHost", String.class);
        String path = message.getHeader(Exchange.FILE_PATH, String.class);
        if (host != null) {
            long size = message.getHeader(Exchange.FILE_LENGTH, 0L, Long.class);
            long modified = message.getHeader(Exchange.FILE_LAST_MODIFIED, 0L, Long.class);
            // a remote listing has no inode or change time: the content tells a new file under an old name apart.
            // Limitation: the same bytes uploaded again under the same name with a preserved modification time are
            // taken for the file already in custody and released without a new drop
            return sha256 -> SourceKeys.ofRemoteFile(host, path, size, modified, sha256);
        }
        String key = SourceKeys.ofLocalFile(Path.of(message.getHeader(Exchange.FILE_PATH, String.class)));
        return sha256 -> key;
    }
}
