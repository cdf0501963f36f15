package io.moonpool.api.spi;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What a resource plugin may use of the kernel in one iteration: the narrow context a plugin gets instead of
 * the runtime.
 *
 * <p><b>Construction.</b> Made by the runner, one per plugin and iteration, and handed to
 * {@link ResourcePlugin#start(KernelServices)}; keep it in the {@link ResourceInstance}, never beyond the
 * iteration. Plugins do not implement it.
 *
 * <p><b>Threading.</b> Call it from the kernel thread or from one of the iteration's tasks only. Tasks block
 * and wake through the JDK's own primitives ({@link java.util.concurrent.locks.LockSupport}, locks,
 * conditions): the kernel schedules them. An action passed to {@link #schedule} runs on the kernel thread at
 * its simulated instant, and may wake tasks.
 *
 * <p><b>Determinism.</b> Every draw comes from the streams offered here; none of the lookups
 * ({@link #config}, {@link #chaosActive()}, {@link #now()}) draws anything.
 */
public interface KernelServices {

    /**
     * The current simulated time.
     *
     * @return nanoseconds since the start of the iteration
     */
    long now();

    /**
     * Runs an action after a simulated delay, on the kernel thread. Actions at the same instant run in the
     * order scheduled.
     *
     * @param delayNanos the delay; at least 0
     * @param action     what to do
     */
    void schedule(long delayNanos, Runnable action);

    /**
     * A configuration stream of one node, for per-node draws (a disk's knobs, a clock's skew): it depends on
     * the seed, this plugin and the IP only, so the order in which nodes are first used changes nothing, and
     * two plugins never draw the same values for a node. Each call returns a new generator at the start of
     * that node's stream.
     *
     * @param ip the node
     * @return a fresh generator
     */
    RandomGenerator configRandom(java.net.InetAddress ip);

    /**
     * Blocks the calling task for a simulated duration.
     *
     * @param nanos how long; zero lets every task runnable now run first
     * @throws InterruptedException if the task is interrupted while waiting
     * @throws IllegalStateException if not called from a task of this simulation
     */
    void sleep(long nanos) throws InterruptedException;

    /**
     * Parks the calling task until it is unparked or interrupted, as
     * {@link java.util.concurrent.locks.LockSupport#park(Object)} does; like it, it may return spuriously, so
     * call it in a loop that re-checks the condition. Plugins park through this rather than through
     * {@code LockSupport} directly: once the iteration is over, it throws the kernel's own {@link Error}
     * instead of parking (and on waking), which unwinds the stacks of abandoned tasks so that the monitors they
     * hold are released. Let that error pass.
     *
     * @param blocker what the task waits for, shown in stack dumps
     */
    void park(Object blocker);

    /**
     * The simulation's random stream: the one user code draws from.
     *
     * @return the generator
     */
    RandomGenerator random();

    /**
     * The per-seed configuration stream of this plugin, for drawing a resource's knobs once per iteration
     * without shifting the simulation stream or another plugin's draws.
     *
     * @return the generator
     */
    RandomGenerator configRandom();

    /**
     * The configuration given for a resource with {@code SimulationBuilder.configure(...)}.
     *
     * @param type the configuration type
     * @param <T>  the type
     * @return the configuration, or empty if none was given (the plugin then uses its defaults); a configuration
     *         carries its own chaos mode
     */
    <T extends ResourceConfig> Optional<T> config(Class<T> type);

    /**
     * Whether the chaos phase is on now. Faults that should stop when chaos ends check this.
     *
     * @return true during the chaos phase
     */
    boolean chaosActive();

    /**
     * Whether a fault of this probability strikes now: the one probability draw every fault of a plugin goes
     * through. Faults strike only during the chaos phase ({@link #chaosActive()}).
     *
     * <p><b>Determinism.</b> When the probability is zero or the chaos phase is off, this returns false and
     * draws nothing from any stream, so a plugin with its faults off leaves the simulation stream exactly as
     * if it were absent; otherwise it draws one {@code nextDouble()} from {@link #random()}.
     *
     * @param probability in [0, 1], as the plugin's validated configuration holds it
     * @return true when the fault strikes
     */
    boolean strikes(double probability);

    /**
     * A duration drawn uniformly from a range, both ends included: the one latency draw of every plugin.
     *
     * <p><b>Determinism.</b> A range of one value returns it and draws nothing from any stream, so fixed
     * latencies cost no draw; a wider range draws one {@code nextLong} from {@link #random()}.
     *
     * @param range a validated range (see {@link io.moonpool.api.config.ConfigurationProblems#range})
     * @return the drawn duration, in nanoseconds
     */
    long drawNanos(io.moonpool.api.config.DurationRange range);

    /**
     * Folds a decision into the iteration's trace hash, so that determinism tests see it.
     *
     * @param value the decision
     */
    void trace(long value);

    /**
     * Writes one entry into the iteration's timeline (see {@link TimelineSink#record}): what a failing seed's
     * report shows of this plugin, such as a connection reset or a disk crash. Costs a few array writes.
     *
     * @param what    what happened, a constant; never null
     * @param subject what it happened to, with a deterministic {@code toString}, or null
     * @param value   a number that goes with it, or 0
     */
    void timeline(String what, Object subject, long value);

    /**
     * Records a fault this plugin injects now: a timeline entry (as {@link #timeline}) that the report also
     * counts by {@code kind}, over all iterations, beside the reboots ("injected faults per kind"). Call it once
     * per fault, where it strikes: a clog made, a connection reset by the network, a bit flipped, a write torn.
     *
     * @param kind    the kind, a constant such as {@code "clog made"}; never null
     * @param subject what it struck, with a deterministic {@code toString}, or null
     * @param value   a number that goes with it (a duration in nanoseconds, bytes), or 0
     */
    void fault(String kind, Object subject, long value);

    /**
     * Where a node runs: the locality of a process of this iteration, so that a plugin can model what the
     * processes of one machine share (the storage plugin's shared disk) or what a zone's links cross.
     *
     * <p><b>Determinism.</b> A lookup: it draws nothing.
     *
     * @param ip the node
     * @return the process's locality; empty for a workload or an IP that is no process of this iteration
     */
    Optional<io.moonpool.api.Locality> locality(java.net.InetAddress ip);

    /**
     * The processes of a failure domain of this iteration, as {@link io.moonpool.api.Topology#ipsIn} lists them:
     * what a plugin needs to tell one process's crash from its whole machine's (the storage plugin's shared
     * disk loses unforced data only when every process of the machine goes down at once).
     *
     * <p><b>Determinism.</b> A lookup: it draws nothing.
     *
     * @param domain the level
     * @param id     the domain's id (for {@link io.moonpool.api.FailureDomain#PROCESS}, the IP's
     *               {@code getHostAddress()})
     * @return an unmodifiable list in boot order; empty if no process is in that domain
     */
    java.util.List<java.net.InetAddress> ipsIn(io.moonpool.api.FailureDomain domain, String id);
}
