package org.epgugateway.sftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.SettingsException;
import org.epgugateway.pipeline.RetryPolicy;

/**
 * The {@code sftp.*} settings, checked and with secrets read from their files; {@link #toString()} never shows a
 * secret.
 *
 * @param inboxEnabled whether drops are taken from the SFTP inbox instead of the local inbox folder
 * @param outboxEnabled whether the outbox and the dead-letter folder live on the SFTP server
 * @param host the server's host name or address
 * @param port the server's SSH port
 * @param user the login name
 * @param password the login password; empty when key authentication alone is used
 * @param privateKeyFile the private key for public-key authentication; null when a password is used
 * @param privateKeyPassphrase the passphrase of the private key; empty when it has none
 * @param knownHostsFile the OpenSSH known-hosts file the server's host key must be in
 * @param inboxPath the remote inbox folder, relative to the login folder unless it starts with {@code /}
 * @param outboxPath the remote outbox folder
 * @param deadLetterPath the remote dead-letter folder
 * @param connectTimeout how long to wait for the TCP connection and the SSH handshake
 * @param readTimeout how long to wait for an answer of the server on an open connection
 * @param retries attempts and backoff of remote writes cut by a link failure
 */
public record SftpSettings(boolean inboxEnabled, boolean outboxEnabled, String host, int port, String user,
        String password, Path privateKeyFile, String privateKeyPassphrase, Path knownHostsFile, String inboxPath,
        String outboxPath, String deadLetterPath, Duration connectTimeout, Duration readTimeout,
        RetryPolicy retries) {

    private static final String MASK = "***";

    /**
     * Reads and checks the settings. When neither the SFTP inbox nor the SFTP outbox is enabled nothing else is
     * checked.
     *
     * @param home the folder relative file paths are resolved against
     * @throws SettingsException naming every missing or unusable key with its environment variable
     */
    public static SftpSettings from(GatewaySettings settings, Path home) {
        boolean inbox = settings.getBoolean("sftp.inbox.enabled", false);
        boolean outbox = settings.getBoolean("sftp.outbox.enabled", false);
        Path keyFile = settings.find("sftp.private-key-file").map(home::resolve).orElse(null);
        Path knownHosts = settings.find("sftp.known-hosts-file").map(home::resolve).orElse(null);
        RetryPolicy retries = new RetryPolicy(Math.max(1, settings.getInt("sftp.retry.max-attempts", 5)),
                settings.getDuration("sftp.retry.initial-delay", Duration.ofSeconds(1)),
                settings.getDuration("sftp.retry.max-delay", Duration.ofSeconds(30)));
        SftpSettings sftp = new SftpSettings(inbox, outbox, settings.get("sftp.host", ""),
                settings.getInt("sftp.port", 22), settings.get("sftp.user", ""),
                secret(settings, "sftp.password", home), keyFile,
                secret(settings, "sftp.private-key-passphrase", home), knownHosts,
                settings.get("sftp.inbox.path", "inbox"), settings.get("sftp.outbox.path", "outbox"),
                settings.get("sftp.dead-letter.path", "dead-letter"),
                settings.getDuration("sftp.connect-timeout", Duration.ofSeconds(10)),
                settings.getDuration("sftp.read-timeout", Duration.ofSeconds(60)), retries);
        if (sftp.enabled()) {
            sftp.check();
        }
        return sftp;
    }

    /** Whether anything travels over SFTP. */
    public boolean enabled() {
        return inboxEnabled || outboxEnabled;
    }

    /** Whether public-key authentication is configured. */
    public boolean usesKey() {
        return privateKeyFile != null;
    }

    /**
     * The authentication methods to offer, in order: the key first when there is one, so a configured key is never
     * silently bypassed by a password prompt.
     */
    public String preferredAuthentications() {
        List<String> methods = new ArrayList<>();
        if (usesKey()) {
            methods.add("publickey");
        }
        if (!password.isEmpty()) {
            methods.add("password");
            methods.add("keyboard-interactive");
        }
        return String.join(",", methods);
    }

    /** The server as operators name it in logs: {@code sftp://user@host:port}. */
    public String describe() {
        return "sftp://" + user + "@" + host + ":" + port;
    }

    @Override
    public String toString() {
        return "SftpSettings[" + describe() + ", inbox " + (inboxEnabled ? inboxPath : "off") + ", outbox "
                + (outboxEnabled ? outboxPath + ", dead-letter " + deadLetterPath : "off") + ", password "
                + (password.isEmpty() ? "none" : MASK) + ", key " + (usesKey() ? privateKeyFile : "none")
                + ", passphrase " + (privateKeyPassphrase.isEmpty() ? "none" : MASK) + ", known hosts "
                + knownHostsFile + "]";
    }

    private void check() {
        List<String> problems = new ArrayList<>();
        if (host.isEmpty()) {
            problems.add(missing("sftp.host"));
        }
        if (user.isEmpty()) {
            problems.add(missing("sftp.user"));
        }
        if (port < 1 || port > 65535) {
            problems.add("sftp.port (" + env("sftp.port") + ") must be between 1 and 65535, not " + port);
        }
        if (knownHostsFile == null) {
            problems.add(missing("sftp.known-hosts-file") + ": the server's host key must be listed there "
                    + "(for example with ssh-keyscan, after checking its fingerprint with the server's owner)");
        } else if (!Files.isReadable(knownHostsFile)) {
            problems.add("sftp.known-hosts-file (" + env("sftp.known-hosts-file") + ") " + knownHostsFile
                    + " cannot be read");
        }
        if (privateKeyFile == null && password.isEmpty()) {
            problems.add("no SFTP credentials: set sftp.private-key-file (" + env("sftp.private-key-file")
                    + ") or sftp.password (" + env("sftp.password") + ") / sftp.password-file ("
                    + env("sftp.password-file") + ")");
        } else if (privateKeyFile != null && !Files.isReadable(privateKeyFile)) {
            problems.add("sftp.private-key-file (" + env("sftp.private-key-file") + ") " + privateKeyFile
                    + " cannot be read");
        }
        if (!problems.isEmpty()) {
            throw new SettingsException("SFTP is enabled but its configuration is incomplete: "
                    + String.join("; ", problems));
        }
    }

    /**
     * A secret from its key or, when that is blank, from the file named by {@code <key>-file}; trailing line breaks
     * of the file are dropped.
     */
    private static String secret(GatewaySettings settings, String key, Path home) {
        return settings.findSecret(key, home).orElse("");
    }

    private static String missing(String key) {
        return "missing " + key + " (" + env(key) + ")";
    }

    private static String env(String key) {
        return GatewaySettings.environmentName(key);
    }
}
