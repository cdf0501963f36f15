package io.moonpool.examples;

import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;

import java.time.Duration;

/**
 * The README's example: a producer, a pool of flaky workers and an auditor share a job queue. Each seed
 * explores another interleaving of submissions, service times, failures and retries; the auditor checks
 * that every job completed exactly once and within a latency bound.
 */
public final class Main {

    private static final int JOBS = 40;
    private static final int WORKERS = 3;

    // one simulation runs at a time on one thread; each iteration's Producer.setup publishes a fresh board
    private static JobBoard board;

    private Main() {
    }

    static JobBoard board() {
        return board;
    }

    /**
     * Runs the simulation, prints its report, and exits non-zero if any seed failed.
     *
     * @param args optionally the number of iterations (default 200)
     */
    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        SimulationReport report = SimulationBuilder.create()
                .workload(new Producer(JOBS, WORKERS, b -> board = b))
                .workload(new WorkerPool(WORKERS, 0.1))
                .workload(new Auditor(JOBS, Duration.ofSeconds(5)))
                .iterations(iterations)
                .run();
        System.out.println(report);
        if (!report.passed()) {
            System.exit(1);
        }
    }
}
