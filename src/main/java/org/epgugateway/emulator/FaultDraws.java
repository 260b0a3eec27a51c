package org.epgugateway.emulator;

/**
 * Random numbers that depend only on the seed, a named stream and a request number, so that the same seed gives
 * the same faults to the same requests however the requests interleave.
 */
final class FaultDraws {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;

    FaultDraws(long seed) {
        this.seed = seed;
    }

    /** A number in [0, 1) fixed by the seed, the stream and the index. */
    double unit(String stream, long index) {
        long hash = mix(seed + GOLDEN_GAMMA);
        hash = mix(hash + stream.hashCode() * GOLDEN_GAMMA);
        hash = mix(hash + index * GOLDEN_GAMMA);
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** A 64-bit finaliser: every input bit affects every output bit. */
    private static long mix(long value) {
        long z = (value ^ (value >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
