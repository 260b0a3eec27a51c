package org.epgugateway.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.SettingsException;
import org.epgugateway.store.AbandonedOrder;
import org.epgugateway.store.OrderStore;
import org.epgugateway.store.StoreDatabase;
import org.epgugateway.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code abandoned-orders}: the EPGU orders that were reserved but never uploaded, for reconciliation.
 */
@Command(name = "abandoned-orders", mixinStandardHelpOptions = true,
        description = "List EPGU orders that were reserved but never uploaded (empty drafts in the EPGU account).")
final class AbandonedOrdersCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Override
    public Integer call() {
        try {
            return list(config.load());
        } catch (SettingsException | StoreException e) {
            System.err.println("epgu-gateway abandoned-orders: " + e.getMessage());
            return RunCommand.BAD_CONFIGURATION;
        }
    }

    private static int list(ConfigOption.Loaded loaded) {
        GatewaySettings settings = loaded.settings();
        Path home = loaded.home();
        try (StoreDatabase database = StoreDatabase.open(settings.get("store.url", ""), settings.get("store.user", ""),
                settings.findSecret("store.password", home).orElse(""), settings.get("store.schema", ""),
                home.resolve(settings.get("gateway.work", "data/work")))) {
            OrderStore store = new OrderStore(database.dataSource(), Clock.systemUTC());
            List<AbandonedOrder> orders = store.abandonedOrders();
            if (orders.isEmpty()) {
                System.out.println("No abandoned orders.");
                return 0;
            }
            System.out.printf("%-12s %-26s %-30s %s%n", "orderId", "abandoned at (UTC)", "drop folder", "reason");
            for (AbandonedOrder order : orders) {
                String folder = store.find(order.dropId()).map(d -> d.folder()).orElse("(drop " + order.dropId() + ")");
                System.out.printf("%-12d %-26s %-30s %s%n", order.orderId(), order.abandonedAt(), folder,
                        order.reason());
            }
            return 0;
        }
    }
}
