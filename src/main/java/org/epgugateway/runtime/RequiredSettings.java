package org.epgugateway.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.SettingsException;

/**
 * The keys without which the gateway cannot do its job; all missing ones are named at once, with their
 * environment variables, before anything starts.
 */
final class RequiredSettings {

    private static final List<String> PLAIN = List.of("esia.url", "epgu.url");
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
                    + ". Set them in config/application.properties, as environment variables or with -Dkey=value "
                    + "(secrets also as <key>-file). The demo (java -jar epgu-gateway.jar demo) needs none of them.");
        }
    }

    private static String named(String key) {
        return key + " (" + GatewaySettings.environmentName(key) + ")";
    }
}
