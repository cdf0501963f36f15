package io.moonpool.sim.internal.runner;

import io.moonpool.sim.RunFailure;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.TimelineEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A result with one component changed, and the result of a seed that never ran: one place for each. */
public final class RunResults {

    private RunResults() {}

    /**
     * The result with another failure: the verdict a later check (the determinism check, a dead worker) gives.
     *
     * @param r       the result
     * @param failure the failure
     * @return the result failing so
     */
    public static RunResult withFailure(RunResult r, RunFailure failure) {
        return new RunResult(
                r.seed(),
                Optional.of(failure),
                r.simTime(),
                r.events(),
                r.traceHash(),
                r.wallTime(),
                r.rebootCounts(),
                r.rebootsByInjector(),
                r.lifecycle(),
                r.timeline(),
                r.faults());
    }

    /**
     * The result with another timeline.
     *
     * @param r        the result
     * @param timeline the timeline
     * @return the result keeping that timeline
     */
    public static RunResult withTimeline(RunResult r, List<TimelineEntry> timeline) {
        return new RunResult(
                r.seed(),
                r.failure(),
                r.simTime(),
                r.events(),
                r.traceHash(),
                r.wallTime(),
                r.rebootCounts(),
                r.rebootsByInjector(),
                r.lifecycle(),
                timeline,
                r.faults());
    }

    /**
     * The result with its wall time, measured once the iteration is over.
     *
     * @param r        the result
     * @param wallTime the real time the iteration took
     * @return the result with it
     */
    public static RunResult withWallTime(RunResult r, Duration wallTime) {
        return new RunResult(
                r.seed(),
                r.failure(),
                r.simTime(),
                r.events(),
                r.traceHash(),
                wallTime,
                r.rebootCounts(),
                r.rebootsByInjector(),
                r.lifecycle(),
                r.timeline(),
                r.faults());
    }

    /**
     * The result of a seed that failed before any of its tasks ran (or whose worker JVM died running it): no time,
     * no event, no trace.
     *
     * @param seed     the seed
     * @param failure  why it failed
     * @param wallTime the real time it took
     * @return the result
     */
    public static RunResult notRun(long seed, RunFailure failure, Duration wallTime) {
        return new RunResult(
                seed,
                Optional.of(failure),
                Duration.ZERO,
                0,
                0,
                wallTime,
                Map.of(),
                Map.of(),
                List.of(),
                List.of(),
                Map.of());
    }
}
