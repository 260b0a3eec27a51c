package org.epgugateway.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The faults an emulator injects, fixed at start: per target error rates, latency, timeouts, resets and bursts;
 * ESIA outage windows; tokens that die early; results that never arrive; hostile answer archives. Immutable; the
 * plan {@link #none()} injects nothing.
 */
public final class FaultPlan {

    /** A timeout hold that never ends: the request is held until the emulator stops. */
    public static final Duration HOLD_FOREVER = ChronoUnit.FOREVER.getDuration();

    /**
     * One window in which ESIA is down.
     *
     * @param from   when it starts, counted from the emulator's start
     * @param length how long it lasts
     */
    public record OutageWindow(Duration from, Duration length) {

        /** Checks that the window starts at or after the start and lasts a while. */
        public OutageWindow {
            if (from.isNegative()) {
                throw new IllegalArgumentException("an outage cannot start before the emulator");
            }
            if (length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("an outage must last a while");
            }
        }

        boolean covers(Duration sinceStart) {
            return sinceStart.compareTo(from) >= 0 && sinceStart.compareTo(from.plus(length)) < 0;
        }
    }

    private static final FaultPlan NONE = new FaultPlan(0, Map.of(), List.of(), OutageMode.UNAVAILABLE, null, 0,
            0, 0, List.of());

    private final long seed;
    private final Map<FaultTarget, TargetRules> targets;
    private final List<OutageWindow> esiaOutages;
    private final OutageMode esiaOutageMode;
    private final Duration tokenLifetime;
    private final int tokenMaxUses;
    private final double withheldResultRate;
    private final double hostileRate;
    private final List<HostileArchive> hostileArchives;

    private FaultPlan(long seed, Map<FaultTarget, TargetRules> targets, List<OutageWindow> esiaOutages,
                      OutageMode esiaOutageMode, Duration tokenLifetime, int tokenMaxUses, double withheldResultRate,
                      double hostileRate, List<HostileArchive> hostileArchives) {
        this.seed = seed;
        this.targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        this.esiaOutages = List.copyOf(esiaOutages);
        this.esiaOutageMode = esiaOutageMode;
        this.tokenLifetime = tokenLifetime;
        this.tokenMaxUses = tokenMaxUses;
        this.withheldResultRate = withheldResultRate;
        this.hostileRate = hostileRate;
        this.hostileArchives = List.copyOf(hostileArchives);
    }

    /** The plan without faults: the emulator behaves exactly as the contract says. */
    public static FaultPlan none() {
        return NONE;
    }

    /**
     * Reads a scenario file: a properties file of {@code emulator.faults.*} keys.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds an unknown key or a bad value, naming
     *                                  the file and the key
     */
    public static FaultPlan fromScenario(Path file) {
        return FaultPlanReader.read(Map.of(EmulatorSettings.FAULTS_SCENARIO, file.toString()));
    }

    // ---- withers -------------------------------------------------------------------------------------------

    /** The seed of every random decision; the same seed and the same requests give the same faults. */
    public FaultPlan withSeed(long value) {
        return new FaultPlan(value, targets, esiaOutages, esiaOutageMode, tokenLifetime, tokenMaxUses,
                withheldResultRate, hostileRate, hostileArchives);
    }

    /**
     * Answers a share of the target's requests with errors drawn from a mix.
     *
     * @param rate    share of requests, 0..1
     * @param weights the answers and their weights (positive); empty means 500, 502, 503 and 504 alike
     */
    public FaultPlan withErrors(FaultTarget target, double rate, Map<FaultAnswer, Integer> weights) {
        Map<FaultAnswer, Integer> mix = weights.isEmpty() ? TargetRules.SERVER_ERRORS : weights;
        mix.forEach((answer, weight) -> {
            if (weight == null || weight <= 0) {
                throw new IllegalArgumentException("the weight of " + answer.word() + " must be positive");
            }
        });
        return withRules(target, rules -> rules.withErrors(rate(rate), mix));
    }

    /** Answers a share of the target's requests with errors picked evenly from the given ones. */
    public FaultPlan withErrors(FaultTarget target, double rate, FaultAnswer... answers) {
        Map<FaultAnswer, Integer> weights = new LinkedHashMap<>();
        Arrays.stream(answers).forEach(answer -> weights.put(answer, 1));
        return withErrors(target, rate, weights);
    }

    /** The {@code Retry-After} of the target's injected 429 answers (whole seconds on the wire); default 2 s. */
    public FaultPlan withRetryAfter(FaultTarget target, Duration retryAfter) {
        return withRules(target, rules -> rules.withRetryAfter(notNegative(retryAfter)));
    }

    /** Holds every answer of the target back for this long. */
    public FaultPlan withLatency(FaultTarget target, Duration latency) {
        return withLatency(target, latency, latency);
    }

    /** Holds every answer of the target back for a time drawn evenly between the two bounds. */
    public FaultPlan withLatency(FaultTarget target, Duration min, Duration max) {
        if (notNegative(min).compareTo(notNegative(max)) > 0) {
            throw new IllegalArgumentException("the shortest latency " + min + " is longer than the longest " + max);
        }
        return withRules(target, rules -> rules.withLatency(min, max));
    }

    /** Holds a share of the target's requests without an answer. */
    public FaultPlan withTimeouts(FaultTarget target, double rate) {
        return withRules(target, rules -> rules.withTimeoutRate(rate(rate)));
    }

    /** Holds the target's requests with these numbers (counted from 1) without an answer. */
    public FaultPlan withTimeoutsAt(FaultTarget target, long... requestNumbers) {
        return withRules(target, rules -> rules.withTimeoutAt(numbers(requestNumbers)));
    }

    /**
     * How the target's timeouts behave.
     *
     * @param hold how long a request is held before its connection is dropped, at most a day; {@link #HOLD_FOREVER}
     *             holds it until the emulator stops; default 5 minutes
     * @param mode whether the endpoint still runs; default {@link TimeoutMode#REQUEST_LOST}
     */
    public FaultPlan withTimeoutHold(FaultTarget target, Duration hold, TimeoutMode mode) {
        checkHold(hold);
        return withRules(target, rules -> rules.withTimeoutHold(hold, Objects.requireNonNull(mode)));
    }

    /** Drops the connection of a share of the target's requests while the body is read. */
    public FaultPlan withResets(FaultTarget target, double rate) {
        return withRules(target, rules -> rules.withResetRate(rate(rate)));
    }

    /** Drops the connection of the target's requests with these numbers (counted from 1). */
    public FaultPlan withResetsAt(FaultTarget target, long... requestNumbers) {
        return withRules(target, rules -> rules.withResetAt(numbers(requestNumbers)));
    }

    /** How many body bytes a reset request reads before the connection is dropped; default 64 KiB. */
    public FaultPlan withResetAfterBytes(FaultTarget target, int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative");
        }
        return withRules(target, rules -> rules.withResetAfterBytes(bytes));
    }

    /**
     * Answers {@code count} requests of the target with {@code answer}, once {@code after} requests went through.
     */
    public FaultPlan withBurst(FaultTarget target, FaultAnswer answer, int count, long after) {
        if (count <= 0 || after < 0) {
            throw new IllegalArgumentException("a burst needs a positive count and a start of 0 or more");
        }
        return withRules(target, rules -> rules.withBurst(new TargetRules.Burst(Objects.requireNonNull(answer),
                count, after)));
    }

    /** Adds a window in which ESIA's token service is down. */
    public FaultPlan withEsiaOutage(Duration from, Duration length) {
        List<OutageWindow> windows = new ArrayList<>(esiaOutages);
        windows.add(new OutageWindow(from, length));
        return new FaultPlan(seed, targets, windows, esiaOutageMode, tokenLifetime, tokenMaxUses,
                withheldResultRate, hostileRate, hostileArchives);
    }

    /** How ESIA answers while it is down; default {@link OutageMode#UNAVAILABLE}. */
    public FaultPlan withEsiaOutageMode(OutageMode mode) {
        return new FaultPlan(seed, targets, esiaOutages, Objects.requireNonNull(mode), tokenLifetime, tokenMaxUses,
                withheldResultRate, hostileRate, hostileArchives);
    }

    /** EPGU refuses a token with 401 once it is this old, whatever its {@code exp} says. */
    public FaultPlan withTokenLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a token lifetime must be positive");
        }
        return new FaultPlan(seed, targets, esiaOutages, esiaOutageMode, lifetime, tokenMaxUses,
                withheldResultRate, hostileRate, hostileArchives);
    }

    /** EPGU refuses a token with 401 after it was used for this many requests. */
    public FaultPlan withTokenMaxUses(int uses) {
        if (uses <= 0) {
            throw new IllegalArgumentException("a token must be usable at least once");
        }
        return new FaultPlan(seed, targets, esiaOutages, esiaOutageMode, tokenLifetime, uses, withheldResultRate,
                hostileRate, hostileArchives);
    }

    /** A share of accepted orders never gets a result: they stay in status 2. */
    public FaultPlan withWithheldResults(double rate) {
        return new FaultPlan(seed, targets, esiaOutages, esiaOutageMode, tokenLifetime, tokenMaxUses, rate(rate),
                hostileRate, hostileArchives);
    }

    /**
     * A share of answers is replaced by hostile archives, the given flavours in turn.
     *
     * @param rate share of answers, 0..1
     */
    public FaultPlan withHostileAnswers(double rate, HostileArchive... flavours) {
        if (flavours.length == 0 && rate > 0) {
            throw new IllegalArgumentException("hostile answers need at least one flavour");
        }
        return new FaultPlan(seed, targets, esiaOutages, esiaOutageMode, tokenLifetime, tokenMaxUses,
                withheldResultRate, rate(rate), List.of(flavours));
    }

    // ---- getters -------------------------------------------------------------------------------------------

    /** True when the plan injects nothing. */
    public boolean isEmpty() {
        return targets.isEmpty() && esiaOutages.isEmpty() && tokenLifetime == null && tokenMaxUses == 0
                && withheldResultRate == 0 && hostileRate == 0;
    }

    public long seed() {
        return seed;
    }

    public List<OutageWindow> esiaOutages() {
        return esiaOutages;
    }

    public OutageMode esiaOutageMode() {
        return esiaOutageMode;
    }

    /** The lifetime after which tokens are refused; null when tokens live as long as their {@code exp} says. */
    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    /** The uses after which tokens are refused; 0 when unlimited. */
    public int tokenMaxUses() {
        return tokenMaxUses;
    }

    public double withheldResultRate() {
        return withheldResultRate;
    }

    public double hostileRate() {
        return hostileRate;
    }

    public List<HostileArchive> hostileArchives() {
        return hostileArchives;
    }

    /** The rules of a target; rules that inject nothing when none are configured. */
    TargetRules rules(FaultTarget target) {
        return targets.getOrDefault(target, TargetRules.NONE);
    }

    /** The targets that have rules. */
    Map<FaultTarget, TargetRules> targets() {
        return targets;
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "none";
        }
        return "seed " + seed + ", targets " + targets.keySet() + ", ESIA outages " + esiaOutages.size()
                + (tokenLifetime == null ? "" : ", token lifetime " + tokenLifetime)
                + (tokenMaxUses == 0 ? "" : ", token max uses " + tokenMaxUses)
                + (withheldResultRate == 0 ? "" : ", withheld results " + withheldResultRate)
                + (hostileRate == 0 ? "" : ", hostile answers " + hostileRate + " " + hostileArchives);
    }

    private FaultPlan withRules(FaultTarget target, UnaryOperator<TargetRules> change) {
        Map<FaultTarget, TargetRules> changed = new LinkedHashMap<>(targets);
        changed.put(Objects.requireNonNull(target, "target"), change.apply(rules(target)));
        return new FaultPlan(seed, changed, esiaOutages, esiaOutageMode, tokenLifetime, tokenMaxUses,
                withheldResultRate, hostileRate, hostileArchives);
    }

    /** A hold is positive, and either at most a day or forever, so that it can be scheduled. */
    static Duration checkHold(Duration hold) {
        if (hold.isNegative() || hold.isZero()) {
            throw new IllegalArgumentException("a timeout must hold the request a while");
        }
        if (!hold.equals(HOLD_FOREVER) && hold.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("a hold longer than a day is written as never");
        }
        return hold;
    }

    private static double rate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a rate must be between 0 and 1, was " + rate);
        }
        return rate;
    }

    private static Duration notNegative(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        return duration;
    }

    private static TreeSet<Long> numbers(long... requestNumbers) {
        TreeSet<Long> numbers = new TreeSet<>();
        for (long number : requestNumbers) {
            if (number < 1) {
                throw new IllegalArgumentException("request numbers count from 1, was " + number);
            }
            numbers.add(number);
        }
        return numbers;
    }
}
