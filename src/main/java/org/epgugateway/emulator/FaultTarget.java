package org.epgugateway.emulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a fault rule applies to: one endpoint, or every endpoint of the EPGU API at once.
 */
public final class FaultTarget {

    /** Every endpoint of the EPGU API (E1 to E8); not the ESIA token service and not the journal. */
    public static final FaultTarget EPGU = new FaultTarget(null, "epgu");

    private final Endpoint endpoint;
    private final String word;

    private FaultTarget(Endpoint endpoint, String word) {
        this.endpoint = endpoint;
        this.word = word;
    }

    /**
     * The target of one endpoint.
     *
     * @throws IllegalArgumentException for the journal, which is never faulted
     */
    public static FaultTarget of(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint == Endpoint.JOURNAL) {
            throw new IllegalArgumentException("the journal is not a fault target");
        }
        return new FaultTarget(endpoint, endpoint.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /**
     * Reads a target as written in the settings: {@code epgu} or an endpoint such as {@code push-chunked}.
     *
     * @throws IllegalArgumentException for any other word
     */
    public static FaultTarget fromWord(String word) {
        String wanted = word.trim().toLowerCase(Locale.ROOT);
        if (wanted.equals(EPGU.word)) {
            return EPGU;
        }
        for (Endpoint endpoint : Endpoint.values()) {
            if (endpoint != Endpoint.JOURNAL && of(endpoint).word.equals(wanted)) {
                return of(endpoint);
            }
        }
        throw new IllegalArgumentException("unknown fault target '" + word + "' (expected epgu or one of "
                + Arrays.stream(Endpoint.values()).filter(e -> e != Endpoint.JOURNAL)
                        .map(e -> of(e).word).collect(Collectors.joining(", ")) + ")");
    }

    /** True when a request to this endpoint is subject to this target's rules. */
    public boolean covers(Endpoint candidate) {
        if (endpoint == null) {
            return candidate != Endpoint.ESIA_TOKEN && candidate != Endpoint.JOURNAL;
        }
        return endpoint == candidate;
    }

    /** The word used for this target in the settings, for example {@code epgu} or {@code order-create}. */
    public String word() {
        return word;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FaultTarget target && target.word.equals(word);
    }

    @Override
    public int hashCode() {
        return word.hashCode();
    }

    @Override
    public String toString() {
        return word;
    }
}
