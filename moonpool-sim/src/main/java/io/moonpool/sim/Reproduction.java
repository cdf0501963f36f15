package io.moonpool.sim;

import java.util.Objects;

/**
 * Whether a failing seed failed again when it was re-run, in the same JVM, after the batch (see
 * {@link SimulationBuilder#verifyFailures(boolean)}). The re-run comes after other seeds have run, so
 * identity hash codes and other JVM state differ from the first run: a seed whose behaviour depends on them
 * does not reproduce, and its replay would not either.
 *
 * @param seed       the failing seed
 * @param status     what the re-run showed
 * @param divergence for {@link Status#NOT_REPRODUCIBLE}, where the two runs first differ (a timeline entry of
 *                   each, or the failures, or the trace hashes); empty otherwise
 */
public record Reproduction(long seed, Status status, String divergence) {

    /** What the re-run of a failing seed showed. */
    public enum Status {
        /** The re-run failed the same way (same kind, phase, source and simulated time) with the same trace hash. */
        REPRODUCED,
        /**
         * The re-run passed, or failed another way, or took another path: the seed depends on something outside
         * the simulation (real time, real randomness, identity hash codes, unordered iteration).
         */
        NOT_REPRODUCIBLE
    }

    /**
     * Checks the fields.
     *
     * @throws NullPointerException if a field is null
     */
    public Reproduction {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(divergence, "divergence");
    }
}
