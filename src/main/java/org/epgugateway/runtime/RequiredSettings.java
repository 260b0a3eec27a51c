package org.epgugateway.runtime;

import static org.epgugateway.config.GatewaySettings.named;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.SettingsException;

/**
 * The keys without which the gateway cannot do its job; all missing ones are named at once, with their
 * environment variables, before anything starts. The ESIA and EPGU addresses must also be usable addresses: a
 * mistyped one would otherwise fail every drop, or the start with a stack trace.
 */
final class RequiredSettings {

    private static final List<String> PLAIN = List.of("esia.url", "epgu.url");
    // base URLs of the remote services, joined with their API paths at every call
    private static final List<String> URLS = List.of("esia.url", "epgu.url");
    // secrets count as set when their <key>-file names a file
    private static final List<String> SECRETS = List.of("esia.api-key");
    // the other key sources' settings depend on the source and are checked where it is opened
    private static final List<String> PKCS12 = List.of("signing.keystore");
    private static final List<String> PKCS12_SECRETS = List.of("signing.keystore-password");

    private RequiredSettings() {
    }

    static void check(GatewaySettings settings, Path home) {
        List<String> missing = new ArrayList<>();
        PLAIN.stream().filter(key -> settings.find(key).isEmpty()).forEach(key -> missing.add(named(key)));
        SECRETS.stream().filter(key -> settings.findSecret(key, home).isEmpty())
                .forEach(key -> missing.add(named(key)));
        if (settings.get("signing.key-source", "pkcs12").equals("pkcs12")) {
            PKCS12.stream().filter(key -> settings.find(key).isEmpty()).forEach(key -> missing.add(named(key)));
            PKCS12_SECRETS.stream().filter(key -> settings.findSecret(key, home).isEmpty())
                    .forEach(key -> missing.add(named(key)));
        }
        if (!missing.isEmpty()) {
            throw new SettingsException("Missing configuration: " + String.join(", ", missing)
                    + (missing.size() == 1 ? ". Set it" : ". Set them") + " in config/application.properties, as "
                    + "environment variables or with -Dkey=value (secrets also as <key>-file). The demo "
                    + "(java -jar epgu-gateway.jar demo) needs none of this.");
        }
        List<String> unusable = new ArrayList<>();
        for (String key : URLS) {
            String value = settings.find(key).orElseThrow();
            if (!isHttpUrlWithHost(value)) {
                unusable.add(named(key) + " is '" + withoutUserInfo(value) + "'");
            }
        }
        if (!unusable.isEmpty()) {
            throw new SettingsException("Not an absolute http:// or https:// URL with a host: "
                    + String.join("; ", unusable) + ". Write the base URL, for example "
                    + "https://esia-portal1.test.gosuslugi.ru for ESIA or http://127.0.0.1:8081 for a local GOST-TLS "
                    + "proxy in front of EPGU.");
        }
    }

    // Visible for testing
    static boolean isHttpUrlWithHost(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme();
        return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                && uri.getHost() != null && !uri.getHost().isBlank();
    }

    // a password written into a URL must not reach the console
    private static String withoutUserInfo(String value) {
        return value.replaceFirst("//[^/@]*@", "//***@");
    }
}
