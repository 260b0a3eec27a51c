package org.epgugateway.emulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Immutable settings of the ESIA and EPGU emulator, read from {@code emulator.*} properties or built with withers.
 */
public final class EmulatorSettings {

    public static final String HOST = "emulator.host";
    public static final String PORT = "emulator.port";
    public static final String TRUSTED_CA = "emulator.trusted-ca";
    public static final String API_KEYS = "emulator.api-keys";
    public static final String TOKEN_TTL = "emulator.token-ttl";
    public static final String STEP_DELAY = "emulator.step-delay";
    public static final String CHUNK_WINDOW = "emulator.chunk-window";
    public static final String DEFAULT_OUTCOME = "emulator.default-outcome";
    public static final String OUTCOME_PREFIX = "emulator.outcome.";
    public static final String USER_LIMIT_ENABLED = "emulator.user-limit.enabled";
    public static final String ANSWER_CACHE_ENABLED = "emulator.answer-cache.enabled";
    public static final String SCHEMAS = "emulator.schemas";
    public static final String LENIENT_SIGNATURE = "emulator.lenient-signature";
    public static final String STATUS_LIST_ZONE = "emulator.status-list-zone";
    /** Every key under this prefix configures the fault plan; see {@link FaultPlan}. */
    public static final String FAULTS_PREFIX = "emulator.faults.";
    /** A properties file of further {@code emulator.faults.*} keys, laid under the ones given directly. */
    public static final String FAULTS_SCENARIO = "emulator.faults.scenario";

    private static final String PREFIX = "emulator.";
    private static final List<String> KEYS = List.of(HOST, PORT, TRUSTED_CA, API_KEYS, TOKEN_TTL, STEP_DELAY,
            CHUNK_WINDOW, DEFAULT_OUTCOME, USER_LIMIT_ENABLED, ANSWER_CACHE_ENABLED, SCHEMAS, LENIENT_SIGNATURE,
            STATUS_LIST_ZONE);

    /** The scripted applicants every emulator knows unless a property overrides them. */
    private static final Map<String, Outcome> BUILT_IN_OUTCOMES = Map.of(
            "00011122200", Outcome.FOUND,
            "00033344400", Outcome.NONE,
            "00055566600", Outcome.REFUSED,
            "00077788800", Outcome.DELIVERY_ERROR);

    private final Values values;

    private EmulatorSettings(Values values) {
        this.values = values;
    }

    /** The settings a standalone emulator runs with when no property is given. */
    public static EmulatorSettings defaults() {
        return new EmulatorSettings(new Values());
    }

    /**
     * Reads the {@code emulator.*} keys of the given properties; other keys are ignored.
     *
     * @throws IllegalArgumentException for an unknown {@code emulator.*} key or a value that cannot be read,
     *                                  naming the key
     */
    public static EmulatorSettings fromProperties(Properties properties) {
        Values values = new Values();
        Map<String, String> faultKeys = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            if (key.startsWith(FAULTS_PREFIX)) {
                // read together below: the scenario file and the direct keys make one plan
                faultKeys.put(key, properties.getProperty(key));
                continue;
            }
            String value = properties.getProperty(key).trim();
            try {
                apply(values, key, value);
            } catch (IllegalArgumentException | DateTimeException e) {
                throw new IllegalArgumentException("Emulator setting " + key + " = '" + value + "': "
                        + e.getMessage(), e);
            }
        }
        values.faults = FaultPlanReader.read(faultKeys);
        return new EmulatorSettings(values);
    }

    private static void apply(Values values, String key, String value) {
        if (key.startsWith(OUTCOME_PREFIX)) {
            values.outcomes.put(snils(key.substring(OUTCOME_PREFIX.length())), Outcome.fromWord(value));
            return;
        }
        switch (key) {
            case HOST -> values.host = nonBlank(value);
            case PORT -> values.port = port(value);
            case TRUSTED_CA -> values.trustedCas = paths(value);
            case API_KEYS -> values.apiKeys = apiKeys(value);
            case TOKEN_TTL -> values.tokenTtl = positive(Duration.parse(value));
            case STEP_DELAY -> values.stepDelay = notNegative(Duration.parse(value));
            case CHUNK_WINDOW -> values.chunkWindow = positive(Duration.parse(value));
            case DEFAULT_OUTCOME -> values.defaultOutcome = Outcome.fromWord(value);
            case USER_LIMIT_ENABLED -> values.userLimitEnabled = bool(value);
            case ANSWER_CACHE_ENABLED -> values.answerCacheEnabled = bool(value);
            case SCHEMAS -> values.schemas = Path.of(nonBlank(value));
            case LENIENT_SIGNATURE -> values.lenientSignature = bool(value);
            case STATUS_LIST_ZONE -> values.statusListZone = ZoneId.of(value);
            default -> throw new IllegalArgumentException("unknown key; known keys are " + KEYS + ", "
                    + OUTCOME_PREFIX + "<SNILS> and " + FAULTS_PREFIX + "*");
        }
    }

    /**
     * Every {@code emulator.*} key with a fixed name, the fault keys included; scripted outcomes are
     * {@link #OUTCOME_PREFIX}{@code <SNILS>} besides.
     */
    public static List<String> knownKeys() {
        List<String> keys = new ArrayList<>(KEYS);
        keys.addAll(FaultPlanReader.knownKeys());
        return keys;
    }

    // ---- withers -------------------------------------------------------------------------------------------

    public EmulatorSettings withHost(String host) {
        return with(v -> v.host = nonBlank(host));
    }

    /** Port 0 asks for a free port. */
    public EmulatorSettings withPort(int port) {
        return with(v -> v.port = checkPort(port));
    }

    /** PEM files of the CA certificates that token signatures must chain to. */
    public EmulatorSettings withTrustedCa(Path... caFiles) {
        return with(v -> v.trustedCas = List.of(caFiles));
    }

    public EmulatorSettings withApiKey(UUID apiKey, ApiKeyState state) {
        return with(v -> v.apiKeys.put(Objects.requireNonNull(apiKey), Objects.requireNonNull(state)));
    }

    /** Replaces the known API keys. */
    public EmulatorSettings withApiKeys(Map<UUID, ApiKeyState> apiKeys) {
        return with(v -> v.apiKeys = new LinkedHashMap<>(apiKeys));
    }

    public EmulatorSettings withTokenTtl(Duration ttl) {
        return with(v -> v.tokenTtl = positive(ttl));
    }

    /** Time between two status steps; zero shows the final status at once. */
    public EmulatorSettings withStepDelay(Duration delay) {
        return with(v -> v.stepDelay = notNegative(delay));
    }

    public EmulatorSettings withChunkWindow(Duration window) {
        return with(v -> v.chunkWindow = positive(window));
    }

    public EmulatorSettings withDefaultOutcome(Outcome outcome) {
        return with(v -> v.defaultOutcome = Objects.requireNonNull(outcome));
    }

    public EmulatorSettings withOutcome(String snils, Outcome outcome) {
        return with(v -> v.outcomes.put(snils(snils), Objects.requireNonNull(outcome)));
    }

    public EmulatorSettings withUserLimit(boolean enabled) {
        return with(v -> v.userLimitEnabled = enabled);
    }

    public EmulatorSettings withAnswerCache(boolean enabled) {
        return with(v -> v.answerCacheEnabled = enabled);
    }

    /** Folder holding {@code 60010153/piev_epgu.xsd} and {@code 60010153/req.xsd}. */
    public EmulatorSettings withSchemas(Path folder) {
        return with(v -> v.schemas = Objects.requireNonNull(folder));
    }

    /** Lenient mode accepts any digest and signature algorithm and a signature without signingTime. */
    public EmulatorSettings withLenientSignature(boolean lenient) {
        return with(v -> v.lenientSignature = lenient);
    }

    /** Zone of the offset-less times in the status lists ({@code updated}, {@code updatedAfter}). */
    public EmulatorSettings withStatusListZone(ZoneId zone) {
        return with(v -> v.statusListZone = Objects.requireNonNull(zone));
    }

    /** The faults to inject; {@link FaultPlan#none()} for an emulator that keeps to the contract. */
    public EmulatorSettings withFaults(FaultPlan faults) {
        return with(v -> v.faults = Objects.requireNonNull(faults));
    }

    /** The clock every time decision uses; tests pass a clock they can move. */
    public EmulatorSettings withClock(Clock clock) {
        return with(v -> v.clock = Objects.requireNonNull(clock));
    }

    // ---- getters -------------------------------------------------------------------------------------------

    public String host() {
        return values.host;
    }

    public int port() {
        return values.port;
    }

    public List<Path> trustedCas() {
        return List.copyOf(values.trustedCas);
    }

    public Map<UUID, ApiKeyState> apiKeys() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values.apiKeys));
    }

    public Duration tokenTtl() {
        return values.tokenTtl;
    }

    public Duration stepDelay() {
        return values.stepDelay;
    }

    public Duration chunkWindow() {
        return values.chunkWindow;
    }

    public Outcome defaultOutcome() {
        return values.defaultOutcome;
    }

    /** The scripted outcomes by SNILS: the built-in script with the configured ones laid over it. */
    public Map<String, Outcome> outcomes() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values.outcomes));
    }

    /** The outcome for an applicant; the default outcome when the SNILS is not scripted. */
    public Outcome outcomeFor(String snils) {
        return values.outcomes.getOrDefault(snils, values.defaultOutcome);
    }

    public boolean userLimitEnabled() {
        return values.userLimitEnabled;
    }

    public boolean answerCacheEnabled() {
        return values.answerCacheEnabled;
    }

    public Path schemas() {
        return values.schemas;
    }

    public boolean lenientSignature() {
        return values.lenientSignature;
    }

    public ZoneId statusListZone() {
        return values.statusListZone;
    }

    public FaultPlan faults() {
        return values.faults;
    }

    public Clock clock() {
        return values.clock;
    }

    @Override
    public String toString() {
        return "EmulatorSettings{host=" + values.host + ", port=" + values.port + ", trustedCas=" + values.trustedCas
                + ", apiKeys=" + values.apiKeys.size() + ", tokenTtl=" + values.tokenTtl
                + ", stepDelay=" + values.stepDelay + ", chunkWindow=" + values.chunkWindow
                + ", defaultOutcome=" + values.defaultOutcome.word() + ", userLimit=" + values.userLimitEnabled
                + ", answerCache=" + values.answerCacheEnabled + ", schemas=" + values.schemas
                + ", lenientSignature=" + values.lenientSignature + ", faults=" + values.faults + "}";
    }

    private EmulatorSettings with(Consumer<Values> change) {
        Values copy = new Values(values);
        change.accept(copy);
        return new EmulatorSettings(copy);
    }

    // ---- value readers -------------------------------------------------------------------------------------

    private static String nonBlank(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return value.trim();
    }

    private static int port(String value) {
        return checkPort(Integer.parseInt(value));
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        return port;
    }

    private static boolean bool(String value) {
        String word = value.toLowerCase(Locale.ROOT);
        if (!word.equals("true") && !word.equals("false")) {
            throw new IllegalArgumentException("must be true or false");
        }
        return Boolean.parseBoolean(word);
    }

    private static Duration positive(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
        return duration;
    }

    private static Duration notNegative(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        return duration;
    }

    private static String snils(String snils) {
        if (!snils.matches("\\d{11}")) {
            throw new IllegalArgumentException("SNILS must be 11 digits, was '" + snils + "'");
        }
        return snils;
    }

    private static List<Path> paths(String value) {
        List<Path> paths = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                paths.add(Path.of(item.trim()));
            }
        }
        return paths;
    }

    private static Map<UUID, ApiKeyState> apiKeys(String value) {
        Map<UUID, ApiKeyState> keys = new LinkedHashMap<>();
        for (String item : value.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] keyAndState = item.trim().split(":", 2);
            ApiKeyState state = keyAndState.length == 2 ? ApiKeyState.fromWord(keyAndState[1]) : ApiKeyState.ACTIVE;
            keys.put(UUID.fromString(keyAndState[0].trim()), state);
        }
        return keys;
    }

    /** The mutable bag behind one immutable settings object; never shared between two of them. */
    private static final class Values {
        String host = "127.0.0.1";
        int port = 8780;
        List<Path> trustedCas = List.of();
        Map<UUID, ApiKeyState> apiKeys = new LinkedHashMap<>();
        Duration tokenTtl = Duration.ofHours(3);
        Duration stepDelay = Duration.ofSeconds(1);
        Duration chunkWindow = Duration.ofMinutes(5);
        Outcome defaultOutcome = Outcome.NONE;
        Map<String, Outcome> outcomes = new LinkedHashMap<>(BUILT_IN_OUTCOMES);
        boolean userLimitEnabled;
        boolean answerCacheEnabled;
        Path schemas = Path.of("schemas");
        boolean lenientSignature;
        ZoneId statusListZone = ZoneId.of("Europe/Moscow");
        FaultPlan faults = FaultPlan.none();
        Clock clock = Clock.systemUTC();

        Values() {
        }

        Values(Values other) {
            host = other.host;
            port = other.port;
            trustedCas = other.trustedCas;
            apiKeys = new LinkedHashMap<>(other.apiKeys);
            tokenTtl = other.tokenTtl;
            stepDelay = other.stepDelay;
            chunkWindow = other.chunkWindow;
            defaultOutcome = other.defaultOutcome;
            outcomes = new LinkedHashMap<>(other.outcomes);
            userLimitEnabled = other.userLimitEnabled;
            answerCacheEnabled = other.answerCacheEnabled;
            schemas = other.schemas;
            lenientSignature = other.lenientSignature;
            statusListZone = other.statusListZone;
            faults = other.faults;
            clock = other.clock;
        }
    }
}
