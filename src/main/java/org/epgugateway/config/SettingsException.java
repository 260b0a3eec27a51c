package org.epgugateway.config;

/**
 * A setting is missing or malformed; the message names the key and its environment variable.
 */
public class SettingsException extends RuntimeException {

    public SettingsException(String message) {
        super(message);
    }

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
