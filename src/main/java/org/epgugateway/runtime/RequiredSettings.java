package org.epgugateway.runtime;

import java.util.ArrayList;
import java.util.List;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.SettingsException;

/**
 * The keys without which the gateway cannot do its job; all missing ones are named at once, with their
 * environment variables, before anything starts.
 */
final class RequiredSettings {

    // the signing settings depend on signing.key-source and are checked where the key source is opened
    static final List<String> KEYS = List.of("esia.url", "epgu.url", "esia.api-key");

    private RequiredSettings() {
    }

    static void check(GatewaySettings settings) {
        List<String> missing = new ArrayList<>();
        for (String key : KEYS) {
            if (settings.find(key).isEmpty()) {
                missing.add(key + " (" + GatewaySettings.environmentName(key) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new SettingsException("Missing configuration: " + String.join(", ", missing)
                    + ". Set them in config/application.properties, as environment variables or with -Dkey=value. "
                    + "The demo (java -jar epgu-gateway.jar demo) needs none of them.");
        }
    }
}
