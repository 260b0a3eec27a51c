package org.epgugateway.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.epgugateway.config.SettingsException;
import org.epgugateway.runtime.GatewayRuntime;
import org.epgugateway.signing.KeySourceException;
import org.epgugateway.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code run}: the gateway itself, until the process is stopped.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the gateway with config/application.properties and routes/*.camel.yaml of its "
                + "installation folder.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return runGateway(config, spec.commandLine().getErr());
    }

    /**
     * @param err where a start that fails is explained, in one line
     */
    static int runGateway(ConfigOption config, PrintWriter err) {
        GatewayRuntime runtime;
        try {
            ConfigOption.Loaded loaded = config.load();
            runtime = GatewayRuntime.create(loaded.home(), loaded.settings());
        } catch (SettingsException | StoreException | KeySourceException e) {
            err.println("epgu-gateway cannot start: " + e.getMessage());
            return ExitCodes.BAD_CONFIGURATION;
        }
        try (runtime) {
            runtime.run();
            return ExitCodes.OK;
        } catch (Exception e) {
            err.println("epgu-gateway stopped: " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }
}
