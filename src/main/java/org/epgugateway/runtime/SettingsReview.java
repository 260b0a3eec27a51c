package org.epgugateway.runtime;

import java.util.ArrayList;
import java.util.List;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.KnownSettings;
import org.epgugateway.config.SettingsException;
import org.epgugateway.store.StoreDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the configuration as a whole before anything is built: warns about keys of the gateway's namespaces it
 * does not read, so a typo does not pass silently, and stops the start on a malformed number or duration or an
 * unsupported store, naming the setting, instead of failing later inside Camel or Flyway.
 */
final class SettingsReview {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsReview.class);

    private SettingsReview() {
    }

    /**
     * Warns about unknown keys and checks every value that has a form.
     *
     * @throws SettingsException naming every malformed setting at once
     */
    static void check(GatewaySettings settings) {
        // unknown keys only warn: integrators may keep keys of their own routes in the same file
        settings.keysGiven().forEach((key, origin) -> KnownSettings.unknownKeyWarning(key, origin)
                .ifPresent(LOG::warn));

        List<String> problems = new ArrayList<>(KnownSettings.problems(settings));
        settings.find("store.url").filter(url -> !StoreDatabase.isSupported(url))
                .ifPresent(url -> problems.add(StoreDatabase.unsupported(url)));
        if (!problems.isEmpty()) {
            throw new SettingsException("Invalid configuration: " + String.join("; ", problems));
        }
    }
}
