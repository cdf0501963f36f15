package io.moonpool.examples;

import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** Checks the properties that must hold once the work is done: exactly once, and in bounded time. */
final class Auditor implements Workload {

    private final int jobs;
    private final Duration maxLatency;
    // the board the Producer published in this iteration's setup
    private final Supplier<JobBoard> board;

    Auditor(int jobs, Duration maxLatency, Supplier<JobBoard> board) {
        this.jobs = jobs;
        this.maxLatency = maxLatency;
        this.board = board;
    }

    @Override
    public void run(SimContext ctx) {
        // the auditor only checks
    }

    @Override
    public void check(SimContext ctx) {
        JobBoard board = this.board.get();
        if (board.submitted != jobs) {
            throw new AssertionError("submitted " + board.submitted + " of " + jobs + " jobs");
        }
        for (int id = 0; id < jobs; id++) {
            int times = board.completions.getOrDefault(id, 0);
            if (times != 1) {
                throw new AssertionError("job " + id + " completed " + times + " times, expected exactly once");
            }
        }
        for (Map.Entry<Integer, Long> e : board.latencyNanos.entrySet()) {
            if (e.getValue() > maxLatency.toNanos()) {
                throw new AssertionError("job " + e.getKey() + " took " + Duration.ofNanos(e.getValue())
                        + " of simulated time, over the " + maxLatency + " bound");
            }
        }
    }
}
