package org.epgugateway.emulator;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Reads {@code emulator.faults.*} keys, and the scenario file one of them may name, into a {@link FaultPlan}.
 */
final class FaultPlanReader {

    private static final String PREFIX = EmulatorSettings.FAULTS_PREFIX;
    private static final List<String> TARGET_ATTRIBUTES = List.of("error-rate", "error-mix", "retry-after",
            "latency", "timeout-rate", "timeout-at", "timeout-hold", "timeout-lost", "reset-rate", "reset-at",
            "reset-after-bytes", "burst-answer", "burst-count", "burst-after");
    private static final List<String> PLAN_ATTRIBUTES = List.of("seed", "scenario", "esia-outage.windows",
            "esia-outage.answer", "token.lifetime", "token.max-uses", "results.withheld-rate", "answers.hostile",
            "answers.hostile-rate");
    private static final String NEVER = "never";

    /** Settings of one target that only make sense together, collected before they are applied. */
    private static final class PendingTarget {
        Double errorRate;
        Map<FaultAnswer, Integer> errorMix = Map.of();
        Duration hold;
        TimeoutMode lost;
        FaultAnswer burstAnswer = FaultAnswer.TOO_MANY_REQUESTS;
        Integer burstCount;
        long burstAfter;
    }

    private FaultPlan plan = FaultPlan.none();
    private final Map<FaultTarget, PendingTarget> pending = new LinkedHashMap<>();
    private List<HostileArchive> hostile = List.of();
    private Double hostileRate;

    private FaultPlanReader() {
    }

    /**
     * Reads the given keys, all starting with {@code emulator.faults.}; the scenario file they name is read first
     * and the keys given directly lay over it.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value, naming the key (and the file)
     */
    static FaultPlan read(Map<String, String> keys) {
        Map<String, String> merged = new TreeMap<>();
        String scenario = keys.get(EmulatorSettings.FAULTS_SCENARIO);
        if (scenario != null && !scenario.isBlank()) {
            merged.putAll(scenarioKeys(Path.of(scenario.trim())));
        }
        keys.forEach((key, value) -> {
            if (!key.equals(EmulatorSettings.FAULTS_SCENARIO)) {
                merged.put(key, value);
            }
        });
        FaultPlanReader reader = new FaultPlanReader();
        merged.forEach((key, value) -> reader.apply(key, value.trim(), scenario));
        return reader.finish();
    }

    /** Every {@code emulator.faults.*} key: those of the whole plan and those of each target. */
    static List<String> knownKeys() {
        List<String> keys = new ArrayList<>();
        PLAN_ATTRIBUTES.forEach(attribute -> keys.add(PREFIX + attribute));
        List<FaultTarget> targets = new ArrayList<>(List.of(FaultTarget.EPGU));
        for (Endpoint endpoint : Endpoint.values()) {
            if (endpoint != Endpoint.JOURNAL) {
                targets.add(FaultTarget.of(endpoint));
            }
        }
        for (FaultTarget target : targets) {
            TARGET_ATTRIBUTES.forEach(attribute -> keys.add(PREFIX + target.word() + "." + attribute));
        }
        return keys;
    }

    private static Map<String, String> scenarioKeys(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("Emulator setting " + EmulatorSettings.FAULTS_SCENARIO
                    + ": cannot read the scenario " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> keys = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith(PREFIX) || key.equals(EmulatorSettings.FAULTS_SCENARIO)) {
                throw new IllegalArgumentException("Fault scenario " + file + ": key " + key + " does not belong "
                        + "there; a scenario holds only " + PREFIX + "* keys and names no other scenario");
            }
            keys.put(key, properties.getProperty(key));
        }
        return keys;
    }

    private void apply(String key, String value, String scenario) {
        try {
            applyKey(key.substring(PREFIX.length()), value);
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            String where = scenario == null ? "" : " (fault scenario " + scenario + ")";
            throw new IllegalArgumentException("Emulator setting " + key + " = '" + value + "'" + where + ": "
                    + e.getMessage(), e);
        }
    }

    private void applyKey(String name, String value) {
        switch (name) {
            case "seed" -> plan = plan.withSeed(Long.parseLong(value));
            case "esia-outage.windows" -> outageWindows(value);
            case "esia-outage.answer" -> plan = plan.withEsiaOutageMode(OutageMode.fromWord(value));
            case "token.lifetime" -> plan = plan.withTokenLifetime(Duration.parse(value));
            case "token.max-uses" -> plan = plan.withTokenMaxUses(Integer.parseInt(value));
            case "results.withheld-rate" -> plan = plan.withWithheldResults(Double.parseDouble(value));
            case "answers.hostile" -> hostile = words(value).stream().map(HostileArchive::fromWord).toList();
            case "answers.hostile-rate" -> hostileRate = Double.parseDouble(value);
            default -> applyTargetKey(name, value);
        }
    }

    private void applyTargetKey(String name, String value) {
        int dot = name.lastIndexOf('.');
        String attribute = name.substring(dot + 1);
        if (dot < 0 || !TARGET_ATTRIBUTES.contains(attribute)) {
            throw new IllegalArgumentException("unknown key; known keys are " + PREFIX + PLAN_ATTRIBUTES + " and "
                    + PREFIX + "<target>." + TARGET_ATTRIBUTES);
        }
        FaultTarget target = FaultTarget.fromWord(name.substring(0, dot));
        PendingTarget later = pending.computeIfAbsent(target, t -> new PendingTarget());
        switch (attribute) {
            case "error-rate" -> later.errorRate = Double.parseDouble(value);
            case "error-mix" -> later.errorMix = mix(value);
            case "retry-after" -> plan = plan.withRetryAfter(target, Duration.parse(value));
            case "latency" -> latency(target, value);
            case "timeout-rate" -> plan = plan.withTimeouts(target, Double.parseDouble(value));
            case "timeout-at" -> plan = plan.withTimeoutsAt(target, numbers(value));
            case "timeout-hold" -> later.hold = value.equalsIgnoreCase(NEVER) ? FaultPlan.HOLD_FOREVER
                    : Duration.parse(value);
            case "timeout-lost" -> later.lost = TimeoutMode.fromWord(value);
            case "reset-rate" -> plan = plan.withResets(target, Double.parseDouble(value));
            case "reset-at" -> plan = plan.withResetsAt(target, numbers(value));
            case "reset-after-bytes" -> plan = plan.withResetAfterBytes(target, Integer.parseInt(value));
            case "burst-answer" -> later.burstAnswer = FaultAnswer.fromWord(value);
            case "burst-count" -> later.burstCount = Integer.parseInt(value);
            case "burst-after" -> later.burstAfter = Long.parseLong(value);
            default -> throw new IllegalStateException("attribute listed but not read: " + attribute);
        }
    }

    private FaultPlan finish() {
        pending.forEach((target, later) -> {
            String key = PREFIX + target.word() + ".";
            if (later.errorRate != null) {
                plan = checked(key + "error-rate", () -> plan.withErrors(target, later.errorRate, later.errorMix));
            }
            if (later.hold != null || later.lost != null) {
                TargetRules rules = plan.rules(target);
                plan = checked(key + "timeout-hold", () -> plan.withTimeoutHold(target,
                        later.hold != null ? later.hold : rules.timeoutHold(),
                        later.lost != null ? later.lost : rules.timeoutMode()));
            }
            if (later.burstCount != null) {
                plan = checked(key + "burst-count", () -> plan.withBurst(target, later.burstAnswer,
                        later.burstCount, later.burstAfter));
            }
        });
        if (!hostile.isEmpty() || hostileRate != null) {
            double rate = hostileRate != null ? hostileRate : 1.0;
            plan = checked(PREFIX + "answers.hostile", () -> plan.withHostileAnswers(rate,
                    hostile.toArray(HostileArchive[]::new)));
        }
        return plan;
    }

    private static FaultPlan checked(String key, Supplier<FaultPlan> change) {
        try {
            return change.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Emulator setting " + key + ": " + e.getMessage(), e);
        }
    }

    /** {@code PT1M/PT60S, PT20M/PT10S}: each window as its start after the emulator's start and its length. */
    private void outageWindows(String value) {
        for (String window : words(value)) {
            String[] fromAndLength = window.split("/", -1);
            if (fromAndLength.length != 2) {
                throw new IllegalArgumentException("a window is written <start>/<length>, for example PT1M/PT60S");
            }
            plan = plan.withEsiaOutage(Duration.parse(fromAndLength[0].trim()),
                    Duration.parse(fromAndLength[1].trim()));
        }
    }

    /** {@code PT0.2S} for a fixed latency, {@code PT0.1S..PT2S} for one drawn evenly between the bounds. */
    private void latency(FaultTarget target, String value) {
        int range = value.indexOf("..");
        if (range < 0) {
            plan = plan.withLatency(target, Duration.parse(value));
            return;
        }
        plan = plan.withLatency(target, Duration.parse(value.substring(0, range).trim()),
                Duration.parse(value.substring(range + 2).trim()));
    }

    /** {@code 500:2, 503, 429:1}: answers with optional weights, 1 when left out. */
    private static Map<FaultAnswer, Integer> mix(String value) {
        Map<FaultAnswer, Integer> weights = new LinkedHashMap<>();
        for (String item : words(value)) {
            int colon = item.lastIndexOf(':');
            if (colon < 0) {
                weights.put(FaultAnswer.fromWord(item), 1);
            } else {
                weights.put(FaultAnswer.fromWord(item.substring(0, colon)),
                        Integer.parseInt(item.substring(colon + 1).trim()));
            }
        }
        return weights;
    }

    private static long[] numbers(String value) {
        return words(value).stream().mapToLong(Long::parseLong).toArray();
    }

    private static List<String> words(String value) {
        List<String> words = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                words.add(item.trim());
            }
        }
        return words;
    }
}
