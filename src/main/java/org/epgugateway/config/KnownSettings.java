package org.epgugateway.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every setting the gateway reads in its own namespaces, with the kind of value it takes. This is the one list the
 * start-up checks, the warning about unknown keys, the README's configuration tables and the shipped
 * {@code config/application.properties} are held against.
 */
public final class KnownSettings {

    /** The namespaces the gateway owns; keys elsewhere ({@code camel.*}, an integrator's own) are not judged. */
    public static final List<String> NAMESPACES = List.of("gateway.", "sftp.", "retry.", "logging.", "esia.", "epgu.",
            "signing.", "poll.", "result.", "store.");

    /** The suffix of the key that names a file holding a secret's value. */
    public static final String FILE_SUFFIX = "-file";

    /** What a key's value must be. */
    public enum Kind {
        /** Any text: paths, URLs, names, choices checked where they are used. */
        TEXT,
        /** Any text that must never be logged; may be given as {@code <key>-file} instead. */
        SECRET,
        /** {@code true} or {@code false}. */
        FLAG,
        /** A whole number within {@code int}. */
        WHOLE,
        /** A whole number within {@code long}; {@code _} may group digits. */
        LONG,
        /** A duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601. */
        DURATION,
        /** A duration, or a plain number of milliseconds as the first configurations wrote it. */
        DURATION_OR_MILLIS,
        /** A time-zone id such as {@code Europe/Moscow}. */
        ZONE
    }

    /**
     * One known key.
     *
     * @param minimum the least a number may be, or for a duration the least number of milliseconds; ignored for
     *     other kinds
     */
    public record Setting(String key, Kind kind, long minimum) {
    }

    private static final Map<String, Setting> SETTINGS = catalogue();

    private KnownSettings() {
    }

    /** Every known key in the order the README lists them. */
    public static Collection<Setting> all() {
        return SETTINGS.values();
    }

    /** The keys whose values are secrets: masked in logs, never handed to Camel, readable from files. */
    public static List<String> secretKeys() {
        return SETTINGS.values().stream().filter(s -> s.kind() == Kind.SECRET).map(Setting::key).toList();
    }

    /** Whether a key belongs to one of the gateway's namespaces. */
    public static boolean isOwnNamespace(String key) {
        return NAMESPACES.stream().anyMatch(key::startsWith);
    }

    /** Whether the gateway reads this key: a known key, or the {@code -file} key of a known secret. */
    public static boolean isKnown(String key) {
        if (SETTINGS.containsKey(key)) {
            return true;
        }
        return key.endsWith(FILE_SUFFIX) && Optional.ofNullable(SETTINGS.get(baseOf(key)))
                .filter(s -> s.kind() == Kind.SECRET).isPresent();
    }

    /**
     * The warning for a key of the gateway's namespaces that the gateway does not read, naming the key it
     * probably meant.
     *
     * @param origin where the key was given, for the operator to find it
     * @return the warning; empty when the key is known or outside the gateway's namespaces
     */
    public static Optional<String> unknownKeyWarning(String key, String origin) {
        if (!isOwnNamespace(key) || isKnown(key)) {
            return Optional.empty();
        }
        String setting = "Setting " + key + " (" + origin + ")";
        if (key.endsWith(FILE_SUFFIX) && SETTINGS.containsKey(baseOf(key))) {
            return Optional.of(setting + " is ignored: only secrets (" + String.join(", ", secretKeys())
                    + ") can be given as <key>" + FILE_SUFFIX + "; set " + baseOf(key) + " itself");
        }
        Set<String> candidates = new TreeSet<>(SETTINGS.keySet());
        secretKeys().forEach(secret -> candidates.add(secret + FILE_SUFFIX));
        return Optional.of(setting + " is not one the gateway reads and is ignored"
                + NearestKey.among(key, candidates).map(near -> "; did you mean " + near + "?").orElse(""));
    }

    /**
     * Checks the value of every known key that is set, so a malformed number or duration stops the start with a
     * message naming it instead of failing deep inside a route.
     *
     * @return one message per malformed value, each naming the key and its environment variable; empty when all
     *         are fine
     */
    public static List<String> problems(GatewaySettings settings) {
        List<String> problems = new ArrayList<>();
        for (Setting setting : SETTINGS.values()) {
            if (settings.find(setting.key()).isEmpty()) {
                continue; // not set: the code's default applies
            }
            try {
                check(settings, setting);
            } catch (SettingsException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    private static void check(GatewaySettings settings, Setting setting) {
        String key = setting.key();
        long number;
        switch (setting.kind()) {
            case FLAG -> settings.getBoolean(key, false);
            case WHOLE -> {
                number = settings.getInt(key, 0);
                atLeast(setting, number);
            }
            case LONG -> {
                number = settings.getLong(key, 0);
                atLeast(setting, number);
            }
            case DURATION -> atLeast(setting, settings.getDuration(key, null), settings.find(key).orElseThrow());
            case DURATION_OR_MILLIS -> atLeast(setting, settings.getDurationOrMillis(key, null),
                    settings.find(key).orElseThrow());
            case ZONE -> zone(settings, key);
            default -> {
                // free text: checked where it is used
            }
        }
    }

    private static void atLeast(Setting setting, long number) {
        if (number < setting.minimum()) {
            throw new SettingsException(GatewaySettings.named(setting.key()) + " must be at least "
                    + setting.minimum() + ", not " + number);
        }
    }

    private static void atLeast(Setting setting, Duration duration, String written) {
        if (duration.toMillis() < setting.minimum()) {
            throw new SettingsException(GatewaySettings.named(setting.key()) + (setting.minimum() > 0
                    ? " must be longer than 0" : " must not be negative") + ", not '" + written + "'");
        }
    }

    private static void zone(GatewaySettings settings, String key) {
        String value = settings.find(key).orElseThrow();
        try {
            ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new SettingsException(GatewaySettings.named(key) + " must be a time-zone id such as Europe/Moscow, "
                    + "not '" + value + "'");
        }
    }

    private static String baseOf(String fileKey) {
        return fileKey.substring(0, fileKey.length() - FILE_SUFFIX.length());
    }

    private static Map<String, Setting> catalogue() {
        Catalogue c = new Catalogue();
        // folders and intake
        c.text("gateway.home", "gateway.inbox", "gateway.outbox", "gateway.dead-letter", "gateway.work");
        c.number("gateway.inbox.poll-delay", Kind.DURATION_OR_MILLIS, 1);
        // 0: take a file as soon as it is listed, for producers that always rename
        c.number("gateway.inbox.stable-time", Kind.DURATION_OR_MILLIS, 0);
        c.number("gateway.max-drop-size", Kind.LONG, 1);
        c.number("gateway.max-text-length", Kind.WHOLE, 1);
        // SFTP
        c.add("sftp.inbox.enabled", Kind.FLAG);
        c.add("sftp.outbox.enabled", Kind.FLAG);
        c.text("sftp.host");
        c.number("sftp.port", Kind.WHOLE, 1);
        c.text("sftp.user", "sftp.private-key-file");
        c.add("sftp.private-key-passphrase", Kind.SECRET);
        c.add("sftp.password", Kind.SECRET);
        c.text("sftp.known-hosts-file", "sftp.inbox.path");
        c.duration("sftp.inbox.poll-delay");
        c.number("sftp.inbox.backoff-multiplier", Kind.WHOLE, 1);
        c.text("sftp.outbox.path", "sftp.dead-letter.path");
        c.duration("sftp.connect-timeout", "sftp.read-timeout");
        c.number("sftp.retry.max-attempts", Kind.WHOLE, 1);
        c.duration("sftp.retry.initial-delay", "sftp.retry.max-delay");
        // processing and retries
        c.number("gateway.workers", Kind.WHOLE, 1);
        c.number("gateway.queue-size", Kind.WHOLE, 1);
        c.number("gateway.resume-interval", Kind.DURATION_OR_MILLIS, 1);
        c.duration("gateway.claim-lease");
        // 0: only drops still in flight are duplicates
        c.number("gateway.duplicate-window", Kind.DURATION, 0);
        c.add("gateway.time-zone", Kind.ZONE);
        c.text("gateway.services", "gateway.instance-id");
        c.add("gateway.keep-sent-archives", Kind.FLAG);
        c.number("retry.max-attempts", Kind.WHOLE, 1);
        c.duration("retry.initial-delay", "retry.max-delay");
        c.add("logging.unmask-personal-data", Kind.FLAG);
        // ESIA and EPGU
        c.text("esia.url");
        c.add("esia.api-key", Kind.SECRET);
        c.text("epgu.url", "epgu.region", "epgu.env");
        c.add("epgu.send-meta", Kind.FLAG);
        c.number("epgu.chunk-size", Kind.LONG, 1);
        c.duration("epgu.connect-timeout", "epgu.read-timeout");
        c.number("epgu.circuit.failures", Kind.WHOLE, 1);
        c.duration("epgu.circuit.open-time", "epgu.limit-window");
        c.text("epgu.truststore");
        c.add("epgu.truststore-password", Kind.SECRET);
        // signing
        c.text("signing.key-source", "signing.keystore");
        c.add("signing.keystore-password", Kind.SECRET);
        c.text("signing.key-alias", "signing.key-file");
        c.add("signing.key-password", Kind.SECRET);
        c.text("signing.certificate-file", "signing.pkcs11.library", "signing.pkcs11.token-label");
        c.number("signing.pkcs11.slot", Kind.LONG, 0);
        c.text("signing.pkcs11.key-label", "signing.pkcs11.key-id");
        c.add("signing.pkcs11.pin", Kind.SECRET);
        c.text("signing.command");
        c.duration("signing.command-timeout");
        c.text("signing.tsa.url");
        c.duration("signing.tsa.timeout");
        c.text("signing.tsa.policy", "signing.trust-roots", "signing.crls");
        c.duration("signing.crl-refresh", "signing.crl-timeout");
        c.text("signing.ocsp.url");
        c.duration("signing.ocsp.timeout");
        c.text("signing.ocsp.cert-id-digest");
        c.duration("signing.self-check-interval");
        c.number("signing.expiry-warning", Kind.DURATION, 0);
        // polling, answers and the store
        c.text("poll.cron");
        c.duration("poll.max-age", "poll.max-interval");
        c.number("poll.batch-size", Kind.WHOLE, 1);
        c.number("result.max-download-size", Kind.LONG, 1);
        c.number("result.max-entries", Kind.WHOLE, 1);
        c.number("result.max-total-size", Kind.LONG, 1);
        c.text("store.url", "store.user");
        c.add("store.password", Kind.SECRET);
        c.text("store.schema");
        return c.settings;
    }

    /** Collects the catalogue in order. */
    private static final class Catalogue {
        final Map<String, Setting> settings = new LinkedHashMap<>();

        void add(String key, Kind kind) {
            number(key, kind, Long.MIN_VALUE);
        }

        void number(String key, Kind kind, long minimum) {
            if (settings.putIfAbsent(key, new Setting(key, kind, minimum)) != null) {
                throw new IllegalStateException("listed twice: " + key);
            }
        }

        void text(String... keys) {
            for (String key : keys) {
                add(key, Kind.TEXT);
            }
        }

        /** Durations that must be longer than zero: timeouts, intervals, pauses. */
        void duration(String... keys) {
            for (String key : keys) {
                number(key, Kind.DURATION, 1);
            }
        }
    }
}
