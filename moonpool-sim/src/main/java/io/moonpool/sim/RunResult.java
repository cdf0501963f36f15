package io.moonpool.sim;

import io.moonpool.api.fault.RebootKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outcome of one iteration.
 *
 * @param seed            the iteration seed; {@code SimulationBuilder.seeds(seed)} replays it
 * @param failure         why it failed, when it did; empty when every phase completed
 * @param simTime         the simulated time the iteration took
 * @param events          the kernel events it processed: task steps plus fired timers and deliveries
 * @param traceHash       a hash of every scheduling decision and event; the same seed always gives the same hash
 * @param wallTime        the real time it took (outside the simulated world; varies between runs)
 * @param rebootCounts    reboots by kind
 * @param rebootsByInjector reboots by injector name, then kind
 * @param lifecycle       what happened to processes, in order
 * @param timeline        the timeline of the iteration (see {@link SimulationBuilder#timeline(int)}): kept for a
 *                        failing seed, and for every seed under {@link SimulationBuilder#traceAll()}; empty
 *                        otherwise
 * @param faults          the faults the resource plugins injected, counted by kind (see
 *                        {@code KernelServices.fault}), in sorted order
 */
public record RunResult(
        long seed,
        Optional<RunFailure> failure,
        Duration simTime,
        long events,
        long traceHash,
        Duration wallTime,
        Map<RebootKind, Integer> rebootCounts,
        Map<String, Map<RebootKind, Integer>> rebootsByInjector,
        List<LifecycleEntry> lifecycle,
        List<TimelineEntry> timeline,
        Map<String, Long> faults) {

    /** Defensive copies. */
    public RunResult {
        rebootCounts = rebootCounts.isEmpty() ? Map.of() : new EnumMap<>(rebootCounts);
        Map<String, Map<RebootKind, Integer>> byInjector = new TreeMap<>();
        rebootsByInjector.forEach((k, v) -> byInjector.put(k, v.isEmpty() ? Map.of() : new EnumMap<>(v)));
        rebootsByInjector = java.util.Collections.unmodifiableMap(byInjector);
        rebootCounts = java.util.Collections.unmodifiableMap(rebootCounts);
        lifecycle = List.copyOf(lifecycle);
        timeline = List.copyOf(timeline);
        faults = java.util.Collections.unmodifiableMap(new TreeMap<>(faults));
    }

    /**
     * Whether every phase completed without failure.
     *
     * @return true when {@link #failure()} is empty
     */
    public boolean passed() {
        return failure.isEmpty();
    }

    /**
     * Fails unless this iteration passed, with its failure's message: what a test of one seed asserts.
     *
     * @throws AssertionError naming the seed, the failure and how to replay it, with the user exception (if
     *                        any) as its cause
     */
    public void assertPassed() {
        failure.ifPresent(f -> {
            throw new AssertionError(
                    "seed " + seed + " failed (replay: " + SimulationReport.replayLine(seed) + "): " + f.summary()
                            + System.lineSeparator() + f.message(),
                    f.exception().orElse(null));
        });
    }

    /**
     * How many reboots of a kind happened in this iteration.
     *
     * @param kind the kind
     * @return the count
     */
    public int reboots(RebootKind kind) {
        return rebootCounts.getOrDefault(kind, 0);
    }
}
