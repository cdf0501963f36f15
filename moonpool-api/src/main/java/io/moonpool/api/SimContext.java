package io.moonpool.api;

import java.net.InetAddress;
import java.util.random.RandomGenerator;

/**
 * What a process or a workload sees of the simulation: its own address, the cluster's topology, and the
 * providers through which all time, concurrency, I/O and randomness must go.
 *
 * <p>A context is bound to one process life or one workload for one iteration; it must not be kept
 * beyond that.
 */
public interface SimContext {

    /**
     * This node's IP address: {@code 10.0.0.n} for the n-th workload (up to 254); for the n-th process,
     * {@code 10.0.1.n} up to 254, then the next /24 subnets ({@code 10.0.2.1} is process 255, {@code 10.0.3.1}
     * process 509), up to {@code 10.0.255.254}, process 64,770, in the simulator. Under the runtime, the address
     * its topology gives.
     *
     * @return the address of the node this context belongs to
     */
    InetAddress ip();

    /**
     * The addresses and tags of every node in this iteration.
     *
     * @return the topology of the simulated cluster
     */
    Topology topology();

    /**
     * Simulated time: a clock that only moves when every task is blocked, and sleeps that cost no real time.
     *
     * @return the time provider
     */
    Time time();

    /**
     * Simulated concurrency: tasks that are virtual threads scheduled deterministically.
     *
     * @return the task provider
     */
    Tasks tasks();

    /**
     * The simulated network.
     *
     * @return the network provider
     * @throws MoonpoolException if the {@code moonpool-net} module is not on the module or class path
     */
    Network network();

    /**
     * This node's simulated disk.
     *
     * @return the storage provider
     * @throws MoonpoolException if the {@code moonpool-storage} module is not on the module or class path
     */
    Storage storage();

    /**
     * The seeded random stream for user code. It is the simulation's own stream, so the values drawn depend
     * only on the seed and on the (deterministic) order of the draws.
     *
     * @return a seeded random generator; never use {@code java.util.Random} or {@code Math.random()} instead
     */
    RandomGenerator random();

    /**
     * The shutdown signal of this node: it fires when a graceful reboot begins. A workload's signal never
     * fires.
     *
     * @return the shutdown signal
     */
    Shutdown shutdown();

    /**
     * The seed of the current iteration; replaying it with {@code SimulationBuilder.seeds(seed)} reproduces
     * the iteration exactly.
     *
     * @return the iteration seed
     */
    long seed();

    /**
     * The state invariants read: what this node publishes with {@link SimState#publish} is visible to every
     * invariant of the simulation, checked after every task step and event of the run phase.
     *
     * @return the iteration's state, shared by every node
     */
    SimState state();

    /**
     * Metrics user code records, summarised as percentiles in the simulation's report: one histogram per name
     * over all the iterations of the simulation (see {@link Metrics} for the semantics).
     *
     * <p>The default records nothing, for a runtime outside a simulation; the simulator's contexts override it.
     *
     * @return the metrics of this simulation
     */
    default Metrics metrics() {
        return Metrics.noop();
    }
}
