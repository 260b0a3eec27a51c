package org.epgugateway.emulator;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
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

    EmulatorRouter(Map<Endpoint, EndpointAction> actions, TokenIssuer tokens, EndpointGate gate,
                   EmulatorJournal journal) {
        this.actions = new EnumMap<>(actions);
        this.tokens = tokens;
        this.gate = gate;
        this.journal = journal;
    }

    // Limitation: EPGU's request-rate limits (2000 per minute per system, then 429) are not enforced
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
                HttpReply reply = run(endpoint, entry.getValue(), request, match);
                journal.recordRequest(endpoint, reply.status());
                write(reply, response, callback);
                return true;
            }
        }
        // a known path with another method is 405, anything else an unknown URL
        write(HttpReply.empty(pathKnown ? 405 : 404), response, callback);
        return true;
    }

    private HttpReply run(Endpoint endpoint, EndpointAction action, Request request, Matcher match) {
        try {
            Optional<HttpReply> gated = gate.before(endpoint, request);
            if (gated.isPresent()) {
                return gated.get();
            }
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

    private static void write(HttpReply reply, Response response, Callback callback) {
        response.setStatus(reply.status());
        if (reply.contentType() != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        }
        if (reply.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }
}
