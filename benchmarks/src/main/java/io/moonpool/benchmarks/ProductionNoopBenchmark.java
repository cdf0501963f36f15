package io.moonpool.benchmarks;

import io.moonpool.api.Assertions;
import io.moonpool.api.Buggify;
import io.moonpool.api.SimContext;
import io.moonpool.runtime.NodeRuntime;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What {@link Assertions} and {@link Buggify} cost in production: a loop of {@value #CALLS} calls on a task of a
 * {@link NodeRuntime} node, beside the same loop without them ({@link #baselineLoopOnANode}). In a JVM where no
 * simulation ever ran both are no-ops (one read of {@link io.moonpool.api.spi.SinkPresence#possible()} each,
 * where an unbound {@link ScopedValue} search on a virtual thread cost 4 to 5 ns), so the target is the
 * baseline plus at most 2 ns per call, with nothing allocated. Each invocation is one task running the whole loop, so the spawn
 * and the join are amortised.
 */
public class ProductionNoopBenchmark extends AbstractBenchmark {

    /** Calls per invocation. */
    public static final int CALLS = 100_000;

    private NodeRuntime node;
    private SimContext ctx;

    /**
     * Starts a node on 127.0.0.1, with no data directory and no shutdown hook.
     *
     * @throws UnknownHostException never: the address is a literal
     */
    @Setup(Level.Trial)
    public void startNode() throws UnknownHostException {
        node = NodeRuntime.builder()
                .ip(InetAddress.getByName("127.0.0.1"))
                .seed(SEED)
                .shutdownHook(false)
                .build();
        ctx = node.context();
    }

    /** Shuts the node down. */
    @TearDown(Level.Trial)
    public void stopNode() {
        node.shutdown();
    }

    /**
     * Baseline: the loop alone, on a task of the node.
     *
     * @return a sum, so that the work is not dead code
     * @throws Exception if the task fails
     */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long baselineLoopOnANode() throws Exception {
        return ctx.tasks()
                .spawn("baseline", () -> {
                    long sum = 0;
                    for (int i = 0; i < CALLS; i++) {
                        sum += i;
                        empty(sum >= 0, "on a node");
                    }
                    return sum;
                })
                .join();
    }

    /**
     * Subject: the loop with an {@code always} and a {@code sometimes} per call.
     *
     * @return a sum, so that the work is not dead code
     * @throws Exception if the task fails
     */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long assertionsOnANode() throws Exception {
        return ctx.tasks()
                .spawn("assertions", () -> {
                    long sum = 0;
                    for (int i = 0; i < CALLS; i++) {
                        sum += i;
                        Assertions.always(sum >= 0, "on a node");
                        Assertions.sometimes(sum > 10, "on a node, sometimes");
                    }
                    return sum;
                })
                .join();
    }

    /**
     * Subject: the loop with a {@code Buggify.fire} per call, whose buggy path is never taken here.
     *
     * @return a sum, so that the work is not dead code
     * @throws Exception if the task fails
     */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long buggifyOnANode() throws Exception {
        return ctx.tasks()
                .spawn("buggify", () -> {
                    long sum = 0;
                    for (int i = 0; i < CALLS; i++) {
                        sum += i;
                        if (Buggify.fire("benchmark.site")) {
                            sum -= 1;
                        }
                    }
                    return sum;
                })
                .join();
    }

    private static void empty(boolean condition, String message) {
        // the baseline's call, which the JIT may inline as it may inline the subject's
    }
}
