package io.moonpool.benchmarks;

import io.moonpool.examples.Main;
import io.moonpool.net.NetworkConfig;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole run of many seeds, in this JVM ({@code parallelism = 1}) or in worker JVMs ({@code 2}): the echo
 * cluster of {@link EchoClusterBenchmark} (3 processes, 3 clients, 3,000 round trips per iteration) and the
 * job-queue example ({@link Main#jobQueue()}). One invocation is one {@code run()} of many seeds, so it
 * includes what a user pays: starting the workers, their warm-up, and the re-run of nothing (every seed passes).
 * Single-shot: the score is wall milliseconds per iteration (lower is better); iterations per second are 1,000 /
 * score. Target (issue 12): parallelism 2 gives at least 1.8x the iterations per second of parallelism 1 on a
 * 2-core machine.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ParallelRunBenchmark}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ParallelRunBenchmark extends AbstractBenchmark {

    /** Worker JVMs: 1 runs every iteration in the benchmark's JVM. */
    @Param({"1", "2"})
    public int parallelism;

    /** Seeds per run of the echo cluster (about 2 ms each). */
    public static final int ECHO_SEEDS = 400;

    /** Seeds per run of the job queue (about 0.05 ms each): a run as long as the echo cluster's. */
    public static final int JOB_QUEUE_SEEDS = 20_000;

    /** Creates the benchmark; JMH calls this. */
    public ParallelRunBenchmark() {}

    /**
     * The echo cluster, as a recipe worker JVMs call.
     *
     * @return its builder, without seeds
     */
    public static SimulationBuilder echo() {
        return SimulationBuilder.create()
                .configure(NetworkConfig.builder().build())
                .processes(EchoClusterBenchmark.PROCESSES, EchoClusterBenchmark.EchoProcess::new)
                .workload(new EchoClusterBenchmark.EchoWorkload(3))
                .buggify(false);
    }

    /**
     * Subject: one run of {@value #ECHO_SEEDS} seeds of the echo cluster.
     *
     * @return the iterations run, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(ECHO_SEEDS)
    public int echoCluster() {
        return run(echo().source(ParallelRunBenchmark.class, "echo"), ECHO_SEEDS);
    }

    /**
     * Subject: one run of {@value #JOB_QUEUE_SEEDS} seeds of the job-queue example.
     *
     * @return the iterations run, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(JOB_QUEUE_SEEDS)
    public int jobQueue() {
        return run(Main.jobQueue().source(Main.class, "jobQueue"), JOB_QUEUE_SEEDS);
    }

    private int run(SimulationBuilder builder, int seeds) {
        SimulationReport report = builder.iterations(seeds)
                .baseSeed(SEED)
                .parallelism(parallelism)
                .run();
        if (!report.passed()) {
            throw new IllegalStateException("the run failed: " + report);
        }
        return report.runs().size();
    }
}
