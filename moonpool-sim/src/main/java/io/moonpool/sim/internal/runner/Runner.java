package io.moonpool.sim.internal.runner;

import io.moonpool.sim.RunResult;
import io.moonpool.sim.StopReason;
import io.moonpool.sim.internal.worker.WorkerPool;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

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
 *
 * <p><b>Where they run.</b> A {@link Batch} hands out the iterations (this JVM's {@link Shard} of the seed
 * sequence under {@code -Dmoonpool.shard=i/n}) and takes their results back in seed order; {@link Parallelism}
 * decides whether they run here, on one thread, or in worker JVMs through
 * {@link io.moonpool.sim.internal.worker.WorkerPool}. Either way the results are the same.
 */
public final class Runner {

    /** How many seeds of a run keep their whole timeline; later ones keep what the report prints of it. */
    public static final int KEPT_TIMELINES = 10;

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
     * @param ledger        what the report's JSON needs to be merged with other shards'
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
            List<io.moonpool.sim.Divergence> divergences,
            RunLedger ledger) {

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
        Batch batch = new Batch(settings, config, baseSeed, Shard.fromProperty().orElse(null));
        // the determinism check compares runs event by event: its runs are in this JVM
        int workers = batch.checksDeterminism() ? 1 : Parallelism.workers(settings, batch.iterations());
        if (workers > 1) {
            WorkerPool.run(settings.source(), workers, batch);
        } else {
            batch.runHere();
        }
        return batch.finish();
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
}
