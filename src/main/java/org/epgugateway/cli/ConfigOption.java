package org.epgugateway.cli;

import java.nio.file.Path;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.InstallationFolder;
import picocli.CommandLine.Option;

/**
 * The {@code --config} option shared by the commands that read the gateway's configuration, and the installation
 * folder the configuration's relative paths are resolved against.
 */
final class ConfigOption {

    /** The default configuration file, inside the installation folder. */
    static final String DEFAULT_FILE = "config/application.properties";

    @Option(names = "--config", paramLabel = "FILE",
            description = "The gateway's properties file (default: " + DEFAULT_FILE + " in the installation "
                    + "folder).")
    Path file;

    /**
     * Reads the configuration: {@code --config} relative to the working folder, as a command-line argument is, or
     * the default file of the installation folder.
     */
    Loaded load() {
        Path located = InstallationFolder.locate(System.getProperties(), System.getenv());
        GatewaySettings settings = GatewaySettings.load(file != null ? file : located.resolve(DEFAULT_FILE));
        return new Loaded(InstallationFolder.of(settings, located), settings);
    }

    /**
     * The configuration with the folder its relative paths are resolved against.
     *
     * @param home the installation folder; absolute
     */
    record Loaded(Path home, GatewaySettings settings) {
    }
}
