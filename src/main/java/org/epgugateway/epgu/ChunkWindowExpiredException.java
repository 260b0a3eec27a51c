package org.epgugateway.epgu;

/**
 * The parts of an upload could not all be sent within EPGU's five-minute window; EPGU discards the partial upload,
 * so the order cannot be completed and a new one must be reserved.
 */
public class ChunkWindowExpiredException extends EpguException {

    public ChunkWindowExpiredException(long orderId, String message) {
        super("CHUNK_WINDOW_EXPIRED", 0, "Order " + orderId + ": " + message, null);
    }
}
