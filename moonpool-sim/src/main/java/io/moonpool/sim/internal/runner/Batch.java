package io.moonpool.sim.internal.runner;

import io.moonpool.sim.Reproduction;
import io.moonpool.sim.RunFailure;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.StopReason;
import io.moonpool.sim.internal.kernel.Seeds;
import io.moonpool.sim.internal.worker.WorkerPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The iterations of one run, as {@link Runner} hands them out and takes their results back: which iteration
 * comes next (the seed sequence, this JVM's shard of it, the time budget), and what each result adds to the
 * report, in seed order. The iterations run here ({@link #runHere()}) or in worker JVMs ({@link WorkerPool}),
 * which send back each seed's result and tables; taken in seed order, both give the same report.
 */
public final class Batch implements WorkerPool.Feed {

    private static final Logger LOG = LoggerFactory.getLogger(Batch.class);

    private final Settings settings;
    private final SimulationConfig config;
    private final long baseSeed;
    private final Shard shard;
    private final long[] seeds;
    private final long planned;
    private final long budget;
    private final long wallStart = System.nanoTime();
    private final CoveragePlateau plateau;
    private final AssertionTable assertions;
    private final BuggifyTable buggify = new BuggifyTable();
    private final MetricsTable metrics = new MetricsTable();
    private final Timeline.Ring ring = new Timeline.Ring();
    private final List<RunResult> runs = new ArrayList<>();
    private final List<Long> runIterations = new ArrayList<>();
    private final Set<Long> trimmed = new TreeSet<>();
    private final boolean check;
    private DeterminismPending pending;
    private final java.util.Map<Integer, Reproduction> checkedVerdicts = new java.util.TreeMap<>();
    private final List<io.moonpool.sim.Divergence> divergences = new ArrayList<>();
    private long failures;
    private StopReason stop;
    private boolean stopped;
    private long handedOut;
    private int timelinesKept;

    Batch(Settings settings, SimulationConfig config, long baseSeed, Shard shard) {
        this.settings = settings;
        this.config = config;
        this.baseSeed = baseSeed;
        this.shard = shard;
        this.seeds = settings.seeds();
        Duration timeLimit = settings.timeLimit();
        // compared as elapsed time, which cannot overflow, rather than as a deadline, which could
        this.budget = timeLimit == null ? Long.MAX_VALUE : saturatedNanos(timeLimit);
        Integer untilCoverage = settings.untilCoverage();
        this.planned = seeds != null
                ? seeds.length
                : untilCoverage != null
                        ? untilCoverage
                        : settings.iterations() != null
                                ? settings.iterations()
                                : timeLimit != null ? Long.MAX_VALUE : 1;
        this.plateau = untilCoverage == null ? null : new CoveragePlateau(settings.plateauOrDefault());
        this.stop = untilCoverage != null ? StopReason.MAX_ITERATIONS : StopReason.ITERATIONS_DONE;
        this.assertions = new AssertionTable(settings.expected());
        this.check = DeterminismCheck.mode(settings.checkDeterminism()) != DeterminismCheck.Mode.OFF;
    }

    /** Whether the determinism check runs: then every iteration runs in this JVM, whatever the parallelism. */
    boolean checksDeterminism() {
        return check;
    }

    /** How many iterations this JVM runs at most: the seed sequence, or this shard's part of it. */
    long iterations() {
        if (shard == null || planned == Long.MAX_VALUE) {
            return planned;
        }
        return planned / shard.count() + (shard.index() < planned % shard.count() ? 1 : 0);
    }

    @Override
    public long next() {
        if (stopped) {
            return -1;
        }
        long index = shard == null ? handedOut : shard.index() + handedOut * shard.count();
        if (index >= planned || index < 0) {
            stopped = true;
            return -1;
        }
        if (handedOut > 0 && System.nanoTime() - wallStart >= budget) {
            stop = StopReason.TIME_LIMIT;
            stopped = true;
            return -1;
        }
        handedOut++;
        return index;
    }

    @Override
    public long seed(long index) {
        return seeds != null ? seeds[(int) index] : Seeds.iterationSeed(baseSeed, index);
    }

    @Override
    public boolean chunked() {
        return plateau == null;
    }

    @Override
    public List<String> expected() {
        return settings.expected();
    }

    @Override
    public String fingerprint() {
        return Parallelism.fingerprint(settings);
    }

    /** Runs every iteration in this JVM, on the calling thread, into the run's own tables. */
    void runHere() {
        try {
            for (long index = next(); index >= 0; index = next()) {
                long seed = seed(index);
                assertions.at(index);
                buggify.at(index);
                MDC.put("moonpool.seed", Long.toString(seed));
                DeterminismProbe probe = check ? DeterminismProbe.recording(seed) : null;
                RunResult result;
                try {
                    result = Iteration.run(config, seed, assertions, buggify, metrics, ring, false, probe);
                } finally {
                    MDC.remove("moonpool.seed");
                }
                boolean more = taken(index, result);
                if (check) {
                    // each seed's second run comes after the next seed's first run, so that the JVM's state (identity
                    // hash codes, what is loaded and compiled) differs from its first run's
                    DeterminismPending mine = new DeterminismPending(
                            runs.size() - 1, runs.getLast(), trimmed.contains(seed), probe.record());
                    if (pending != null) {
                        pending.finish();
                    }
                    pending = mine;
                }
                if (!more) {
                    break;
                }
            }
            if (pending != null) {
                pending.finish();
                pending = null;
            }
        } finally {
            if (forked != null) {
                forked.close();
                forked = null;
            }
        }
    }

    /** A seed whose first run is done, waiting for its second run under the determinism check. */
    private final class DeterminismPending {
        private final int index;
        private final RunResult first;
        private final boolean trimmedTimeline;
        private final DeterminismRecord record;

        DeterminismPending(int index, RunResult first, boolean trimmedTimeline, DeterminismRecord record) {
            this.index = index;
            this.first = first;
            this.trimmedTimeline = trimmedTimeline;
            this.record = record;
        }

        /** Runs the second run, and the third if they differ; records the verdict and the seed's result. */
        void finish() {
            MDC.put("moonpool.seed", Long.toString(first.seed()));
            try {
                DeterminismCheck.Checked checked = check(index, first, record);
                if (checked == null) {
                    failures += first.passed() ? 1 : 0;
                } else if (checked.divergence() != null) {
                    LOG.warn(
                            "seed {} is NOT DETERMINISTIC: {}",
                            first.seed(),
                            checked.divergence().describe());
                    runs.set(index, DeterminismCheck.failed(first, checked));
                    failures += first.passed() ? 1 : 0; // the next progress line counts it
                    divergences.add(checked.divergence());
                    checkedVerdicts.put(
                            index,
                            new Reproduction(
                                    first.seed(),
                                    Reproduction.Status.NOT_REPRODUCIBLE,
                                    "its two runs under checkDeterminism() first differ at step or event "
                                            + checked.divergence().index() + " (the failure says where)"));
                } else if (!first.passed()) {
                    checkedVerdicts.put(
                            index,
                            FailureReplays.compare(
                                    first,
                                    checked.second(),
                                    trimmedTimeline,
                                    config.timeline().shown()));
                }
            } finally {
                MDC.remove("moonpool.seed");
            }
        }
    }

    /** The determinism check's second runs under {@code fork}: a worker JVM, started at the first. */
    private io.moonpool.sim.internal.worker.ForkedReplay forked;

    /**
     * Runs the determinism check's second run, and the third: both here, or the second in a worker JVM.
     *
     * @return what the check showed, or null when the seed killed the worker JVM of its replay (then it failed)
     */
    private DeterminismCheck.Checked check(int index, RunResult first, DeterminismRecord record) {
        DeterminismCheck.Replay here = DeterminismCheck.inThisJvm(config, settings.expected(), ring);
        if (DeterminismCheck.mode(settings.checkDeterminism()) != DeterminismCheck.Mode.FORK) {
            return DeterminismCheck.again(first, record, here);
        }
        if (forked == null) {
            forked = new io.moonpool.sim.internal.worker.ForkedReplay(settings.source(), fingerprint());
        }
        // the third run here, where the first ran: it is the likelier to repeat the first run's path
        try {
            return DeterminismCheck.again(first, record, forked, here);
        } catch (io.moonpool.api.MoonpoolException e) {
            if (!forked.died()) {
                throw e;
            }
            // the seed killed its replay's JVM: it fails, as a seed that kills a worker does; the next gets another
            forked = null;
            runs.set(index, workerDied(first, e.getMessage()));
            return null;
        }
    }

    /** A seed whose determinism check's worker JVM died while it replayed the seed. */
    private static RunResult workerDied(RunResult first, String cause) {
        RunFailure f = new RunFailure(
                io.moonpool.api.FailureKind.INTERNAL,
                io.moonpool.sim.Phase.RUN,
                WorkerPool.DIED,
                cause + System.lineSeparator() + "replay the seed alone, in one JVM, to see what killed it: .seeds("
                        + first.seed() + "L) with -Dmoonpool.checkDeterminism=true",
                first.simTime(),
                "",
                java.util.Optional.empty());
        return RunResults.withFailure(first, f);
    }

    @Override
    public boolean accept(
            long index, RunResult result, AssertionTable assertions, BuggifyTable buggify, MetricsTable metrics) {
        this.assertions.merge(assertions);
        this.buggify.merge(buggify);
        this.metrics.merge(metrics);
        return taken(index, result);
    }

    /** What one result adds, in seed order; false when the run stops after it (its coverage plateau). */
    private boolean taken(long index, RunResult result) {
        if (!result.timeline().isEmpty() && ++timelinesKept > Runner.KEPT_TIMELINES) {
            // past the first seeds that keep one, a result keeps only what the report prints of its timeline, so
            // that a run with many failing seeds does not hold thousands (replaying a seed gives it all again)
            result = RunResults.withTimeline(
                    result,
                    TimelineExcerpt.of(result.timeline(), config.timeline().shown()));
            trimmed.add(result.seed());
        }
        if (!result.passed()) {
            LOG.warn(
                    "seed {} failed: {}",
                    result.seed(),
                    result.failure().map(RunFailure::summary).orElse(""));
        }
        runs.add(result);
        runIterations.add(index);
        if (settings.progress() != null) {
            failures += result.passed() ? 0 : 1;
            settings.progress()
                    .accept(new io.moonpool.sim.Progress(
                            runs.size(),
                            failures,
                            assertions.sitesSeen(),
                            assertions.sitesUncovered(),
                            Duration.ofNanos(System.nanoTime() - wallStart)));
        }
        if (plateau != null && plateau.reachedAfter(assertions.shape(), assertions.allSatisfied())) {
            stop = StopReason.COVERAGE_PLATEAU;
            stopped = true;
            return false;
        }
        return true;
    }

    /** Re-runs the failing seeds, in this JVM, and gives the run's results. */
    Runner.Runs finish() {
        List<Reproduction> reproductions = new ArrayList<>();
        if (settings.verifyFailures()) {
            for (int index = 0; index < runs.size(); index++) {
                RunResult first = runs.get(index);
                if (first.passed()
                        || WorkerPool.DIED.equals(first.failure().orElseThrow().source())) {
                    // a seed whose worker JVM died is not re-run here: it could take this JVM down too
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
                Reproduction verdict = FailureReplays.compare(
                        first,
                        again,
                        trimmed.contains(first.seed()),
                        config.timeline().shown());
                if (verdict.status() == Reproduction.Status.NOT_REPRODUCIBLE) {
                    LOG.warn("seed {} is NOT REPRODUCIBLE: {}", first.seed(), verdict.divergence());
                }
                reproductions.add(verdict);
            }
        }
        RunLedger ledger = new RunLedger(
                runIterations,
                assertions.firstIterations(),
                assertions.violatedIterations(),
                buggify.siteFirstIterations(),
                buggify.activeIterations(),
                buggify.operationFirstIterations(),
                metrics.buckets(),
                settings.expected(),
                shard,
                planned == Long.MAX_VALUE ? -1 : planned);
        return new Runner.Runs(
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
                divergences,
                ledger);
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
