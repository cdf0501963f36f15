package io.moonpool.runtime.internal;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A seeded random stream that several threads may share: every draw goes through one synchronised
 * {@link #nextLong()}, so a single thread drawing sees the same values for the same seed.
 */
public final class SeededRandom implements RandomGenerator {

    private final SplittableRandom random;

    /**
     * A stream from a seed.
     *
     * @param seed the seed
     */
    public SeededRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public synchronized long nextLong() {
        return random.nextLong();
    }
}
