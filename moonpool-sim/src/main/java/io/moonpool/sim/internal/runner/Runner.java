package io.moonpool.sim.internal.runner;

import io.moonpool.sim.RunFailure;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.StopReason;
import io.moonpool.sim.internal.kernel.Seeds;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs the iterations of a validated simulation: which seeds, how many, within which wall-time budget, on
 * which thread; each seed in the SLF4J MDC while it runs.
 *
 * <p><b>When the run stops.</b> After the seeds given, after {@code iterations(n)} (one by default), when the
 * wall-time budget is spent (checked before each iteration but the first), or, for a coverage-driven run
 * ({@code untilCoverage(max)}), at its {@link CoveragePlateau} or after {@code max} iterations, whichever
 * comes first. A failing iteration never stops it. The plateau is decided from the assertion table alone,
 * which the seeds fix, so a coverage-driven run with the same base seed stops after the same iteration
 * unless the time limit stops it first.
 */
public final class Runner {

    /** How many seeds of a run keep their whole timeline; later ones keep what the report prints of it. */
    public static final int KEPT_TIMELINES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

    /**
     * What the iterations gave.
     *
     * @param baseSeed      the seed the iteration seeds derive from (the first seed when seeds were given)
     * @param explicitSeeds whether exactly the seeds given ran
     * @param runs          every iteration, in order
     * @param wallNanos     the real time they took
     * @param assertions    every assertion, over all the iterations
     * @param buggifySites  every buggify site, over all the iterations
     * @param swarmOperations every swarm operation, over all the iterations
     * @param stopReason    the condition that stopped the run
     * @param metrics       every metric recorded, over all the iterations, by name
     * @param reproductions what the re-run of each failing seed showed, in the order the seeds ran
     * @param divergences   under the determinism check, where the runs of each seed that is not deterministic
     *                      first differ, in the order the seeds ran
     */
    public record Runs(
            long baseSeed,
            boolean explicitSeeds,
            List<RunResult> runs,
            long wallNanos,
            List<io.moonpool.sim.AssertionResult> assertions,
            List<io.moonpool.sim.BuggifySite> buggifySites,
            List<io.moonpool.sim.SwarmOperation> swarmOperations,
            StopReason stopReason,
            List<io.moonpool.sim.MetricSummary> metrics,
            List<io.moonpool.sim.Reproduction> reproductions,
            List<io.moonpool.sim.Divergence> divergences) {

        /** Defensive copies. */
        public Runs {
            divergences = List.copyOf(divergences);
            reproductions = List.copyOf(reproductions);
            runs = List.copyOf(runs);
            assertions = List.copyOf(assertions);
            buggifySites = List.copyOf(buggifySites);
            swarmOperations = List.copyOf(swarmOperations);
            metrics = List.copyOf(metrics);
        }
    }

    private Runner() {}

    /**
     * Runs every iteration on the calling thread, or on a platform thread of its own when the caller is a
     * virtual thread (the kernel needs a platform thread).
     *
     * @param settings what the builder collected: the seeds, the count, the budget
     * @param config   the validated configuration every iteration runs
     * @return the results
     */
    public static Runs run(Settings settings, SimulationConfig config) {
        long baseSeed = baseSeed(settings);
        if (Thread.currentThread().isVirtual()) {
            return onPlatformThread(() -> iterations(settings, config, baseSeed));
        }
        return iterations(settings, config, baseSeed);
    }

    private static long baseSeed(Settings settings) {
        if (settings.seeds() != null) {
            return settings.seeds()[0];
        }
        if (settings.baseSeed() != null) {
            return settings.baseSeed();
        }
        return new SecureRandom().nextLong();
    }

    private static Runs iterations(Settings settings, SimulationConfig config, long baseSeed) {
        long[] seeds = settings.seeds();
        Duration timeLimit = settings.timeLimit();
        List<RunResult> runs = new ArrayList<>();
        AssertionTable assertions = new AssertionTable(settings.expected());
        BuggifyTable buggify = new BuggifyTable();
        MetricsTable metrics = new MetricsTable();
        long wallStart = System.nanoTime();
        // compared as elapsed time, which cannot overflow, rather than as a deadline, which could
        long budget = timeLimit == null ? Long.MAX_VALUE : saturatedNanos(timeLimit);
        Integer untilCoverage = settings.untilCoverage();
        long count = seeds != null
                ? seeds.length
                : untilCoverage != null
                        ? untilCoverage
                        : settings.iterations() != null
                                ? settings.iterations()
                                : timeLimit != null ? Long.MAX_VALUE : 1;
        CoveragePlateau plateau = untilCoverage == null ? null : new CoveragePlateau(settings.plateauOrDefault());
        StopReason stop = untilCoverage != null ? StopReason.MAX_ITERATIONS : StopReason.ITERATIONS_DONE;
        int timelinesKept = 0;
        long failures = 0;
        java.util.Set<Long> trimmed = new java.util.TreeSet<>();
        Timeline.Ring ring = new Timeline.Ring();
        // the determinism check: each seed's second run comes after the next seed's first run, so that the JVM's
        // state (identity hash codes, what is loaded and compiled) differs from its first run's
        boolean check = DeterminismCheck.mode(settings.checkDeterminism()) == DeterminismCheck.Mode.IN_JVM;
        DeterminismPending pending = null;
        java.util.Map<Integer, io.moonpool.sim.Reproduction> checkedVerdicts = new java.util.HashMap<>();
        List<io.moonpool.sim.Divergence> divergences = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            if (i > 0 && System.nanoTime() - wallStart >= budget) {
                stop = StopReason.TIME_LIMIT;
                break;
            }
            long seed = seeds != null ? seeds[(int) i] : Seeds.iterationSeed(baseSeed, i);
            MDC.put("moonpool.seed", Long.toString(seed));
            DeterminismProbe probe = check ? DeterminismProbe.recording(seed) : null;
            try {
                RunResult result = Iteration.run(config, seed, assertions, buggify, metrics, ring, false, probe);
                if (!result.timeline().isEmpty() && ++timelinesKept > KEPT_TIMELINES) {
                    result = withTimeline(
                            result,
                            TimelineExcerpt.of(
                                    result.timeline(), config.timeline().shown()));
                    trimmed.add(seed);
                }
                if (!result.passed()) {
                    LOG.warn(
                            "seed {} failed: {}",
                            seed,
                            result.failure().map(RunFailure::summary).orElse(""));
                }
                runs.add(result);
                if (settings.progress() != null) {
                    failures += result.passed() ? 0 : 1;
                    settings.progress()
                            .accept(new io.moonpool.sim.Progress(
                                    i + 1,
                                    failures,
                                    assertions.sitesSeen(),
                                    assertions.sitesUncovered(),
                                    Duration.ofNanos(System.nanoTime() - wallStart)));
                }
            } finally {
                MDC.remove("moonpool.seed");
            }
            if (check) {
                DeterminismPending mine =
                        new DeterminismPending(runs.size() - 1, runs.getLast(), trimmed.contains(seed), probe.record());
                if (pending != null) {
                    pending.finish(config, settings, ring, runs, checkedVerdicts, divergences);
                }
                pending = mine;
            }
            if (plateau != null && plateau.reachedAfter(assertions.shape(), assertions.allSatisfied())) {
                stop = StopReason.COVERAGE_PLATEAU;
                break;
            }
        }
        if (pending != null) {
            pending.finish(config, settings, ring, runs, checkedVerdicts, divergences);
        }
        List<io.moonpool.sim.Reproduction> reproductions = new ArrayList<>();
        if (settings.verifyFailures()) {
            for (int index = 0; index < runs.size(); index++) {
                RunResult first = runs.get(index);
                if (first.passed()) {
                    continue;
                }
                if (check) {
                    // the check's second run was the re-run
                    reproductions.add(checkedVerdicts.get(index));
                    continue;
                }
                // after the batch, with tables of its own: the re-run counts in no assertion, site or metric
                RunResult again = Iteration.run(
                        config,
                        first.seed(),
                        new AssertionTable(settings.expected()),
                        new BuggifyTable(),
                        new MetricsTable(),
                        ring,
                        true);
                io.moonpool.sim.Reproduction verdict = FailureReplays.compare(
                        first,
                        again,
                        trimmed.contains(first.seed()),
                        config.timeline().shown());
                if (verdict.status() == io.moonpool.sim.Reproduction.Status.NOT_REPRODUCIBLE) {
                    LOG.warn("seed {} is NOT REPRODUCIBLE: {}", first.seed(), verdict.divergence());
                }
                reproductions.add(verdict);
            }
        }
        return new Runs(
                baseSeed,
                seeds != null,
                runs,
                System.nanoTime() - wallStart,
                assertions.results(),
                buggify.results(),
                buggify.operations(),
                stop,
                metrics.results(),
                reproductions,
                divergences);
    }

    /** A seed whose first run is done, waiting for its second run under the determinism check. */
    private record DeterminismPending(int index, RunResult first, boolean trimmed, DeterminismRecord record) {

        /** Runs the second run, and the third if they differ; records the verdict and the seed's result. */
        void finish(
                SimulationConfig config,
                Settings settings,
                Timeline.Ring ring,
                List<RunResult> runs,
                java.util.Map<Integer, io.moonpool.sim.Reproduction> verdicts,
                List<io.moonpool.sim.Divergence> divergences) {
            MDC.put("moonpool.seed", Long.toString(first.seed()));
            try {
                DeterminismCheck.Checked checked = DeterminismCheck.again(
                        first, record, DeterminismCheck.inThisJvm(config, settings.expected(), ring));
                if (checked.divergence() != null) {
                    LOG.warn(
                            "seed {} is NOT DETERMINISTIC: {}",
                            first.seed(),
                            checked.divergence().describe());
                    runs.set(index, DeterminismCheck.failed(first, checked));
                    divergences.add(checked.divergence());
                    verdicts.put(
                            index,
                            new io.moonpool.sim.Reproduction(
                                    first.seed(),
                                    io.moonpool.sim.Reproduction.Status.NOT_REPRODUCIBLE,
                                    "its two runs under checkDeterminism() first differ at step or event "
                                            + checked.divergence().index() + " (the failure says where)"));
                } else if (!first.passed()) {
                    verdicts.put(
                            index,
                            FailureReplays.compare(
                                    first,
                                    checked.second(),
                                    trimmed,
                                    config.timeline().shown()));
                }
            } finally {
                MDC.remove("moonpool.seed");
            }
        }
    }

    /**
     * A result with another timeline: past the first {@link #KEPT_TIMELINES} seeds that keep one, a result keeps
     * only what the report prints of it, so that a run with many failing seeds does not hold thousands of whole
     * timelines (replaying a seed gives its whole timeline again).
     */
    private static RunResult withTimeline(RunResult r, List<io.moonpool.sim.TimelineEntry> timeline) {
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

    private static Runs onPlatformThread(Supplier<Runs> body) {
        AtomicReference<Runs> report = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().name("moonpool-simulation").start(() -> {
            try {
                report.set(body.get());
            } catch (Throwable e) {
                error.set(e);
            }
        });
        try {
            runner.join();
        } catch (InterruptedException e) {
            runner.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the simulation was running", e);
        }
        if (error.get() instanceof RuntimeException re) {
            throw re;
        }
        if (error.get() instanceof Error err) {
            throw err;
        }
        return report.get();
    }

    /** A wall-time budget in nanoseconds; one too long for a long (about 292 years) is no limit. */
    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
