package org.epgugateway.emulator;

import java.util.Optional;

/**
 * Answers a test scripted for one order, looked up by an endpoint that learns the order number only from the body.
 */
@FunctionalInterface
interface OrderScript {

    /**
     * Takes the answer scripted for the order at this endpoint, counting it as used.
     *
     * @return the reply to give instead of the endpoint's own, or empty
     */
    Optional<HttpReply> answerFor(Endpoint endpoint, long orderId);
}
