package org.epgugateway.cli;

import java.util.concurrent.Callable;

import org.epgugateway.config.SettingsException;
import org.epgugateway.signing.KeySourceException;
import org.epgugateway.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar epgu-gateway.jar [command]}: runs the gateway when no command is given.
 */
@Command(name = "epgu-gateway", mixinStandardHelpOptions = true, version = "epgu-gateway 0.1.0",
        description = "Connects back-office systems to the Gosuslugi API for legal entities (EPGU).",
        subcommands = {RunCommand.class, DemoCommand.class, EmulatorCommand.class, SignCommand.class,
            VerifyCommand.class, KeystoreCommand.class, AbandonedOrdersCommand.class})
public final class GatewayCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        // Santuario reads this once, in a static initialiser: it must be set before any of its classes load
        System.setProperty("org.apache.xml.security.ignoreLineBreaks", "true");
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with one way of reporting what a command cannot use: a configuration, store or key problem is
     * a message naming what to fix and exit code 2, not a stack trace. Anything else is a fault worth its trace.
     */
    static CommandLine commandLine() {
        return new CommandLine(new GatewayCommand()).setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof SettingsException || e instanceof StoreException || e instanceof KeySourceException) {
                commandLine.getErr().println("epgu-gateway " + commandLine.getCommandName() + ": " + e.getMessage());
                return ExitCodes.BAD_CONFIGURATION;
            }
            throw e;
        });
    }

    @Override
    public Integer call() {
        return RunCommand.runGateway(config, spec.commandLine().getErr());
    }
}
