package org.epgugateway.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The Quartz component for gateways that share a PostgreSQL store: Quartz's clustered JDBC job store (its tables
 * made by a migration from the DDL in the Quartz jar) keeps one poll schedule for all instances, so each tick fires
 * on one instance only. Row claims in the store remain the guard that no order is polled twice at once.
 */
final class ClusteredPollSchedule {

    private ClusteredPollSchedule() {
    }

    /**
     * @param schedulerName the name all instances of one deployment share
     */
    static QuartzComponent component(DataSource store, String schedulerName) {
        // Quartz looks data sources up by name in a JVM-wide registry; a unique name keeps two embedded gateways apart
        String dataSourceName = "gateway-store-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new StoreConnections(store));

        Properties quartz = new Properties();
        quartz.setProperty("org.quartz.scheduler.instanceName", schedulerName);
        quartz.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        quartz.setProperty("org.quartz.threadPool.threadCount", "2");
        quartz.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.setProperty("org.quartz.jobStore.driverDelegateClass",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        quartz.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        quartz.setProperty("org.quartz.jobStore.isClustered", "true");
        quartz.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        quartz.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        quartz.setProperty("org.quartz.jobStore.misfireThreshold", "10000");

        QuartzComponent component = new QuartzComponent();
        component.setProperties(quartz);
        return component;
    }

    /** Hands Quartz connections from the store's pool. */
    private static final class StoreConnections implements ConnectionProvider {
        private final DataSource store;

        StoreConnections(DataSource store) {
            this.store = store;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return store.getConnection();
        }

        @Override
        public void shutdown() {
            // the store's pool belongs to the gateway, which closes it after Camel has stopped
        }

        @Override
        public void initialize() {
            // the pool is ready before Camel starts
        }
    }
}
