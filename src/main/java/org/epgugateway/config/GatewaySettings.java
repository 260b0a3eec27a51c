package org.epgugateway.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's settings: {@code config/application.properties} overridden by environment variables and
 * {@code -Dkey=value}, with the same precedence Camel applies to its own placeholders.
 *
 * <p>An environment variable overrides a key when its name is the key in upper case with {@code .} and {@code -}
 * replaced by {@code _} ({@code gateway.inbox} is overridden by {@code GATEWAY_INBOX}).
 */
public final class GatewaySettings {

    private final Properties file;
    private final String fileName;
    private final Map<String, String> environment;
    private final Properties system;
    private final Map<String, String> overrides;
    // secret files by path, shared with copies: a pipe or a FIFO can be read only once
    private final Map<Path, String> secretFiles;

    private GatewaySettings(Properties file, String fileName, Map<String, String> environment, Properties system,
            Map<String, String> overrides, Map<Path, String> secretFiles) {
        this.file = file;
        this.fileName = fileName;
        this.environment = environment;
        this.system = system;
        this.overrides = overrides;
        this.secretFiles = secretFiles;
    }

    /**
     * Reads the properties file and binds the process environment and system properties.
     *
     * @param configFile the properties file; must exist
     * @return the settings; never null
     */
    public static GatewaySettings load(Path configFile) {
        return load(configFile, System.getenv(), System.getProperties());
    }

    /**
     * Reads the properties file and binds the given environment and system properties, for embedding and tests.
     *
     * @param configFile the properties file; must exist
     */
    public static GatewaySettings load(Path configFile, Map<String, String> environment, Properties system) {
        return new GatewaySettings(readFile(configFile), configFile.toString(), environment, system, Map.of(),
                new ConcurrentHashMap<>());
    }

    /**
     * Settings from explicit sources, for embedding and tests.
     */
    public static GatewaySettings of(Properties file, Map<String, String> environment, Properties system) {
        return new GatewaySettings(file, "the configuration file", environment, system, Map.of(),
                new ConcurrentHashMap<>());
    }

    /**
     * A copy whose given keys win over every other source.
     */
    public GatewaySettings withOverrides(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(overrides);
        merged.putAll(more);
        return new GatewaySettings(file, fileName, environment, system, Map.copyOf(merged), secretFiles);
    }

    /**
     * The environment variable that overrides a key.
     */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * A key as messages name it: with the environment variable that sets it, {@code gateway.workers
     * (GATEWAY_WORKERS)}.
     */
    public static String named(String key) {
        return key + " (" + environmentName(key) + ")";
    }

    /**
     * The value of a key after all overrides, blank values counting as absent.
     */
    public Optional<String> find(String key) {
        String value = raw(key);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    /**
     * Whether the key is given, but empty: {@link #find} treats it as absent, while Camel, which reads system
     * properties and environment variables itself, would see the empty value.
     */
    public boolean isGivenEmpty(String key) {
        String value = raw(key);
        return value != null && value.isBlank();
    }

    private String raw(String key) {
        String value = overrides.get(key);
        if (value == null) {
            value = system.getProperty(key);
        }
        if (value == null) {
            value = environment.get(environmentName(key));
        }
        if (value == null) {
            value = file.getProperty(key);
        }
        return value;
    }

    /**
     * The value of a key that has a default in the shipped configuration.
     *
     * @throws SettingsException when the key is absent or blank
     */
    public String require(String key) {
        return find(key).orElseThrow(() -> new SettingsException("Missing configuration: " + named(key)));
    }

    public String get(String key, String fallback) {
        return find(key).orElse(fallback);
    }

    public int getInt(String key, int fallback) {
        Optional<String> value = find(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new SettingsException(named(key) + " must be a whole number, not '" + value.get() + "'");
        }
    }

    public long getLong(String key, long fallback) {
        Optional<String> value = find(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.get().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new SettingsException(named(key) + " must be a whole number, not '" + value.get() + "'");
        }
    }

    public boolean getBoolean(String key, boolean fallback) {
        Optional<String> value = find(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String text = value.get().toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            throw new SettingsException(named(key) + " must be true or false, not '" + value.get() + "'");
        }
        return Boolean.parseBoolean(text);
    }

    /**
     * A duration written as ISO-8601 ({@code PT30S}) or as a number with a unit ({@code 500ms}, {@code 30s},
     * {@code 5m}, {@code 2h}, {@code 1d}).
     */
    public Duration getDuration(String key, Duration fallback) {
        Optional<String> value = find(key);
        return value.isEmpty() ? fallback : Durations.parse(named(key), value.get());
    }

    /**
     * A duration as {@link #getDuration} reads it, or a plain number of milliseconds: the form the first
     * configurations used for the inbox scan and the resume sweep, still accepted so they keep working.
     */
    public Duration getDurationOrMillis(String key, Duration fallback) {
        Optional<String> value = find(key);
        if (value.isEmpty()) {
            return fallback;
        }
        if (value.get().matches("\\d+")) {
            try {
                return Duration.ofMillis(Long.parseLong(value.get()));
            } catch (NumberFormatException e) {
                throw new SettingsException(named(key) + " is too large: '" + value.get() + "'");
            }
        }
        return Durations.parse(named(key), value.get());
    }

    public Path getPath(String key, String fallback) {
        return Path.of(get(key, fallback));
    }

    /**
     * Every key known from the file and the overrides, resolved; for handing to Camel as initial properties.
     */
    public Properties resolved() {
        TreeSet<String> keys = new TreeSet<>(file.stringPropertyNames());
        keys.addAll(overrides.keySet());
        Properties result = new Properties();
        for (String key : keys) {
            String value = overrides.containsKey(key) ? overrides.get(key) : null;
            if (value == null) {
                value = system.getProperty(key, environment.getOrDefault(environmentName(key), file.getProperty(key)));
            }
            if (value != null) {
                result.setProperty(key, value.trim());
            }
        }
        return result;
    }

    /**
     * The keys whose values came from a test or embedding override; they must also win inside Camel.
     */
    public Map<String, String> overrides() {
        return overrides;
    }

    /**
     * The keys given in the configuration file, as {@code -D} options and as overrides, each with where it was
     * given, for telling an operator about keys the gateway does not read. Environment variables are left out:
     * platforms set unrelated ones under the same prefixes (Kubernetes' {@code GATEWAY_SERVICE_HOST}, say).
     */
    public Map<String, String> keysGiven() {
        Map<String, String> keys = new LinkedHashMap<>();
        new TreeSet<>(file.stringPropertyNames()).forEach(key -> keys.put(key, fileName));
        new TreeSet<>(system.stringPropertyNames()).forEach(key -> keys.putIfAbsent(key, "-D" + key));
        new TreeSet<>(overrides.keySet()).forEach(key -> keys.putIfAbsent(key, "the overrides"));
        return keys;
    }

    /**
     * A secret: the key's value, or else the content of the file its {@code <key>-file} key names, without the
     * trailing line break an editor or {@code echo} leaves. Files are the best way to hand over secrets: readable by
     * the gateway's user alone, and never in a process listing. Each file is read once and remembered, so a pipe
     * ({@code <(...)}) or a FIFO works however often the secret is asked for.
     *
     * @param home the folder a relative file name is resolved against
     * @throws SettingsException when both the key and its {@code -file} key are set, or the named file cannot be
     *                           read
     */
    public Optional<String> findSecret(String key, Path home) {
        Optional<String> direct = find(key);
        Optional<String> file = find(key + "-file");
        if (direct.isPresent() && file.isPresent()) {
            // which one was meant is a guess either way; a wrong guess shows up later as a wrong password
            throw new SettingsException("Both " + named(key) + " and " + named(key + "-file") + " are set; set "
                    + "only one of them");
        }
        if (direct.isPresent()) {
            return direct;
        }
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path path = home.resolve(file.get()).toAbsolutePath().normalize();
        String content = secretFiles.get(path);
        if (content == null) {
            content = readSecretFile(key, path);
            String earlier = secretFiles.putIfAbsent(path, content);
            content = earlier != null ? earlier : content;
        }
        return Optional.of(content);
    }

    private static String readSecretFile(String key, Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8).replaceAll("[\\r\\n]+$", "");
        } catch (IOException e) {
            throw new SettingsException("Cannot read " + named(key + "-file") + " " + path + ": " + e.getMessage(),
                    e);
        }
    }

    private static Properties readFile(Path configFile) {
        if (!Files.isRegularFile(configFile)) {
            throw new SettingsException("Configuration file " + configFile.toAbsolutePath() + " not found: pass "
                    + "--config FILE, or set " + named(InstallationFolder.KEY) + " to the installation folder");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new SettingsException("Cannot read configuration file " + configFile + ": " + e.getMessage(), e);
        }
        return properties;
    }
}
