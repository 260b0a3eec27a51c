package org.epgugateway.cli;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.emulator.EmulatorServer;
import org.epgugateway.emulator.EmulatorSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code emulator}: the ESIA and EPGU emulator alone, for development against a gateway run elsewhere.
 */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Run the ESIA and EPGU emulator alone (settings: config/emulator.properties).")
final class EmulatorCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "config/emulator.properties",
            description = "The emulator's properties file (default: ${DEFAULT-VALUE}).")
    private Path file;

    @Override
    public Integer call() throws InterruptedException {
        // the same override rules as the gateway's: environment variables and -Dkey=value win over the file
        Properties properties = GatewaySettings.load(file).resolved();
        System.getProperties().stringPropertyNames().stream()
                .filter(key -> key.startsWith("emulator."))
                .forEach(key -> properties.setProperty(key, System.getProperty(key)));
        CountDownLatch stopped = new CountDownLatch(1);
        try (EmulatorServer server = EmulatorServer.start(EmulatorSettings.fromProperties(properties))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            System.out.println("ESIA and EPGU emulator listening on " + server.baseUrl() + " (Ctrl+C stops it)");
            stopped.await();
        }
        return 0;
    }
}
