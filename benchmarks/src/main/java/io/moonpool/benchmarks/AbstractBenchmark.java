package io.moonpool.benchmarks;

import io.moonpool.api.Workload;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every Moonpool benchmark shares: one fork with the JVM flag the kernel needs, a short
 * warm-up and measurement, average time in nanoseconds, per-thread state, and one fixed seed.
 *
 * <p>Subclasses may override the mode and unit (JMH reads the annotations of the most derived class
 * first); they should not override the fork, warm-up or measurement, so that figures stay comparable
 * from run to run. Shorten a run from the command line instead ({@code -f 1 -wi 2 -i 3}).
 */
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-opens=java.base/java.lang=ALL-UNNAMED", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public abstract class AbstractBenchmark {

    /** The seed of every pseudo-random input and of every simulation the benchmarks run. */
    public static final long SEED = 0x5EED_2025_0001L;

    /** For subclasses. */
    protected AbstractBenchmark() {}

    /**
     * Runs one simulation iteration of a workload with {@link #SEED} and buggify off, so that every run of a
     * benchmark does the same simulated work.
     *
     * @param workload what the iteration runs
     * @return its simulated time plus its event count, so that the work is not dead code
     * @throws IllegalStateException if the iteration failed
     */
    protected static long runIteration(Workload workload) {
        SimulationReport report = SimulationBuilder.create()
                .workload(workload)
                .buggify(false)
                .seeds(SEED)
                .run();
        if (!report.passed()) {
            throw new IllegalStateException("the iteration failed: " + report);
        }
        RunResult run = report.runs().getFirst();
        return run.simTime().toNanos() + run.events();
    }
}
