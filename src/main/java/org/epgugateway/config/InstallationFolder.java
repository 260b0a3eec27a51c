package org.epgugateway.config;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The installation folder: where the shipped {@code config/}, {@code routes/} and {@code schemas/} are, and what
 * relative paths in the configuration are resolved against, so the gateway runs the same from any working folder.
 *
 * <p>It is {@code gateway.home} when set; otherwise the folder of {@code epgu-gateway.jar} when that holds
 * {@code routes/} (the container image and an unpacked installation), or the folder above it when that does (the
 * jar in the project's {@code target/}); otherwise the working folder.
 */
public final class InstallationFolder {

    /** The setting that names the installation folder explicitly. */
    public static final String KEY = "gateway.home";

    private static final String MARKER = "routes";

    private InstallationFolder() {
    }

    /**
     * The installation folder as known before the configuration file is read: from {@code -Dgateway.home},
     * {@code GATEWAY_HOME} or the jar's location. The default configuration file is found there.
     *
     * @return an absolute path; never null
     */
    public static Path locate(Properties system, Map<String, String> environment) {
        String explicit = Optional.ofNullable(system.getProperty(KEY))
                .orElse(environment.get(GatewaySettings.environmentName(KEY)));
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit.trim()).toAbsolutePath().normalize();
        }
        return fromCodeLocation(codeLocation(), Path.of("").toAbsolutePath());
    }

    /**
     * The installation folder once the configuration is read: {@code gateway.home} from any source, the
     * configuration file included, or else the folder {@link #locate} found.
     *
     * @return an absolute path; never null
     */
    public static Path of(GatewaySettings settings, Path located) {
        return settings.find(KEY).map(home -> located.resolve(home).toAbsolutePath().normalize()).orElse(located);
    }

    /**
     * The installation folder a jar (or a class folder) at this location belongs to.
     *
     * @param code the jar file or class folder the gateway's classes are loaded from; null when unknown
     * @param workingFolder the answer when the location does not look like an installation
     */
    // Visible for testing
    static Path fromCodeLocation(Path code, Path workingFolder) {
        if (code == null || !Files.isRegularFile(code)) {
            return workingFolder; // classes from a folder (an IDE, the test run): no installation around them
        }
        Path jarFolder = code.toAbsolutePath().getParent();
        if (Files.isDirectory(jarFolder.resolve(MARKER))) {
            return jarFolder;
        }
        Path above = jarFolder.getParent();
        if (above != null && Files.isDirectory(above.resolve(MARKER))) {
            return above;
        }
        return workingFolder;
    }

    private static Path codeLocation() {
        CodeSource source = InstallationFolder.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null; // not a file location (a custom class loader): fall back to the working folder
        }
    }
}
