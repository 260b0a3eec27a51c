package org.epgugateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.store.AbandonedOrder;
import org.epgugateway.store.OrderStore;
import org.epgugateway.store.StoreDatabase;
import org.epgugateway.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code abandoned-orders}: the EPGU orders that were reserved but never uploaded, for reconciliation.
 */
@Command(name = "abandoned-orders", mixinStandardHelpOptions = true,
        description = {"List EPGU orders the gateway reserved but never uploaded (empty drafts in the EPGU account).",
            "With the embedded store, stop the gateway first: only one process at a time can open it. A reservation "
                    + "whose answer a crash cut off is not known to the gateway and so not listed."})
final class AbandonedOrdersCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        ConfigOption.Loaded loaded = config.load();
        try (StoreDatabase database = open(loaded.settings(), loaded.home())) {
            PrintWriter out = spec.commandLine().getOut();
            OrderStore store = new OrderStore(database.dataSource(), Clock.systemUTC());
            List<AbandonedOrder> orders = store.abandonedOrders();
            if (orders.isEmpty()) {
                out.println("No abandoned orders.");
                return ExitCodes.OK;
            }
            out.printf("%-12s %-26s %-30s %s%n", "orderId", "abandoned at (UTC)", "drop folder", "reason");
            for (AbandonedOrder order : orders) {
                String folder = store.find(order.dropId()).map(d -> d.folder()).orElse("(drop " + order.dropId() + ")");
                out.printf("%-12d %-26s %-30s %s%n", order.orderId(), order.abandonedAt(), folder,
                        order.reason());
            }
            return ExitCodes.OK;
        }
    }

    private static StoreDatabase open(GatewaySettings settings, Path home) {
        String url = settings.get("store.url", "");
        try {
            return StoreDatabase.open(url, settings.get("store.user", ""),
                    settings.findSecret("store.password", home).orElse(""), settings.get("store.schema", ""),
                    home.resolve(settings.get("gateway.work", "data/work")));
        } catch (StoreException e) {
            if (url.isBlank()) {
                throw new StoreException(e.getMessage() + " (the embedded store opens in one process at a time: "
                        + "stop the gateway, then list abandoned orders)", e);
            }
            throw e;
        }
    }
}
