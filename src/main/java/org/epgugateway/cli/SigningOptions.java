package org.epgugateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.InstallationFolder;
import picocli.CommandLine.Option;

/**
 * The options of the signing commands: the gateway's configuration, with command-line shortcuts for the
 * {@code signing.*} settings an integrator changes most while debugging a key.
 *
 * <p>Passwords and PINs are never options, so they stay out of shell history and process lists: they come from
 * {@code --password-file} or the usual settings and environment variables (for example
 * {@code SIGNING_KEYSTORE_PASSWORD}).
 *
 * <p>Files named on the command line are relative to the working folder, as for any command; paths in the
 * configuration are relative to the installation folder, as for the gateway.
 */
final class SigningOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "The gateway's properties file (default: " + ConfigOption.DEFAULT_FILE
                    + " in the installation folder, when it exists).")
    private Path config;

    @Option(names = "--key-source", paramLabel = "KIND",
            description = "pkcs12, pem, pkcs11 or command (signing.key-source).")
    private String keySource;

    @Option(names = "--keystore", paramLabel = "FILE",
            description = "PKCS#12 file (signing.keystore); implies pkcs12.")
    private Path keystore;

    @Option(names = "--key-alias", paramLabel = "ALIAS", description = "Key entry in the PKCS#12 file.")
    private String keyAlias;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "PEM PKCS#8 key (signing.key-file); implies pem.")
    private Path keyFile;

    @Option(names = "--certificate-file", paramLabel = "FILE",
            description = "PEM certificate of the key, for pem, pkcs11 and command (signing.certificate-file).")
    private Path certificateFile;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the keystore password, the key password or the token PIN.")
    private Path passwordFile;

    @Option(names = "--tsa-url", paramLabel = "URL", description = "Time-stamping authority (signing.tsa.url).")
    private String tsaUrl;

    @Option(names = "--trust-roots", paramLabel = "FILES",
            description = "Trusted root certificates, comma-separated PEM files (signing.trust-roots).")
    private String trustRoots;

    @Option(names = "--crls", paramLabel = "SOURCES",
            description = "CRL files or URLs, comma-separated (signing.crls).")
    private String crls;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any other setting, such as signing.pkcs11.library.")
    private Map<String, String> set = new LinkedHashMap<>();

    // built once: its secret files are read once, so a pipe given as --password-file works
    private GatewaySettings built;

    /** The folder relative paths of the configuration are resolved against. */
    Path home() {
        return InstallationFolder.of(settings(), located());
    }

    /** The configuration with the options applied on top. */
    GatewaySettings settings() {
        if (built == null) {
            built = build();
        }
        return built;
    }

    private GatewaySettings build() {
        Path defaultConfig = located().resolve(ConfigOption.DEFAULT_FILE);
        GatewaySettings base = config != null || Files.isRegularFile(defaultConfig)
                ? GatewaySettings.load(config != null ? config : defaultConfig)
                : GatewaySettings.of(new Properties(), System.getenv(), System.getProperties());
        Map<String, String> overrides = new LinkedHashMap<>(set);
        String kind = keySource != null ? keySource.toLowerCase(Locale.ROOT)
                : keystore != null ? "pkcs12" : keyFile != null ? "pem" : null;
        put(overrides, "signing.key-source", kind);
        put(overrides, "signing.keystore", absolute(keystore));
        put(overrides, "signing.key-alias", keyAlias);
        put(overrides, "signing.key-file", absolute(keyFile));
        put(overrides, "signing.certificate-file", absolute(certificateFile));
        put(overrides, "signing.tsa.url", tsaUrl);
        put(overrides, "signing.trust-roots", absoluteFiles(trustRoots));
        put(overrides, "signing.crls", absoluteFiles(crls));
        if (passwordFile != null) {
            String effective = kind != null ? kind : base.get("signing.key-source", "pkcs12");
            put(overrides, switch (effective) {
                case "pem" -> "signing.key-password-file";
                case "pkcs11" -> "signing.pkcs11.pin-file";
                default -> "signing.keystore-password-file";
            }, absolute(passwordFile));
        }
        return base.withOverrides(overrides);
    }

    private static Path located() {
        return InstallationFolder.locate(System.getProperties(), System.getenv());
    }

    private static Path absolute(Path file) {
        return file == null ? null : file.toAbsolutePath();
    }

    /** A comma-separated list of files (or http addresses, left alone) with each file made absolute. */
    private static String absoluteFiles(String list) {
        if (list == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (String item : list.split(",")) {
            String trimmed = item.trim();
            boolean address = trimmed.startsWith("http://") || trimmed.startsWith("https://");
            items.add(trimmed.isEmpty() || address ? trimmed : Path.of(trimmed).toAbsolutePath().toString());
        }
        return String.join(",", items);
    }

    private static void put(Map<String, String> overrides, String key, Object value) {
        if (value != null) {
            overrides.put(key, value.toString());
        }
    }
}
