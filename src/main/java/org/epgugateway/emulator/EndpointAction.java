package org.epgugateway.emulator;

import java.io.IOException;

/**
 * What runs for one endpoint once routing, the gate and the bearer check let a request through.
 */
@FunctionalInterface
interface EndpointAction {

    /**
     * @return the reply; never null
     * @throws ApiException for a refusal with a JSON error body
     * @throws IOException  when reading the request fails
     */
    HttpReply handle(EmulatorRequest request) throws IOException;
}
