package io.moonpool.runtime;

import io.moonpool.testkit.NodeBody;
import io.moonpool.testkit.ProviderTarget;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The production providers as a {@link ProviderTarget}: one {@link NodeRuntime} per body, on {@code 127.0.0.11},
 * {@code 127.0.0.12}, ... (Linux routes all of 127/8 on loopback), sharing one data directory (each node's disk is
 * {@code dataDir/<ip>}). Short on purpose: copy it to run the contracts against your own deployment's providers.
 */
final class RuntimeTarget implements ProviderTarget {

    private final Path dataDir;

    /** @param dataDir a fresh directory, such as a JUnit {@code @TempDir} */
    RuntimeTarget(Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    public void run(Duration limit, List<NodeBody> bodies) {
        if (bodies.isEmpty() || !limit.isPositive()) {
            throw new IllegalArgumentException("give at least one body and a positive limit");
        }
        List<InetAddress> ips = new ArrayList<>();
        StaticTopology.Builder topology = StaticTopology.builder();
        for (int i = 0; i < bodies.size(); i++) {
            ips.add(loopback(11 + i));
            topology.workload(ips.get(i));
        }
        List<NodeRuntime> nodes = new ArrayList<>();
        for (InetAddress ip : ips) {
            nodes.add(NodeRuntime.builder()
                    .ip(ip)
                    .dataDir(dataDir)
                    .topology(topology.build())
                    .seed(1)
                    .gracePeriod(Duration.ZERO)
                    .shutdownHook(false)
                    .build());
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            ExecutorCompletionService<Throwable> done = new ExecutorCompletionService<>(threads);
            for (int i = 0; i < bodies.size(); i++) {
                int node = i;
                NodeBody body = bodies.get(i);
                done.submit(() -> {
                    try {
                        nodes.get(node).run(ctx -> body.run(ctx, List.copyOf(ips)));
                        return null;
                    } catch (Exception | AssertionError e) {
                        return new AssertionError(
                                "node " + ips.get(node).getHostAddress() + " failed: " + e + " (runtime)", e);
                    }
                });
            }
            long deadline = System.nanoTime() + limit.toNanos();
            for (int finished = 0; finished < bodies.size(); finished++) {
                Future<Throwable> next = done.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("the case did not end within " + limit + " (real time)");
                }
                Throwable failure = next.get();
                if (failure != null) {
                    throw (AssertionError) failure; // the first body to fail
                }
            }
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the case ran", e);
        } finally {
            nodes.forEach(NodeRuntime::abort); // ends what still runs; the executor's close then waits for it
        }
    }

    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
