package org.epgugateway.emulator;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Requests held without an answer to make a client time out; each is dropped after its hold, and every one that is
 * left when the emulator stops.
 */
final class HeldRequests {

    private final Set<Callback> held = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** Holds a request without a thread: nothing is written until the connection is dropped. */
    void hold(Request request, Callback callback, Duration hold) {
        held.add(callback);
        if (stopping) {
            // the emulator stops: nobody would drop this request later
            drop(callback);
            return;
        }
        if (!hold.equals(FaultPlan.HOLD_FOREVER)) {
            request.getComponents().getScheduler().schedule(() -> drop(callback), hold.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Drops every held connection; used when the emulator stops. */
    void dropAll() {
        stopping = true;
        List.copyOf(held).forEach(this::drop);
    }

    private void drop(Callback callback) {
        if (held.remove(callback)) {
            abort(callback, "held request dropped");
        }
    }

    /** Ends a request without an answer: the connection is closed, the client sees it end without a response. */
    static void abort(Callback callback, String why) {
        callback.failed(new Request.Handler.AbortException(why));
    }
}
