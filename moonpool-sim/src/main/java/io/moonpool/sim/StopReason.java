package io.moonpool.sim;

/**
 * Why a simulation stopped starting iterations: {@link SimulationReport#stopReason()}.
 *
 * <p>A failing iteration never stops the run: the next seed still starts, whatever the configuration.
 */
public enum StopReason {
    /**
     * Every iteration asked for ran: the count of {@code iterations(n)} (one by default), or every seed
     * given to {@code seeds(...)}.
     */
    ITERATIONS_DONE,
    /**
     * The wall-time budget of {@code timeLimit(d)} was spent; the iteration under way when it ran out was
     * finished, and at least one always runs.
     */
    TIME_LIMIT,
    /**
     * With {@code untilCoverage(max)}: every {@code sometimes}-like assertion seen, and every one declared
     * with {@code expect(...)}, was satisfied, and no new assertion site or {@code sometimesEach} bucket
     * appeared in the last {@code plateau(n)} seeds.
     */
    COVERAGE_PLATEAU,
    /**
     * With {@code untilCoverage(max)}: {@code max} iterations ran before the plateau was reached. Any
     * assertion still unsatisfied is a coverage failure of the report, as in every run.
     */
    MAX_ITERATIONS
}
