package io.moonpool.benchmarks;

import io.moonpool.api.Workload;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import io.moonpool.sim.internal.kernel.Kernel;
import io.moonpool.sim.internal.kernel.KernelFailure;
import io.moonpool.sim.internal.kernel.Seeds;
import io.moonpool.sim.internal.kernel.SimTask;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * The fixed cost of one simulation iteration: one workload whose {@code run} sleeps one second of
 * simulated time, no processes, one seed per operation, through the public
 * {@link SimulationBuilder} API. Reported in iterations per second.
 *
 * <p>Subject: {@code SimulationBuilder.create().workload(w).seeds(SEED).run()}, which builds a fresh
 * kernel and world, runs setup, run and check on tasks of their own, and reports. Baseline: the bare
 * kernel under it, a fresh {@link Kernel} whose one task sleeps the same simulated second; the difference
 * is what the runner adds (its world, the setup, run and check tasks, futures, the report). Target: at
 * least 2,000 iterations per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TrivialIterationBenchmark extends AbstractBenchmark {

    private static final Duration SIMULATED_SLEEP = Duration.ofSeconds(1);

    private static final Workload SLEEP_ONE_SECOND = ctx -> ctx.time().sleep(SIMULATED_SLEEP);

    /**
     * Subject: one iteration of a workload that sleeps one simulated second.
     *
     * @return the report, so that the work is not dead code
     */
    @Benchmark
    public SimulationReport iteration() {
        SimulationReport report = SimulationBuilder.create()
                .workload(SLEEP_ONE_SECOND)
                .seeds(SEED)
                .run();
        if (!report.passed()) {
            throw new IllegalStateException("the trivial iteration failed: " + report);
        }
        return report;
    }

    /**
     * Baseline: a fresh bare kernel whose one task sleeps one simulated second.
     *
     * @return the kernel's final simulated time, so that the work is not dead code
     */
    @Benchmark
    public long baselineBareKernel() {
        Kernel kernel = new Kernel(
                Seeds.stream(SEED, Seeds.SCHEDULING_STREAM),
                Kernel.DEFAULT_MAX_STEPS_PER_INSTANT,
                SimulationBuilder.DEFAULT_MAX_SIMULATED_TIME.toNanos());
        SimTask root = kernel.spawn("sleeper", null, () -> {
            try {
                kernel.sleep(SIMULATED_SLEEP.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            kernel.run(root);
        } finally {
            kernel.shutdown();
        }
        KernelFailure failure = kernel.failure();
        if (failure != null) {
            throw new IllegalStateException("the kernel failed: " + failure.message());
        }
        return kernel.now();
    }
}
