package org.epgugateway.store;

import java.time.OffsetDateTime;

/**
 * An EPGU order that was reserved but will never be uploaded.
 */
public record AbandonedOrder(long orderId, long dropId, String reason, OffsetDateTime abandonedAt) {
}
