package io.moonpool.benchmarks;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * The cost of closing a simulated connection while many others stay open: the cost of a close should not
 * grow with the number of open connections (a node's open ends were once an array list, so a close cost
 * O(open)).
 *
 * <p>Each invocation is one simulation iteration that opens {@link #open} connections to a listener (the
 * workload connects and accepts each in turn, so both ends live on the workload's node) and then, in
 * {@link #openThenClose}, closes the {@value #CLOSES} oldest of them, client end and server end, oldest
 * first (the worst position for a list). {@link #openOnly} does the same without the closes. Both are
 * reported per {@value #CLOSES} operations, so the time of one close (both of its ends, with their FIN
 * deliveries) is {@code openThenClose - openOnly} at the same {@code open}.
 */
public class ConnectionCloseBenchmark extends AbstractBenchmark {

    /** Connections closed per invocation (all of them at 1,000 open). */
    public static final int CLOSES = 1_000;

    private static final InetSocketAddress SERVER = new InetSocketAddress(address(), 7000);

    /** How many connections are open when the closes start. */
    @Param({"1000", "16000"})
    public int open;

    /** Opens {@code open} connections, then closes the {@code closes} oldest. */
    private record OpenAndClose(int open, int closes) implements Workload {
        @Override
        public void run(SimContext ctx) throws Exception {
            Listener listener = ctx.network().bind(SERVER);
            List<Connection> ends = new ArrayList<>(2 * open);
            for (int i = 0; i < open; i++) {
                ends.add(ctx.network().connect(SERVER));
                ends.add(listener.accept());
            }
            for (int i = 0; i < 2 * closes; i++) {
                ends.get(i).close();
            }
        }
    }

    private static InetAddress address() {
        try {
            return InetAddress.getByName("10.0.0.1");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Subject: open {@code open} connections, then close {@value #CLOSES} of them.
     *
     * @return the simulated time plus the event count, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(CLOSES)
    public long openThenClose() {
        return runIteration(new OpenAndClose(open, CLOSES));
    }

    /**
     * Baseline: open {@code open} connections and close none; subtract it from {@link #openThenClose}.
     *
     * @return the simulated time plus the event count, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(CLOSES)
    public long openOnly() {
        return runIteration(new OpenAndClose(open, 0));
    }
}
