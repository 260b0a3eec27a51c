package org.epgugateway.emulator;

import org.eclipse.jetty.server.Request;

import java.util.Optional;

/**
 * The one place consulted before each endpoint runs, so that faults (error rates, latency, outages, broken
 * connections, hostile answers) can later be injected without touching the endpoints.
 */
@FunctionalInterface
interface EndpointGate {

    /** The gate of an emulator without faults: every request goes through. */
    EndpointGate OPEN = (endpoint, request) -> Optional.empty();

    /**
     * Decides about a request before its endpoint runs; a gate may also block for a while to add latency.
     *
     * @return a reply that replaces the endpoint's own, or empty to let the endpoint run
     */
    Optional<HttpReply> before(Endpoint endpoint, Request request);
}
