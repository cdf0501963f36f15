package io.moonpool.sim.internal.runner;

import io.moonpool.sim.RunResult;
import java.util.List;
import org.slf4j.MDC;

/**
 * Runs seeds one at a time, each into tables of its own, which is what a worker JVM does: its parent merges
 * each seed's tables in seed order ({@link AssertionTable#merge}, {@link BuggifyTable#merge},
 * {@link MetricsTable#merge}) into the tables a sequential run would have filled.
 */
public final class SeedRunner {

    private final SimulationConfig config;
    private final List<String> expected;
    private final Timeline.Ring ring = new Timeline.Ring();

    /**
     * A runner of one configuration.
     *
     * @param config   the validated configuration
     * @param expected the assertions declared with {@code expect(...)}
     */
    public SeedRunner(SimulationConfig config, List<String> expected) {
        this.config = config;
        this.expected = List.copyOf(expected);
    }

    /**
     * Consecutive seeds' results and the tables they filled together.
     *
     * @param results    each seed's result, in order
     * @param assertions the assertions they checked
     * @param buggify    the buggify sites and swarm operations they used
     * @param metrics    the metrics they recorded
     */
    public record Chunk(
            List<RunResult> results, AssertionTable assertions, BuggifyTable buggify, MetricsTable metrics) {}

    /**
     * Runs consecutive iterations of the seed sequence (as handed out) into one set of tables, as a sequential
     * run fills its tables: merged after the tables of every earlier iteration, they give the same.
     *
     * @param indexes  the iterations' indexes
     * @param seeds   their seeds
     * @return the results and tables
     */
    public Chunk run(long[] indexes, long[] seeds) {
        AssertionTable assertions = new AssertionTable(expected);
        BuggifyTable buggify = new BuggifyTable();
        MetricsTable metrics = new MetricsTable();
        List<RunResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < indexes.length; i++) {
            assertions.at(indexes[i]);
            buggify.at(indexes[i]);
            MDC.put("moonpool.seed", Long.toString(seeds[i]));
            try {
                results.add(Iteration.run(config, seeds[i], assertions, buggify, metrics, ring));
            } finally {
                MDC.remove("moonpool.seed");
            }
        }
        return new Chunk(results, assertions, buggify, metrics);
    }

    /**
     * Runs one seed for the determinism check, compared step by step with a run's fingerprints that another JVM
     * sent ({@code -Dmoonpool.checkDeterminism=fork}); it counts in no table.
     *
     * @param seed         the seed
     * @param fingerprints the other run's fingerprints
     * @param stopAt       an index to capture at even if the runs agree there, or -1
     * @return this run's result and record
     */
    public DeterminismCheck.Replayed replay(long seed, long[] fingerprints, long stopAt) {
        MDC.put("moonpool.seed", Long.toString(seed));
        try {
            return DeterminismCheck.inThisJvm(config, expected, ring)
                    .run(new DeterminismRecord(seed, fingerprints, -1, null), stopAt);
        } finally {
            MDC.remove("moonpool.seed");
        }
    }
}
