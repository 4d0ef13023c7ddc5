package org.fourmu.physics.random;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The project's one random-number discipline: every stream is derived from a user seed and a
 * tuple of integer keys (for example a run and an event number, or a worker index), so results
 * do not depend on how work is split across threads, partitions or instances.
 */
public final class RandomStreams {

    private RandomStreams() {
    }

    /** An independent generator for (seed, keys...): the same arguments always give the same stream. */
    public static UniformRandomProvider forKeys(long seed, long... keys) {
        long h = mix(seed ^ 0x4f75726d75L);
        for (long k : keys) {
            h = mix(h ^ mix(k + 0x9E3779B97F4A7C15L));
        }
        long[] state = new long[4];
        for (int i = 0; i < state.length; i++) {
            h += 0x9E3779B97F4A7C15L;
            state[i] = mix(h);
        }
        return RandomSource.L64_X128_MIX.create(state);
    }

    /** A deterministic uniform number in [0, 1) for (seed, keys...), without building a generator. */
    public static double uniform(long seed, long... keys) {
        long h = mix(seed ^ 0x7472696767L);
        for (long k : keys) {
            h = mix(h ^ mix(k + 0x9E3779B97F4A7C15L));
        }
        return (h >>> 11) * 0x1.0p-53;
    }

    /** The SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijective 64-bit mixer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
