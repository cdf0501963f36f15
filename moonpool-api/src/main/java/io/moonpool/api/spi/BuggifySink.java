package io.moonpool.api.spi;

/**
 * Where the static {@link io.moonpool.api.Buggify} and {@link io.moonpool.api.Swarm} calls of a task go: the iteration that runs the task.
 * The runner binds {@link #CURRENT} for every task, as for {@link AssertionSink}; unbound outside a
 * simulation, where buggify is off.
 */
public interface BuggifySink {

    /** The sink of the iteration the calling task belongs to; unbound outside a simulation. */
    ScopedValue<BuggifySink> CURRENT = ScopedValue.newInstance();

    /**
     * Whether buggify is on in this simulation.
     *
     * @return true unless the simulation turned it off
     */
    boolean enabled();

    /**
     * Whether a site fires now: it must be active in this seed (decided once, at its first use), and then
     * fires with the given probability.
     *
     * @param site        the site's name
     * @param probability the chance an active site fires, between 0 and 1
     * @return true to take the buggy path
     */
    boolean fire(String site, double probability);

    /**
     * Whether a workload operation is switched on in this seed: decided once per seed, at its first use, half
     * the time on, but on whenever every operation decided before it in this seed is off, so that at least one
     * is on.
     *
     * @param operation the operation's name
     * @return true when the workload should perform it in this seed
     */
    boolean operationEnabled(String operation);
}
