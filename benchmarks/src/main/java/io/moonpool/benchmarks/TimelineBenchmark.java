package io.moonpool.benchmarks;

import io.moonpool.net.NetworkConfig;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.time.Duration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * What a seed's findings cost: the 3-process echo cluster of {@link EchoClusterBenchmark} (one client, 350 µs
 * delivery latency, 3,000 round trips per invocation), with the timeline off or on, and with or without one
 * trivial invariant (it reads one published number after every task step and event). The score is wall time
 * per round trip. Targets: the timeline costs at most 10% of the round trip; with no invariant nothing is paid
 * per event; the determinism check costs at most 2.2x a normal run.
 *
 * <p>Buggify is off in every mode but {@code default}, so that those modes do exactly the same simulated work.
 */
public class TimelineBenchmark extends AbstractBenchmark {

    /**
     * {@code off}: no timeline, no invariant; {@code timeline}: the timeline as by default; {@code invariant}: the
     * timeline and one invariant; {@code default}: everything as a user gets it, the timeline and buggify on (its
     * built-in sites perturb deliveries, so the simulated work differs: a figure for the default, not a ratio);
     * {@code determinism}: the timeline and {@code checkDeterminism()}, which runs the seed twice and compares the
     * runs step by step (target: at most 2.2x {@code timeline}).
     */
    @Param({"off", "timeline", "invariant", "default", "determinism"})
    public String mode;

    /** Creates the benchmark; JMH calls this. */
    public TimelineBenchmark() {}

    /**
     * Compares two modes interleaved in one JVM, invocation by invocation, by the CPU time of the calling thread
     * (the kernel and every task of the simulation run on it): a figure that the load of other processes on a
     * shared machine distorts far less than JMH's wall time, which it complements. Prints the percentiles of
     * each mode and their ratios.
     *
     * <p>{@code java --add-opens=java.base/java.lang=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar
     * io.moonpool.benchmarks.TimelineBenchmark 200 timeline determinism}
     *
     * @param args the invocations of each mode to measure (after 10 of warm-up), the baseline mode and the mode
     *             compared with it (by default {@code 200 timeline determinism})
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        TimelineBenchmark base = new TimelineBenchmark();
        base.mode = args.length > 1 ? args[1] : "timeline";
        TimelineBenchmark other = new TimelineBenchmark();
        other.mode = args.length > 2 ? args[2] : "determinism";
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] a = new long[n];
        long[] b = new long[n];
        long sink = 0;
        for (int i = -10; i < n; i++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            sink += base.echoCluster();
            long t1 = cpu.getCurrentThreadCpuTime();
            sink += other.echoCluster();
            long t2 = cpu.getCurrentThreadCpuTime();
            if (i >= 0) {
                a[i] = t1 - t0;
                b[i] = t2 - t1;
            }
        }
        java.util.Arrays.sort(a);
        java.util.Arrays.sort(b);
        System.out.printf("CPU ms per invocation over %d interleaved invocations (%d events)%n", n, sink);
        for (int p : new int[] {0, 10, 25, 50}) {
            int i = Math.min(n - 1, n * p / 100);
            System.out.printf(
                    "  p%-2d  %s %.2f  %s %.2f  ratio %.2f%n",
                    p, base.mode, a[i] / 1e6, other.mode, b[i] / 1e6, (double) b[i] / a[i]);
        }
    }

    /**
     * Subject: one iteration of the echo cluster.
     *
     * @return the kernel's event count, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(EchoClusterBenchmark.ROUND_TRIPS)
    public long echoCluster() {
        Duration delivery = Duration.ofNanos(350_000);
        SimulationBuilder b = SimulationBuilder.create()
                .configure(NetworkConfig.builder()
                        .deliveryLatency(delivery, delivery)
                        .connectLatency(delivery.multipliedBy(2), delivery.multipliedBy(2))
                        .build())
                .processes(EchoClusterBenchmark.PROCESSES, EchoClusterBenchmark.EchoProcess::new)
                .workload(new EchoClusterBenchmark.EchoWorkload(1))
                .buggify(mode.equals("default"))
                .timeline(mode.equals("off") ? 0 : 10_000)
                .seeds(SEED);
        if (mode.equals("determinism")) {
            b.checkDeterminism();
        }
        if (mode.equals("invariant")) {
            b.invariant("no negative count", s -> {
                if (s.getLong("count", 0) < 0) {
                    throw new AssertionError("negative count");
                }
            });
        }
        SimulationReport report = b.run();
        if (!report.passed()) {
            throw new IllegalStateException("the echo cluster failed: " + report);
        }
        return report.runs().getFirst().events();
    }
}
