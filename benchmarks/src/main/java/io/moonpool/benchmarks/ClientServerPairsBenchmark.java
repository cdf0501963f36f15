package io.moonpool.benchmarks;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Client/server pairs, all active at once: {@code 2 x pairs} processes, the first {@link #pairs} in topology order
 * servers and the others clients; client {@code i} connects to server {@code i} on port {@value #PORT} and makes
 * {@value #ROUND_TRIPS_PER_PAIR} request/reply round trips of {@value #MESSAGE_SIZE} bytes each way over
 * {@code ctx.network()}, the server answering each request it reads. Every pair does the same simulated work
 * whatever the number of pairs, so the cost per event of 3 pairs (the baseline) and of 1,000 (the subject) compare
 * directly: issue 14 asks that 1,000 pairs cost at most 2.5x per event what 3 do.
 *
 * <p>The score of {@link #pairs} is the wall time of one whole simulation (boot, connects, the round trips, the
 * end), which grows with the number of pairs. The figures to compare are its auxiliary counters, which JMH reports
 * in this average-time mode as wall time per unit counted: {@code events}, the kernel's events (task steps plus
 * fired timers and deliveries, {@link RunResult#events()}), so {@code :events} is the wall ns per kernel event;
 * and {@code messages}, exactly {@code 2 x pairs x} {@value #ROUND_TRIPS_PER_PAIR} messages per simulation, so
 * {@code :messages} is the wall ns per message. The workload checks at the end that every client completed its
 * round trips, so a counted message is a delivered one.
 *
 * <p>With the default network (350 µs each way, no faults) every pair makes a round trip in 700 µs, in lockstep:
 * at each delivery instant the deliveries of every pair fire, and as many tasks are ready at once, so this
 * exercises the event queue at {@code pairs} pending events and the scheduler's draw among {@code pairs} ready
 * tasks. The live heap of the running pairs is measured after each JMH iteration, outside the timed invocations, by
 * one more simulation whose workload, halfway through the round trips, takes {@code Runtime.totalMemory -
 * freeMemory} after a {@code System.gc()} (a real-world call, which changes no simulated outcome), as {@link
 * LargeClusterBenchmark} does.
 */
public class ClientServerPairsBenchmark extends AbstractBenchmark {

    /** The port every server listens on. */
    public static final int PORT = 7200;

    /** Round trips each pair makes per simulation. */
    public static final int ROUND_TRIPS_PER_PAIR = 200;

    /** Bytes per request and per reply. */
    public static final int MESSAGE_SIZE = 64;

    /** Messages a pair exchanges per simulation: a request and a reply per round trip. */
    static final int MESSAGE_COUNT_PER_PAIR = 2 * ROUND_TRIPS_PER_PAIR;

    private static final String DONE = "pairs.done.";

    /** How long the clients wait before connecting, so that every server has bound. */
    private static final Duration BIND_GRACE = Duration.ofMillis(1);

    /** Longer than the connect plus every round trip (700 µs each with the default network). */
    private static final Duration RUN_TIME = Duration.ofSeconds(1);

    /** Client/server pairs: 3 (the baseline) or 1,000 (the subject). */
    @Param({"3", "1000"})
    public int pairs;

    private long heapInUseMax;
    // set around the untimed simulation of printHeap; its workload writes liveHeap (one simulation at a time)
    private static volatile boolean measuring;
    private static volatile long liveHeap;

    /** Creates the benchmark; JMH calls this. */
    public ClientServerPairsBenchmark() {}

    /** The counts the per-event and per-message figures divide by, as JMH auxiliary counters reset every iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts {
        /** Kernel events (steps plus fired events) in this iteration; JMH reports wall ns per event. */
        public long events;

        /** Messages delivered in this iteration; JMH reports wall ns per message. */
        public long messages;

        /** Creates the counters; JMH calls this. */
        public Counts() {}

        /** Resets the counters before each iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
            messages = 0;
        }
    }

    /** One process: a server if it is among the first half of the topology, otherwise the client of its pair. */
    static final class PairProcess implements SimProcess {
        @Override
        public void run(SimContext ctx) throws Exception {
            List<InetAddress> ips = ctx.topology().processIps();
            int pairCount = ips.size() / 2;
            int me = processNumber(ctx.ip()) - 1;
            if (!ips.get(me).equals(ctx.ip())) {
                throw new IllegalStateException(ctx.ip() + " is not process " + (me + 1) + " of the topology");
            }
            if (me < pairCount) {
                serve(ctx);
            } else {
                ctx.time().sleep(BIND_GRACE);
                int done;
                try (Connection c = ctx.network().connect(new InetSocketAddress(ips.get(me - pairCount), PORT))) {
                    done = roundTrips(c.input(), c.output());
                }
                ctx.state().publish(DONE + (me - pairCount), done);
                ctx.time().sleep(Duration.ofDays(1)); // stays up until the iteration ends
            }
        }

        private static void serve(SimContext ctx) throws IOException {
            Listener listener = ctx.network().bind(new InetSocketAddress(ctx.ip(), PORT));
            try (Connection c = listener.accept()) {
                InputStream in = c.input();
                OutputStream out = c.output();
                byte[] request = new byte[MESSAGE_SIZE];
                while (readFully(in, request)) {
                    out.write(request); // the reply is the request, as an echo
                    out.flush();
                }
            }
        }
    }

    /**
     * The number of a process from its address, by the builder's scheme (process n is {@code 10.0.(1 + (n - 1) /
     * 254).(1 + (n - 1) % 254)}): a scan of the topology's list by every process would make the boot quadratic in
     * the size of the cluster and measure the benchmark's own code.
     */
    static int processNumber(InetAddress ip) {
        byte[] b = ip.getAddress();
        return ((b[2] & 0xFF) - 1) * 254 + (b[3] & 0xFF);
    }

    /** Makes the round trips and returns how many answered correctly. */
    private static int roundTrips(InputStream in, OutputStream out) throws IOException {
        byte[] request = new byte[MESSAGE_SIZE];
        byte[] reply = new byte[MESSAGE_SIZE];
        for (int i = 0; i < ROUND_TRIPS_PER_PAIR; i++) {
            request[0] = (byte) i;
            request[1] = (byte) (i >>> 8);
            out.write(request);
            out.flush();
            if (!readFully(in, reply)) {
                throw new EOFException("the server closed the connection at round trip " + i);
            }
            if (reply[0] != request[0] || reply[1] != request[1]) {
                throw new IllegalStateException("round trip " + i + " got a wrong reply");
            }
        }
        return ROUND_TRIPS_PER_PAIR;
    }

    /** Reads exactly one message; false if the stream ended before its first byte. */
    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int got = 0;
        while (got < buffer.length) {
            int n = in.read(buffer, got, buffer.length - got);
            if (n < 0) {
                if (got == 0) {
                    return false;
                }
                throw new EOFException("the stream ended after " + got + " bytes of a message");
            }
            got += n;
        }
        return true;
    }

    /**
     * Subject ({@code pairs = 1000}) and baseline ({@code pairs = 3}): one simulation of every pair making its
     * round trips.
     *
     * @param counts the auxiliary counters of events and messages
     * @return the kernel's event count, so that the work is not dead code
     */
    @Benchmark
    public long pairs(Counts counts) {
        RunResult run = simulate();
        counts.events += run.events();
        counts.messages += (long) MESSAGE_COUNT_PER_PAIR * pairs;
        return run.events();
    }

    /**
     * Measures the ratio with the two sizes interleaved, since the load of a shared machine drifts within a JMH
     * trial: each round runs one simulation of 1,000 pairs and, in turn before or after it, as many simulations of
     * 3 pairs as make about the same number of events, and takes the ratio of their wall ns per event; the medians
     * of the two costs and of the ratio are printed. Run it with the flags of {@link AbstractBenchmark}'s fork:
     * {@code java --add-opens=java.base/java.lang=ALL-UNNAMED -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar
     * io.moonpool.benchmarks.ClientServerPairsBenchmark 30}.
     *
     * @param args the number of measured rounds (30 if absent), after 5 rounds of warm-up; then the larger number
     *     of pairs (1,000 if absent)
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmUp = 5;
        int small = 3;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int smallRuns = large / small;
        double[] smallCost = new double[rounds];
        double[] largeCost = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = -warmUp; r < rounds; r++) {
            long[] smallRun = {0, 0};
            long[] largeRun = {0, 0};
            if ((r & 1) == 0) {
                timed(small, smallRuns, smallRun);
                timed(large, 1, largeRun);
            } else {
                timed(large, 1, largeRun);
                timed(small, smallRuns, smallRun);
            }
            if (r >= 0) {
                smallCost[r] = (double) smallRun[0] / smallRun[1];
                largeCost[r] = (double) largeRun[0] / largeRun[1];
                ratio[r] = largeCost[r] / smallCost[r];
            }
        }
        System.out.printf(
                "median wall ns per event: %d pairs %.1f, %d pairs %.1f; median ratio %.3f (quartiles %.3f, %.3f)%n",
                small,
                median(smallCost),
                large,
                median(largeCost),
                median(ratio),
                quantile(ratio, 0.25),
                quantile(ratio, 0.75));
    }

    /** Runs {@code runs} simulations of {@code pairs} pairs; adds their wall ns and events to {@code into}. */
    private static void timed(int pairs, int runs, long[] into) {
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            RunResult run = simulate(pairs);
            into[0] += System.nanoTime() - start;
            into[1] += run.events();
        }
    }

    private static double median(double[] values) {
        return quantile(values, 0.5);
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[(int) (q * (sorted.length - 1))];
    }

    private RunResult simulate() {
        return simulate(pairs);
    }

    private static RunResult simulate(int count) {
        SimulationReport report = SimulationBuilder.create()
                .processes(2 * count, PairProcess::new)
                .workload(ctx -> {
                    // halfway through the round trips, every pair connected and exchanging
                    Duration half = BIND_GRACE.plus(Duration.ofMillis(ROUND_TRIPS_PER_PAIR * 7L / 20));
                    ctx.time().sleep(half);
                    if (measuring) {
                        liveHeap = heapInUseAfterGc();
                    }
                    ctx.time().sleep(RUN_TIME.minus(half));
                    long done = ctx.state().keys().stream()
                            .filter(k -> k.startsWith(DONE))
                            .filter(k -> ctx.state().getLong(k, 0) == ROUND_TRIPS_PER_PAIR)
                            .count();
                    if (done != count) {
                        throw new IllegalStateException(
                                "only " + done + " of " + count + " pairs completed their round trips");
                    }
                })
                .buggify(false)
                .seeds(SEED)
                .run();
        if (!report.passed()) {
            throw new IllegalStateException("the client/server pairs failed: " + report);
        }
        return report.runs().getFirst();
    }

    private static long heapInUseAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Runs one untimed simulation and prints the live heap of its running pairs. */
    @TearDown(Level.Iteration)
    public void printHeap() {
        measuring = true;
        RunResult run;
        try {
            run = simulate();
        } finally {
            measuring = false;
        }
        heapInUseMax = Math.max(heapInUseMax, liveHeap);
        System.out.printf(
                "  [pairs=%d: live heap of the running pairs %,d KB (idle, after the run: %,d KB),"
                        + " events per simulation %,d]%n",
                pairs, liveHeap / 1024, heapInUseAfterGc() / 1024, run.events());
    }

    /** Prints the largest live heap of the running pairs over the trial. */
    @TearDown(Level.Trial)
    public void printTrial() {
        System.out.printf("%npairs=%d: max live heap of the running pairs %,d KB%n", pairs, heapInUseMax / 1024);
    }
}
