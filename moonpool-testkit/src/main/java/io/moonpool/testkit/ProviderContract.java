package io.moonpool.testkit;

import java.time.Duration;
import java.util.List;

/**
 * The base of the provider contracts: abstract JUnit test classes that pin what {@link io.moonpool.api.Time},
 * {@link io.moonpool.api.Tasks}, {@link io.moonpool.api.Network} and {@link io.moonpool.api.Storage} promise,
 * simulated or real. Extend {@link TimeContract}, {@link TasksContract}, {@link NetworkContract} or
 * {@link StorageContract} and give the {@linkplain #target() providers to check}:
 *
 * <pre>{@code
 * class SimulatedNetworkContractTest extends NetworkContract {
 *     protected ProviderTarget target() {
 *         return new SimulatedTarget();
 *     }
 * }
 * }</pre>
 *
 * <p>Every case runs its bodies through the target, bounded by {@link #LIMIT}; a case that uses the network runs
 * on loopback addresses with port 0 (an ephemeral port), so it never collides with another test. Where Linux
 * itself decides what happens (which error a second write after a reset gets, for example), the case pins only
 * the part that simulation and Linux share, and its Javadoc says so.
 */
public abstract class ProviderContract {

    /** The time limit of every case: simulated time in the simulator, real time with real providers. */
    public static final Duration LIMIT = Duration.ofSeconds(30);

    /** For subclasses. */
    protected ProviderContract() {}

    /**
     * The providers to check; called once per case (JUnit makes a new instance of the test class per case, so a
     * {@code @TempDir} field of the subclass is ready when it is called).
     *
     * @return the target the cases run on
     */
    protected abstract ProviderTarget target();

    /**
     * Runs one body per node through {@link #target()}, bounded by {@link #LIMIT}.
     *
     * @param bodies one body per node
     * @throws AssertionError as {@link ProviderTarget#run} does
     */
    protected final void onNodes(NodeBody... bodies) {
        target().run(LIMIT, List.of(bodies));
    }
}
