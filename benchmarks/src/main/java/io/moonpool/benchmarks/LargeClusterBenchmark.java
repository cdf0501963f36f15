package io.moonpool.benchmarks;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A heartbeat mesh: every process listens on port {@value #PORT}, connects to its next {@value #PEERS} peers in
 * topology order (wrapping around), and sends each of them a {@value #HEARTBEAT_SIZE}-byte heartbeat every
 * {@value #INTERVAL_MILLIS} ms for {@value #SIMULATED_SECONDS} simulated seconds; each accepted connection is read
 * to its end. So every process does the same work whatever the size of the cluster.
 *
 * <p>Subject: {@link #heartbeatMesh} with {@code processes = 1000}; baseline: the same with {@code processes = 3},
 * the same per-process work. The score is wall milliseconds per iteration (one simulation of the whole mesh); the
 * per-process cost is the score divided by {@link #processes}. The live heap of the running cluster is measured
 * after each JMH iteration, outside the timed invocations, by one more simulation whose workload, at the end of
 * the heartbeats while every process is still up, takes {@code Runtime.totalMemory - freeMemory} after a
 * {@code System.gc()} (a real-world call, outside the simulated world's state; it changes no simulated outcome).
 * It is printed with the kernel's event count; run with {@code -prof gc} for allocation rates.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LargeClusterBenchmark extends AbstractBenchmark {

    /** The port every process listens on. */
    public static final int PORT = 7100;

    /** How many peers each process heartbeats. */
    public static final int PEERS = 3;

    /** Bytes per heartbeat. */
    public static final int HEARTBEAT_SIZE = 16;

    /** Simulated milliseconds between two heartbeats to a peer. */
    public static final int INTERVAL_MILLIS = 100;

    /** Simulated seconds of heartbeats per iteration. */
    public static final int SIMULATED_SECONDS = 2;

    /** Processes in the mesh: 3 (the baseline) or 1,000 (the subject). */
    @Param({"3", "1000"})
    public int processes;

    private long lastEvents;
    private long heapInUseMax;
    // set around the untimed simulation of printHeap; its workload writes liveHeap (one simulation at a time)
    private static volatile boolean measuring;
    private static volatile long liveHeap;

    /** Creates the benchmark; JMH calls this. */
    public LargeClusterBenchmark() {}

    /** One process of the mesh: a listener that drains, and one heartbeat task per peer. */
    static final class HeartbeatProcess implements SimProcess {
        @Override
        public void run(SimContext ctx) throws Exception {
            Listener listener = ctx.network().bind(new InetSocketAddress(ctx.ip(), PORT));
            ctx.tasks().spawn("accept", () -> {
                while (true) {
                    Connection c = listener.accept();
                    ctx.tasks().spawn("drain", () -> {
                        drain(c.input());
                        c.close();
                        return null;
                    });
                }
            });
            // the others boot at the same simulated instant; let them bind first
            ctx.time().sleep(Duration.ofMillis(1));
            List<InetAddress> ips = ctx.topology().processIps();
            int me = ClientServerPairsBenchmark.processNumber(ctx.ip()) - 1; // not indexOf: quadratic in the cluster
            int peers = Math.min(PEERS, ips.size() - 1);
            List<Connection> out = new ArrayList<>();
            for (int p = 1; p <= peers; p++) {
                out.add(ctx.network().connect(new InetSocketAddress(ips.get((me + p) % ips.size()), PORT)));
            }
            byte[] heartbeat = new byte[HEARTBEAT_SIZE];
            int beats = SIMULATED_SECONDS * 1_000 / INTERVAL_MILLIS;
            for (int beat = 0; beat < beats; beat++) {
                heartbeat[0] = (byte) beat;
                for (Connection c : out) {
                    c.output().write(heartbeat);
                    c.output().flush();
                }
                ctx.time().sleep(Duration.ofMillis(INTERVAL_MILLIS));
            }
            for (Connection c : out) {
                c.close();
            }
            ctx.time().sleep(Duration.ofDays(1)); // stays up until the iteration ends
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // a heartbeat only proves the peer is alive
        }
    }

    /**
     * One simulation of the mesh: boot, {@value #SIMULATED_SECONDS} simulated seconds of heartbeats, and the end.
     *
     * @return the kernel's event count, so that the work is not dead code
     */
    @Benchmark
    public long heartbeatMesh() {
        SimulationReport report = SimulationBuilder.create()
                .processes(processes, HeartbeatProcess::new)
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(SIMULATED_SECONDS));
                    if (measuring) {
                        liveHeap = heapInUseAfterGc();
                    }
                    ctx.time().sleep(Duration.ofSeconds(1));
                })
                .buggify(false)
                .seeds(SEED)
                .run();
        if (!report.passed()) {
            throw new IllegalStateException("the heartbeat mesh failed: " + report);
        }
        RunResult run = report.runs().getFirst();
        lastEvents = run.events();
        return run.events();
    }

    private static long heapInUseAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Runs one untimed simulation and prints the live heap of its running cluster, its events, the idle heap. */
    @TearDown(Level.Iteration)
    public void printHeap() {
        measuring = true;
        try {
            heartbeatMesh();
        } finally {
            measuring = false;
        }
        heapInUseMax = Math.max(heapInUseMax, liveHeap);
        System.out.printf(
                "  [processes=%d: live heap of the running cluster %,d KB (idle, after the run: %,d KB),"
                        + " events per simulation %,d]%n",
                processes, liveHeap / 1024, heapInUseAfterGc() / 1024, lastEvents);
    }

    /** Prints the largest live heap of the running cluster over the trial. */
    @TearDown(Level.Trial)
    public void printTrial() {
        System.out.printf(
                "%nprocesses=%d: max live heap of the running cluster %,d KB%n", processes, heapInUseMax / 1024);
    }
}
