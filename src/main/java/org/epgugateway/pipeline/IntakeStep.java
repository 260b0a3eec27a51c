package org.epgugateway.pipeline;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.epgugateway.intake.DropIntake;
import org.epgugateway.intake.SourceKeys;
import org.epgugateway.store.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route bean of the {@code intake} route: takes custody of the file the consumer holds.
 */
public final class IntakeStep {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeStep.class);

    private final DropIntake intake;

    public IntakeStep(DropIntake intake) {
        this.intake = intake;
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
            String sourceKey = sourceKey(message);
            try (InputStream content = message.getBody(InputStream.class)) {
                registration = intake.takeCustody(name, content, sourceKey);
            }
        } catch (Exception e) {
            if (!isVanishedLocalFile(message)) {
                throw e;
            }
            // another instance sharing the inbox took the file a moment ago; its custody stands
            LOG.debug("Inbox file {} was taken by another instance", name);
            message.setHeader(Headers.NEW_DROP, false);
            return;
        }
        message.setHeader(Headers.DROP_ID, registration.drop().id());
        message.setHeader(Headers.NEW_DROP, registration.created());
        message.setBody(registration.drop().id());
    }

    private static boolean isVanishedLocalFile(Message message) {
        return message.getHeader("CamelFileHost") == null
                && !Files.exists(Path.of(message.getHeader(Exchange.FILE_PATH, String.class)));
    }

    private static String sourceKey(Message message) {
        String host = message.getHeader("CamelFileHost", String.class);
        String path = message.getHeader(Exchange.FILE_PATH, String.class);
        if (host != null) {
            long size = message.getHeader(Exchange.FILE_LENGTH, 0L, Long.class);
            long modified = message.getHeader(Exchange.FILE_LAST_MODIFIED, 0L, Long.class);
            return SourceKeys.ofRemoteFile(host, path, size, modified);
        }
        return SourceKeys.ofLocalFile(Path.of(message.getHeader(Exchange.FILE_PATH, String.class)));
    }
}
