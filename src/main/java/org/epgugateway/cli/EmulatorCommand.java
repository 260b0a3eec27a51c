package org.epgugateway.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.InstallationFolder;
import org.epgugateway.config.NearestKey;
import org.epgugateway.config.SettingsException;
import org.epgugateway.emulator.EmulatorServer;
import org.epgugateway.emulator.EmulatorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code emulator}: the ESIA and EPGU emulator alone, for development against a gateway run elsewhere.
 */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Run the ESIA and EPGU emulator alone (settings: config/emulator.properties).")
final class EmulatorCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorCommand.class);
    private static final String DEFAULT_FILE = "config/emulator.properties";
    private static final String PREFIX = "emulator.";
    private static final String VARIABLE_PREFIX = "EMULATOR_";
    private static final String OUTCOME_VARIABLE = GatewaySettings.environmentName(EmulatorSettings.OUTCOME_PREFIX);
    /** Settings that name files: relative ones are resolved against the installation folder, as the gateway's. */
    private static final List<String> FILE_KEYS = List.of(EmulatorSettings.TRUSTED_CA, EmulatorSettings.SCHEMAS,
            EmulatorSettings.FAULTS_SCENARIO);

    @Option(names = "--config", paramLabel = "FILE",
            description = "The emulator's properties file (default: " + DEFAULT_FILE + " in the installation "
                    + "folder).")
    private Path file;

    @Override
    public Integer call() throws InterruptedException {
        Path home = InstallationFolder.locate(System.getProperties(), System.getenv());
        EmulatorServer started;
        try {
            Path config = file != null ? file : home.resolve(DEFAULT_FILE);
            Properties properties = properties(GatewaySettings.load(config).resolved(), System.getenv(),
                    System.getProperties(), home);
            started = EmulatorServer.start(EmulatorSettings.fromProperties(properties));
        } catch (SettingsException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("epgu-gateway emulator cannot start: " + e.getMessage());
            return ExitCodes.BAD_CONFIGURATION;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (EmulatorServer server = started) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            System.out.println("ESIA and EPGU emulator listening on " + server.baseUrl() + " (Ctrl+C stops it)");
            stopped.await();
        }
        return ExitCodes.OK;
    }

    /**
     * The emulator's properties with the gateway's override rules: the file's keys as environment variables and
     * {@code -D} override them, an {@code EMULATOR_*} variable sets a key the file leaves out, and {@code -D}
     * wins over both. A variable that names no key is ignored with a warning, so a typo does not pass silently.
     *
     * @param file the file's keys, already overridden by the environment and {@code -D}
     */
    // Visible for testing
    static Properties properties(Properties file, Map<String, String> environment, Properties system, Path home) {
        Properties properties = new Properties();
        properties.putAll(file);
        Map<String, String> keysByVariable = new TreeMap<>();
        List<String> known = new ArrayList<>(EmulatorSettings.knownKeys());
        known.addAll(file.stringPropertyNames());
        known.forEach(key -> keysByVariable.put(GatewaySettings.environmentName(key), key));
        new TreeMap<>(environment).forEach((variable, value) -> {
            if (!variable.startsWith(VARIABLE_PREFIX)) {
                return;
            }
            Optional<String> key = keyOf(variable, keysByVariable);
            if (key.isEmpty()) {
                LOG.warn("Environment variable {} names no emulator setting and is ignored{}", variable,
                        NearestKey.among(variable, keysByVariable.keySet()).map(near -> "; did you mean " + near
                                + "?").orElse(""));
            } else if (!file.containsKey(key.get())) {
                properties.setProperty(key.get(), value);
            }
        });
        system.stringPropertyNames().stream().filter(key -> key.startsWith(PREFIX))
                .forEach(key -> properties.setProperty(key, system.getProperty(key)));
        FILE_KEYS.forEach(key -> resolveFiles(properties, key, home));
        return properties;
    }

    private static Optional<String> keyOf(String variable, Map<String, String> keysByVariable) {
        if (keysByVariable.containsKey(variable)) {
            return Optional.of(keysByVariable.get(variable));
        }
        String snils = variable.startsWith(OUTCOME_VARIABLE) ? variable.substring(OUTCOME_VARIABLE.length()) : "";
        return snils.matches("\\d{11}") ? Optional.of(EmulatorSettings.OUTCOME_PREFIX + snils) : Optional.empty();
    }

    /** A comma-separated list of files with each relative one resolved against the installation folder. */
    private static void resolveFiles(Properties properties, String key, Path home) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            return;
        }
        List<String> files = new ArrayList<>();
        for (String item : value.split(",")) {
            files.add(item.isBlank() ? "" : home.resolve(item.trim()).toString());
        }
        properties.setProperty(key, String.join(",", files));
    }
}
