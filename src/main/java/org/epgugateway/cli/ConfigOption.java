package org.epgugateway.cli;

import java.nio.file.Path;

import org.epgugateway.config.GatewaySettings;
import picocli.CommandLine.Option;

/**
 * The {@code --config} option shared by the commands that read the gateway's configuration.
 */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "config/application.properties",
            description = "The gateway's properties file (default: ${DEFAULT-VALUE}).")
    Path file;

    GatewaySettings load() {
        return GatewaySettings.load(file);
    }
}
