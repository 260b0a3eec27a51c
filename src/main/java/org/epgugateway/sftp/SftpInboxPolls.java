package org.epgugateway.sftp;

import java.time.Clock;
import java.time.Instant;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.remote.RemoteFilePollingConsumerPollStrategy;

/**
 * The poll strategy of the SFTP inbox route: Camel's own for remote files, which also remembers how the last poll
 * ended for readiness.
 */
public final class SftpInboxPolls extends RemoteFilePollingConsumerPollStrategy {

    private final Clock clock;
    // Camel's consumer check resets its error count whenever a backoff period ends; this outcome does not, so
    // readiness stays DOWN for as long as the server does not answer
    private volatile Outcome last;

    /**
     * How the last poll of the remote inbox ended.
     *
     * @param up whether the server was listed
     * @param message why not, when it was not; null when up
     * @param at when the poll ended
     */
    public record Outcome(boolean up, String message, Instant at) {
    }

    public SftpInboxPolls(Clock clock) {
        this.clock = clock;
        this.last = new Outcome(false, "the SFTP inbox has not been polled yet", clock.instant());
    }

    /** How the last poll ended. */
    public Outcome last() {
        return last;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        last = new Outcome(true, null, clock.instant());
        super.commit(consumer, endpoint, polledMessages);
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause)
            throws Exception {
        last = new Outcome(false, describe(cause), clock.instant());
        return super.rollback(consumer, endpoint, retryCounter, cause);
    }

    /** The failure with the message of its innermost cause, which names what the server or the link did. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (root == failure || root.getMessage() == null) {
            return outer;
        }
        return outer + ": " + root.getMessage();
    }
}
