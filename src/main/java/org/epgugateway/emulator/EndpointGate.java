package org.epgugateway.emulator;

import org.eclipse.jetty.server.Request;

import java.util.regex.Matcher;

/**
 * The one place consulted before each endpoint runs, so that faults (error rates, latency, outages, broken
 * connections) are injected without touching the endpoints.
 */
@FunctionalInterface
interface EndpointGate {

    /**
     * Decides about a request before its endpoint runs; never blocks.
     *
     * @param path the match of the endpoint's path, with its parameters
     * @return the decision; never null
     */
    GateDecision before(Endpoint endpoint, Request request, Matcher path);
}
