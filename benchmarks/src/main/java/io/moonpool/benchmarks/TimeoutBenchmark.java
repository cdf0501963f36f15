package io.moonpool.benchmarks;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.TaskHandle;
import io.moonpool.api.Workload;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * An echo round trip under {@code ctx.time().timeout(limit, body)}, beside the same round trip without a
 * timeout. Each invocation is one simulation iteration in which a client task makes {@value #ROUND_TRIPS}
 * round trips of a {@value #MESSAGE_SIZE}-byte message with an echo task on the same node (write, then read
 * the echo back), over the default network (350 µs each way, so 700 µs of simulated time per round trip and
 * 7 s per iteration); the score is the wall time per round trip, the iteration's fixed cost amortised.
 *
 * <p>Subject: {@link #underTimeout}, each round trip wrapped in a timeout of {@link Limit#limitMillis}: 1 s,
 * shorter than the iteration, so that a deadline left behind would come due while later round trips run,
 * and 30 s, longer than the iteration, so that deadlines left behind would only pile up. Every round trip
 * ends well within its limit, so no deadline ever fires. Baseline: {@link #baselineNoTimeout}, the same
 * round trips without a timeout. Target: the subject takes at most 1.1x the baseline's time per round trip,
 * that is, a timeout that ends in time costs about its own schedule and cancel, not an event later.
 *
 * <p>A 10% difference is within the run-to-run drift of a JMH trial on a shared machine, so {@link #main}
 * also measures the ratio with the invocations interleaved: see there.
 */
public class TimeoutBenchmark extends AbstractBenchmark {

    /** Round trips per invocation. */
    public static final int ROUND_TRIPS = 10_000;

    /** Bytes per message. */
    public static final int MESSAGE_SIZE = 64;

    private static final InetSocketAddress SERVER = new InetSocketAddress(address("10.0.0.1"), 7000);

    private static final Workload NO_TIMEOUT = new Echo(Duration.ZERO);

    /** The limit of the subject's timeouts; a state of its own, so that the baseline runs once. */
    @State(Scope.Thread)
    public static class Limit {
        /** The timeout around each round trip, in milliseconds of simulated time. */
        @Param({"1000", "30000"})
        public long limitMillis;

        /** Creates the state; JMH calls this. */
        public Limit() {}
    }

    /** A client task makes the round trips with an echo task; both are tasks of the one workload. */
    private record Echo(Duration limit) implements Workload {
        @Override
        public void run(SimContext ctx) throws Exception {
            Listener listener = ctx.network().bind(SERVER);
            TaskHandle<Void> echo = ctx.tasks().spawn("echo", () -> {
                try (Connection c = listener.accept()) {
                    InputStream in = c.input();
                    OutputStream out = c.output();
                    byte[] buffer = new byte[4096];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                    }
                }
                return null;
            });
            byte[] message = new byte[MESSAGE_SIZE];
            byte[] reply = new byte[MESSAGE_SIZE];
            try (Connection c = ctx.network().connect(SERVER)) {
                InputStream in = c.input();
                OutputStream out = c.output();
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    message[0] = (byte) i;
                    message[1] = (byte) (i >>> 8);
                    if (limit.isZero()) {
                        roundTrip(in, out, message, reply);
                    } else {
                        ctx.time().timeout(limit, () -> roundTrip(in, out, message, reply));
                    }
                    if (reply[0] != message[0] || reply[1] != message[1]) {
                        throw new IllegalStateException("round trip " + i + " got a wrong echo");
                    }
                }
            }
            echo.join();
        }
    }

    /** Writes the message and reads its echo into {@code reply}, looping on short reads. */
    private static Void roundTrip(InputStream in, OutputStream out, byte[] message, byte[] reply) throws IOException {
        out.write(message);
        int got = 0;
        while (got < reply.length) {
            int n = in.read(reply, got, reply.length - got);
            if (n < 0) {
                throw new EOFException("the stream ended after " + got + " bytes of an echo");
            }
            got += n;
        }
        return null;
    }

    /**
     * Measures the subject against the baseline with their invocations interleaved, so that a change of
     * the machine's load hits both alike: after 300 warm-up rounds, each round runs one invocation of the
     * baseline and of each limit, in an order that rotates from round to round, and the median of the
     * per-round ratios is printed with the medians of the times. Run it with the flags of
     * {@link AbstractBenchmark}'s fork, for example {@code java --add-opens=java.base/java.lang=ALL-UNNAMED
     * -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar io.moonpool.benchmarks.TimeoutBenchmark 1000}.
     *
     * @param args the number of measured rounds, 1,000 if none is given
     * @throws NumberFormatException if the argument is not a number
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        long[] limits = {0, 1_000, 30_000};
        Workload[] workloads = new Workload[limits.length];
        for (int m = 0; m < limits.length; m++) {
            workloads[m] = new Echo(Duration.ofMillis(limits[m]));
        }
        long sink = 0;
        for (int r = 0; r < 300; r++) {
            for (Workload w : workloads) {
                sink += runIteration(w);
            }
        }
        long[][] nanos = new long[limits.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < limits.length; k++) {
                int m = (k + r) % limits.length;
                long start = System.nanoTime();
                sink += runIteration(workloads[m]);
                nanos[m][r] = System.nanoTime() - start;
            }
        }
        System.out.printf("no timeout: median %.1f ns per round trip%n", median(nanos[0]) / ROUND_TRIPS);
        for (int m = 1; m < limits.length; m++) {
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = (double) nanos[m][r] / nanos[0][r];
            }
            Arrays.sort(ratios);
            System.out.printf(
                    "timeout of %,d ms: median %.1f ns per round trip, median ratio to no timeout %.3f%n",
                    limits[m], median(nanos[m]) / ROUND_TRIPS, ratios[rounds / 2]);
        }
        System.out.println("(checksum " + sink + ")");
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Subject: {@value #ROUND_TRIPS} echo round trips, each inside its own timeout, in one iteration.
     *
     * @param limit the timeout of each round trip
     * @return the simulated time plus the event count, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public long underTimeout(Limit limit) {
        return runIteration(new Echo(Duration.ofMillis(limit.limitMillis)));
    }

    /**
     * Baseline: the same {@value #ROUND_TRIPS} round trips without a timeout.
     *
     * @return the simulated time plus the event count, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public long baselineNoTimeout() {
        return runIteration(NO_TIMEOUT);
    }
}
