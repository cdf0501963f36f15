package io.moonpool.sim.internal.runner;

/**
 * Decides, after each iteration of a coverage-driven run, whether the run may stop: every {@code sometimes}-like
 * assertion seen (and every expected one) is satisfied, and the table's shape (its assertion sites and
 * {@code sometimesEach} buckets, {@link AssertionTable#shape()}) has not grown for {@code plateau} consecutive
 * seeds. A plain decision over the values passed in, so that it is testable without running a simulation.
 *
 * <p>The shape before the first iteration is zero, so the first iteration that checks anything resets the
 * count: with assertions, the earliest stop is after {@code plateau + 1} iterations.
 */
final class CoveragePlateau {

    private final int plateau;
    private long lastShape;
    private int unchanged;

    /**
     * A plateau of this many seeds.
     *
     * @param plateau the consecutive seeds without a new site or bucket needed to stop; at least 1
     */
    CoveragePlateau(int plateau) {
        if (plateau < 1) {
            throw new IllegalArgumentException("plateau must be at least 1, was " + plateau);
        }
        this.plateau = plateau;
    }

    /**
     * Takes the table's state after one more iteration.
     *
     * @param shape        the table's shape now; it never shrinks
     * @param allSatisfied whether every assertion that needs coverage is satisfied now
     * @return whether the run has reached its plateau and may stop
     */
    boolean reachedAfter(long shape, boolean allSatisfied) {
        if (shape != lastShape) {
            lastShape = shape;
            unchanged = 0;
        } else {
            unchanged++;
        }
        return allSatisfied && unchanged >= plateau;
    }

    /** The consecutive seeds, up to the last one taken, in which nothing new appeared. */
    int unchangedSeeds() {
        return unchanged;
    }
}
