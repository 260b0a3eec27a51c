package org.epgugateway.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether ESIA's token service is down: in a planned window counted from the emulator's start, or between a test's
 * start and end calls.
 */
final class EsiaOutage {

    private final List<FaultPlan.OutageWindow> windows;
    private final OutageMode plannedMode;
    private final Clock clock;
    private final Instant start;
    private volatile OutageMode forced;

    EsiaOutage(List<FaultPlan.OutageWindow> windows, OutageMode plannedMode, Clock clock) {
        this.windows = List.copyOf(windows);
        this.plannedMode = plannedMode;
        this.clock = clock;
        this.start = clock.instant();
    }

    /** How ESIA behaves now when it is down; empty when it is up. */
    Optional<OutageMode> now() {
        OutageMode manual = forced;
        if (manual != null) {
            return Optional.of(manual);
        }
        Duration sinceStart = Duration.between(start, clock.instant());
        return windows.stream().anyMatch(window -> window.covers(sinceStart))
                ? Optional.of(plannedMode) : Optional.empty();
    }

    void start(OutageMode mode) {
        forced = mode;
    }

    /** Ends an outage a test started; planned windows still apply. */
    void end() {
        forced = null;
    }
}
