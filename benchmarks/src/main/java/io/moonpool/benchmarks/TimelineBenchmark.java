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
