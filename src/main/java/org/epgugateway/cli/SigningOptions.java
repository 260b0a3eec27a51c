package org.epgugateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.epgugateway.config.GatewaySettings;
import picocli.CommandLine.Option;

/**
 * The options of the signing commands: the gateway's configuration, with command-line shortcuts for the
 * {@code signing.*} settings an integrator changes most while debugging a key.
 *
 * <p>Passwords and PINs are never options, so they stay out of shell history and process lists: they come from
 * {@code --password-file} or the usual settings and environment variables (for example
 * {@code SIGNING_KEYSTORE_PASSWORD}).
 */
final class SigningOptions {

    private static final Path DEFAULT_CONFIG = Path.of("config/application.properties");

    @Option(names = "--config", paramLabel = "FILE",
            description = "The gateway's properties file (default: config/application.properties when it exists).")
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

    /** The configuration with the options applied on top. */
    GatewaySettings settings() {
        GatewaySettings base = config != null || Files.isRegularFile(DEFAULT_CONFIG)
                ? GatewaySettings.load(config != null ? config : DEFAULT_CONFIG)
                : GatewaySettings.of(new Properties(), System.getenv(), System.getProperties());
        Map<String, String> overrides = new LinkedHashMap<>(set);
        String kind = keySource != null ? keySource.toLowerCase(Locale.ROOT)
                : keystore != null ? "pkcs12" : keyFile != null ? "pem" : null;
        put(overrides, "signing.key-source", kind);
        put(overrides, "signing.keystore", keystore);
        put(overrides, "signing.key-alias", keyAlias);
        put(overrides, "signing.key-file", keyFile);
        put(overrides, "signing.certificate-file", certificateFile);
        put(overrides, "signing.tsa.url", tsaUrl);
        put(overrides, "signing.trust-roots", trustRoots);
        put(overrides, "signing.crls", crls);
        if (passwordFile != null) {
            String effective = kind != null ? kind : base.get("signing.key-source", "pkcs12");
            put(overrides, switch (effective) {
                case "pem" -> "signing.key-password-file";
                case "pkcs11" -> "signing.pkcs11.pin-file";
                default -> "signing.keystore-password-file";
            }, passwordFile);
        }
        return base.withOverrides(overrides);
    }

    private static void put(Map<String, String> overrides, String key, Object value) {
        if (value != null) {
            overrides.put(key, value.toString());
        }
    }
}
