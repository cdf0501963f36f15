package io.moonpool.api.spi;

/**
 * A simulated resource, such as the network or the disks, found by the runner with
 * {@link java.util.ServiceLoader} ({@code provides io.moonpool.api.spi.ResourcePlugin with ...} on the module
 * path, {@code META-INF/services/io.moonpool.api.spi.ResourcePlugin} on the class path).
 *
 * <p><b>Construction.</b> A public no-argument constructor; the plugin object itself is stateless and may be
 * shared by several simulations. All per-iteration state lives in the {@link ResourceInstance} that
 * {@link #start} returns.
 *
 * <p><b>Threading and determinism.</b> Every method is called on the simulation's kernel thread or on one of
 * its tasks, one at a time. A plugin must draw randomness only from {@link KernelServices#random()} or
 * {@link KernelServices#configRandom()}, wait only through {@link KernelServices#schedule}, and must not
 * iterate unordered collections in ways that change its decisions.
 */
public interface ResourcePlugin {

    /**
     * A stable, unique id, used to sort plugins and in logs and errors (for example {@code "network"}).
     *
     * @return the id
     */
    String id();

    /**
     * Starts the resource for one iteration, before any task runs.
     *
     * @param kernel the kernel services of this iteration
     * @return the resource's state for this iteration
     */
    ResourceInstance start(KernelServices kernel);
}
