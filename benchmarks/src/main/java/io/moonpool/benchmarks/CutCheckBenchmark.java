package io.moonpool.benchmarks;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.TaskHandle;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What cuts in force cost a delivery that none of them holds: {@value #MESSAGES} one-byte messages 1 µs of
 * simulated time apart (each delivered by its own event, which checks the cuts), on a connection between two
 * nodes that no cut touches, while cuts elsewhere cover {@link #nodes} other nodes.
 *
 * <p>Subjects: {@link #besideAGroupCut}, one {@code isolate(group)} of {@link #nodes} nodes (one cut, its
 * membership a set lookup), and {@link #besidePairCuts}, {@link #nodes} two-way partitions, each between one
 * of those nodes and one more (a list of that many cuts, as {@code partition_isolate_single} makes). Baseline:
 * {@link #baselineNoCut}, the same messages and chaos phase with an injector that makes no cut. The
 * iteration's fixed cost, including making the cuts, is amortised over the messages.
 */
public class CutCheckBenchmark extends AbstractBenchmark {

    /** Messages per invocation. */
    public static final int MESSAGES = 10_000;

    /** How many nodes the cuts cover. */
    @Param({"1000"})
    public int nodes;

    private static final InetSocketAddress RECEIVER = new InetSocketAddress(address("10.0.0.2"), 7000);

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private List<InetAddress> others;

    /** Makes the addresses the cuts cover once, outside the measurement. */
    @Setup
    public void addresses() {
        others = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            others.add(address("10.9." + (i >> 8) + "." + (i & 0xFF)));
        }
    }

    /** The workloads 10.0.0.1 (sends) and 10.0.0.2 (receives), starting once the cuts are made. */
    private static final class Sender implements Workload {
        @Override
        public void run(SimContext ctx) throws Exception {
            ctx.time().sleep(Duration.ofMillis(1));
            try (Connection c = ctx.network().connect(RECEIVER)) {
                OutputStream out = c.output();
                for (int i = 0; i < MESSAGES; i++) {
                    out.write(i);
                    ctx.time().sleep(Duration.ofNanos(1_000));
                }
            }
        }
    }

    private static final class Receiver implements Workload {
        @Override
        public void run(SimContext ctx) throws Exception {
            Listener l = ctx.network().bind(RECEIVER);
            TaskHandle<Void> reader = ctx.tasks().spawn("reader", () -> {
                try (Connection c = l.accept()) {
                    InputStream in = c.input();
                    for (int i = 0; i < MESSAGES; i++) {
                        if (in.read() != (i & 0xFF)) {
                            throw new IllegalStateException("message " + i + " arrived out of order");
                        }
                    }
                }
                return null;
            });
            reader.join();
        }
    }

    private record Cuts(String name, boolean group, List<InetAddress> ips) implements FaultInjector {
        @Override
        public void inject(FaultContext ctx) {
            if (ips.isEmpty()) {
                return;
            }
            if (group) {
                ctx.isolate(ips, Duration.ofHours(1));
            } else {
                InetAddress last = address("10.9.255.255");
                for (InetAddress ip : ips) {
                    ctx.partition(ip, last, Duration.ofHours(1));
                }
            }
        }
    }

    private static long run(FaultInjector cuts) {
        SimulationReport report = SimulationBuilder.create()
                .workload(new Sender())
                .workload(new Receiver())
                .faultInjector(cuts)
                .chaosDuration(Duration.ofSeconds(1))
                .buggify(false)
                .seeds(SEED)
                .run();
        if (!report.passed()) {
            throw new IllegalStateException("the iteration failed: " + report);
        }
        return report.runs().getFirst().events();
    }

    /**
     * Subject: one group cut of {@link #nodes} nodes in force.
     *
     * @return the event count, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long besideAGroupCut() {
        return run(new Cuts("group", true, others));
    }

    /**
     * Subject: {@link #nodes} pair partitions in force.
     *
     * @return the event count, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long besidePairCuts() {
        return run(new Cuts("pairs", false, others));
    }

    /**
     * Baseline: the same messages, with the same chaos phase and an injector that makes no cut.
     *
     * @return the event count, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long baselineNoCut() {
        return run(new Cuts("none", false, List.of()));
    }
}
