package org.epgugateway.runtime;

import java.sql.Connection;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.epgugateway.store.StoreDatabase;

/**
 * Readiness of the order store: the gateway takes no drop it cannot record.
 */
final class StoreHealthCheck extends AbstractHealthCheck {

    private final StoreDatabase database;

    StoreHealthCheck(StoreDatabase database) {
        super("gateway", "order-store");
        this.database = database;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("store", database.description());
        try (Connection connection = database.dataSource().getConnection()) {
            if (connection.isValid(2)) {
                builder.up();
            } else {
                builder.message("The order store does not answer").down();
            }
        } catch (Exception e) {
            builder.message("The order store is unreachable: " + e.getMessage()).error(e).down();
        }
    }
}
