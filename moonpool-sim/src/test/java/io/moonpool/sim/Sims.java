package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Workload;

/** Shortcuts for tests that run one workload. */
final class Sims {

    private Sims() {}

    /** Runs one iteration of {@code workload} with {@code seed}. */
    static RunResult runOnce(long seed, Workload workload) {
        return SimulationBuilder.create()
                .workload(workload)
                .seeds(seed)
                .run()
                .runs()
                .getFirst();
    }

    /** Runs seeds {@code 1..count} and fails with the report if any failed. */
    static SimulationReport sweep(int count, Workload workload) {
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = i + 1;
        }
        SimulationReport report =
                SimulationBuilder.create().workload(workload).seeds(seeds).run();
        assertTrue(report.passed(), report::toString);
        return report;
    }

    /** The failure of a run that must have failed. */
    static RunFailure failureOf(RunResult run) {
        return run.failure().orElseThrow(() -> new AssertionError("expected seed " + run.seed() + " to fail"));
    }
}
