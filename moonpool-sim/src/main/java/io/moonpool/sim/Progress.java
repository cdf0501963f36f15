package io.moonpool.sim;

import java.time.Duration;

/**
 * What a run has done so far, handed to a {@link SimulationBuilder#progress(java.util.function.Consumer) progress
 * listener} after every iteration of the batch (not after the re-runs of failing seeds). Tools use it to print a
 * line on long runs; it changes nothing of the run.
 *
 * @param iterations  the iterations finished, from 1
 * @param failures    how many of them failed
 * @param assertions  the assertion sites seen so far, plus the {@code expect(...)}-declared ones not yet seen
 * @param unsatisfied how many of {@code assertions} would be coverage failures if the run ended now
 * @param wallTime    the real time since the first iteration started
 */
public record Progress(long iterations, long failures, int assertions, int unsatisfied, Duration wallTime) {

    /**
     * Iterations per second of real time so far.
     *
     * @return the rate; 0 before any real time has passed
     */
    public double iterationsPerSecond() {
        long nanos = wallTime.toNanos();
        return nanos <= 0 ? 0 : iterations * 1e9 / nanos;
    }
}
