package io.moonpool.testkit;

import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.sim.RunFailure;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The simulated providers as a {@link ProviderTarget}: each case is one iteration of a simulation with a fixed
 * seed, whose workloads are the bodies (body {@code i} runs as the {@code i}-th workload, at {@code 10.0.0.(i+1)}),
 * with buggify off and every resource plugin's faults off (their defaults), so the simulation is the ideal world
 * the contracts describe.
 *
 * <p>The network and the disk come from {@code moonpool-net} and {@code moonpool-storage}, found on the test's
 * class or module path as in any simulation: a case that needs one that is absent fails with the message of
 * {@link SimContext#network()} or {@link SimContext#storage()}, which names the artifact to add.
 *
 * <p>The case's limit is the iteration's {@linkplain SimulationBuilder#maxSimulatedTime(Duration) simulated
 * time limit}; a case whose bodies all block with nothing left to happen fails at once (the simulator reports
 * the deadlock and the blocked tasks).
 */
public final class SimulatedTarget implements ProviderTarget {

    /** The seed every case runs with unless {@link #SimulatedTarget(long, ResourceConfig...)} says otherwise. */
    public static final long DEFAULT_SEED = 1L;

    private final long seed;
    private final List<ResourceConfig> configs;

    /** The simulated providers, seed {@link #DEFAULT_SEED}, default resource configurations. */
    public SimulatedTarget() {
        this(DEFAULT_SEED);
    }

    /**
     * The simulated providers with another seed or other resource configurations (latencies, for example); a
     * configuration that turns faults on breaks the contract's ideal world and is the caller's choice.
     *
     * @param seed    the seed of every case
     * @param configs resource configurations, passed to {@link SimulationBuilder#configure(ResourceConfig)}
     * @throws NullPointerException if a configuration is null
     */
    public SimulatedTarget(long seed, ResourceConfig... configs) {
        this.seed = seed;
        this.configs = List.of(configs);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Runs one iteration with this target's seed; the nodes' IPs are the workloads' ({@code 10.0.0.1},
     * {@code 10.0.0.2}, ...). A failure that is not a body's (a deadlock, the time limit, a task's unjoined
     * failure) fails with the simulator's message and the line that replays the seed.
     */
    @Override
    public void run(Duration limit, List<NodeBody> bodies) {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(bodies, "bodies");
        if (bodies.isEmpty()) {
            throw new IllegalArgumentException("no bodies: give one NodeBody per node");
        }
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("limit " + limit + " is not positive: give the case some time");
        }
        InetAddress[] ips = new InetAddress[bodies.size()];
        List<Throwable> failures = new ArrayList<>();
        List<InetAddress> failedNodes = new ArrayList<>();
        List<InetAddress> nodes = java.util.Collections.unmodifiableList(Arrays.asList(ips));
        SimulationBuilder builder = SimulationBuilder.create()
                .seeds(seed)
                .buggify(false)
                .verifyFailures(false)
                .requireCoverage(false)
                .maxSimulatedTime(limit);
        configs.forEach(builder::configure);
        for (int i = 0; i < bodies.size(); i++) {
            builder.workload(new BodyWorkload(i, Objects.requireNonNull(bodies.get(i), "body"), ips, nodes) {
                @Override
                void failed(InetAddress ip, Throwable failure) {
                    synchronized (failures) {
                        failures.add(failure);
                        failedNodes.add(ip);
                    }
                }
            });
        }
        SimulationReport report = builder.run();
        if (report.passed()) {
            return;
        }
        RunFailure failure = report.runs().getFirst().failure().orElse(null);
        Throwable cause = failure == null ? null : failure.exception().orElse(null);
        synchronized (failures) {
            // a body's own failure; one the kernel caused (interrupting a body at a deadlock) is reported as the
            // kernel's below
            for (int i = 0; i < failures.size(); i++) {
                if (failures.get(i) == cause) {
                    throw new AssertionError(
                            "node " + failedNodes.get(i).getHostAddress() + " failed: " + cause + " (simulated, "
                                    + SimulationReport.replayCall(seed) + ")",
                            cause);
                }
            }
        }
        String message = failure == null ? report.toString() : failure.summary() + "\n" + failure.message();
        throw new AssertionError(
                "the simulated case failed: " + message + " (" + SimulationReport.replayCall(seed) + ")", cause);
    }

    /** A body as a workload: its IP is recorded in setup, before any body runs. */
    private abstract static class BodyWorkload implements Workload {
        private final int index;
        private final NodeBody body;
        private final InetAddress[] ips;
        private final List<InetAddress> nodes;

        BodyWorkload(int index, NodeBody body, InetAddress[] ips, List<InetAddress> nodes) {
            this.index = index;
            this.body = body;
            this.ips = ips;
            this.nodes = nodes;
        }

        @Override
        public void setup(SimContext ctx) {
            ips[index] = ctx.ip();
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            try {
                body.run(ctx, nodes);
            } catch (Exception | Error e) {
                // every Error too (a StackOverflowError is the body's); only the one the run failed with is named
                failed(ctx.ip(), e);
                throw e;
            }
        }

        abstract void failed(InetAddress ip, Throwable failure);

        @Override
        public String name() {
            return "body-" + index;
        }
    }
}
