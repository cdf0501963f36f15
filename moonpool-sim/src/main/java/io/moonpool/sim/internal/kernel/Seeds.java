package io.moonpool.sim.internal.kernel;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Seed derivation: per-iteration seeds from a base seed, and independent random streams from an iteration
 * seed, so that drawing more from one stream never shifts another.
 */
public final class Seeds {

    /** The simulation's own decisions and user code ({@code ctx.random()}). */
    public static final long SIMULATION_STREAM = 1;
    /** Which runnable task runs next. */
    public static final long SCHEDULING_STREAM = 2;
    /** Per-seed configuration draws (swarm choices). */
    public static final long CONFIGURATION_STREAM = 3;

    /** The stream of buggify decisions, salted further by each site's name, so that sites are independent. */
    public static final long BUGGIFY_STREAM = 4;

    /** The per-seed shape of a cluster drawn from a {@code Layout}'s ranges, so that it shifts no other draw. */
    public static final long LAYOUT_STREAM = 5;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    /**
     * The seed of iteration {@code index}: the base seed itself for the first iteration (so that
     * {@code .baseSeed(S)} runs seed S first), a well-mixed derivation after that.
     *
     * @param base  the base seed
     * @param index the iteration index, from 0
     * @return the iteration seed
     */
    public static long iterationSeed(long base, long index) {
        return index == 0 ? base : splitMix(base + index * GOLDEN);
    }

    /**
     * A random stream of an iteration.
     *
     * @param seed   the iteration seed
     * @param stream one of the stream constants
     * @return a generator whose sequence depends only on both arguments
     */
    public static RandomGenerator stream(long seed, long stream) {
        return new SplittableRandom(splitMix(seed ^ splitMix(stream * GOLDEN)));
    }

    /**
     * The SplitMix64 finalizer: a bijective mix of all 64 bits.
     *
     * @param z the input
     * @return the mixed value
     */
    public static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
