package org.epgugateway.emulator;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Routes each request to its endpoint: path and method, the fault gate, the bearer check, then the endpoint,
 * turning refusals into JSON error replies and counting everything in the journal.
 */
final class EmulatorRouter extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorRouter.class);
    private static final String BEARER = "bearer ";

    private final Map<Endpoint, EndpointAction> actions;
    private final TokenIssuer tokens;
    private final EndpointGate gate;
    private final EmulatorJournal journal;
    private final HeldRequests held;

    EmulatorRouter(Map<Endpoint, EndpointAction> actions, TokenIssuer tokens, EndpointGate gate,
                   EmulatorJournal journal, HeldRequests held) {
        this.actions = new EnumMap<>(actions);
        this.tokens = tokens;
        this.gate = gate;
        this.journal = journal;
        this.held = held;
    }

    // Limitation: EPGU's request-rate limits (2000 per minute per system, then 429) are not enforced; a fault plan
    // can inject 429 answers instead
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        boolean pathKnown = false;
        for (Map.Entry<Endpoint, EndpointAction> entry : actions.entrySet()) {
            Endpoint endpoint = entry.getKey();
            Matcher match = endpoint.match(path);
            if (!match.matches()) {
                continue;
            }
            pathKnown = true;
            if (endpoint.method().equals(request.getMethod())) {
                respond(endpoint, entry.getValue(), request, match, response, callback);
                return true;
            }
        }
        // a known path with another method is 405, anything else an unknown URL
        write(HttpReply.empty(pathKnown ? 405 : 404), response, callback);
        return true;
    }

    private void respond(Endpoint endpoint, EndpointAction action, Request request, Matcher match, Response response,
                         Callback callback) {
        GateDecision decision = decide(endpoint, request, match);
        if (decision instanceof GateDecision.Reset reset) {
            journal.recordUnanswered(endpoint);
            readThenDrop(request, reset.afterBytes(), callback);
            return;
        }
        if (decision instanceof GateDecision.Hold hold) {
            if (hold.mode() == TimeoutMode.ANSWER_LOST) {
                run(endpoint, action, request, match);
            }
            // held first, so that whoever sees the journal count can also drop the request
            held.hold(request, callback, hold.hold());
            journal.recordUnanswered(endpoint);
            return;
        }
        HttpReply reply;
        Duration latency;
        if (decision instanceof GateDecision.Answer answer) {
            discardBody(request);
            reply = answer.reply();
            latency = answer.latency();
        } else {
            reply = run(endpoint, action, request, match);
            latency = ((GateDecision.Pass) decision).latency();
        }
        journal.recordRequest(endpoint, reply.status());
        if (latency.isZero()) {
            write(reply, response, callback);
        } else {
            // the scheduler holds the answer, not a thread
            request.getComponents().getScheduler().schedule(() -> write(reply, response, callback), latency);
        }
    }

    private GateDecision decide(Endpoint endpoint, Request request, Matcher match) {
        try {
            return gate.before(endpoint, request, match);
        } catch (RuntimeException e) {
            LOG.error("The fault gate failed for {}; answering 500 internal_error", endpoint, e);
            return new GateDecision.Answer(HttpReply.error(500, "internal_error", "Внутренняя ошибка эмулятора"),
                    Duration.ZERO);
        }
    }

    private HttpReply run(Endpoint endpoint, EndpointAction action, Request request, Matcher match) {
        try {
            TokenGrant grant = null;
            if (endpoint.needsBearer()) {
                Optional<TokenGrant> found = bearerGrant(request);
                if (found.isEmpty()) {
                    LOG.debug("{} refused with 401: no valid bearer token", endpoint);
                    return HttpReply.empty(401);
                }
                grant = found.get();
            }
            return action.handle(new EmulatorRequest(request, match, grant));
        } catch (ApiException e) {
            LOG.debug("{} refused with {} {}: {}", endpoint, e.status(), e.code(), e.getMessage());
            return e.reply();
        } catch (Exception e) {
            LOG.error("{} failed; answering 500 internal_error", endpoint, e);
            return HttpReply.error(500, "internal_error", "Внутренняя ошибка эмулятора");
        }
    }

    private Optional<TokenGrant> bearerGrant(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return Optional.empty();
        }
        return tokens.grantFor(authorization.substring(BEARER.length()).trim());
    }

    /** An injected answer comes after the whole request, as from a proxy that read it, so the client sees it. */
    private static void discardBody(Request request) {
        try {
            Content.Source.consumeAll(request);
        } catch (IOException e) {
            LOG.debug("The body of a request answered by a fault could not be read: {}", e.toString());
        }
    }

    /** Reads part of the body, so that the client is mid-upload, then drops the connection without an answer. */
    private static void readThenDrop(Request request, int afterBytes, Callback callback) {
        byte[] buffer = new byte[8192];
        long read = 0;
        // the stream is left open on purpose: closing it would read the rest of the body
        InputStream body = Request.asInputStream(request);
        try {
            while (read < afterBytes) {
                int count = body.read(buffer, 0, (int) Math.min(buffer.length, afterBytes - read));
                if (count < 0) {
                    break;
                }
                read += count;
            }
        } catch (IOException e) {
            LOG.debug("The body of a request to be reset could not be read: {}", e.toString());
        }
        HeldRequests.abort(callback, "connection reset by fault injection after " + read + " body bytes");
    }

    private static void write(HttpReply reply, Response response, Callback callback) {
        response.setStatus(reply.status());
        if (reply.contentType() != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        }
        if (reply.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }
}
