package io.moonpool.api.spi;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * One iteration's state of a {@link ResourcePlugin}: what it hands to each node, what it offers the whole
 * cluster, and its reactions to process lifecycle events.
 *
 * <p>Two lookups, kept apart on purpose: {@link #provide(Class, InetAddress)} answers for one node (its
 * {@link io.moonpool.api.Network}, its {@link io.moonpool.api.Storage}, its {@link ClockSkew}), while
 * {@link #capability(Class)} answers for the cluster as a whole (the {@link NetworkControl} fault injectors
 * use), with no node to name. The runner asks every instance in plugin id order and takes the first answer.
 *
 * <p><b>Construction.</b> Made by {@link ResourcePlugin#start(KernelServices)} once per iteration, before any
 * task runs; it lives for that iteration only and holds all of the plugin's state for it.
 *
 * <p><b>Threading.</b> Every method is called on the kernel thread or on one of the iteration's tasks, one at
 * a time, so an instance needs no locking of its own.
 *
 * <p><b>Determinism.</b> The same calls in the same order must give the same answers and the same draws: draw
 * only from {@link KernelServices}, and never let the order of an unordered collection decide anything.
 * A lookup for a type the resource does not offer, and {@link #activity()} when idle, must draw nothing.
 *
 * <p>No method returns null: an absent answer is {@link Optional#empty()}. The runner treats a null as a
 * failure of the plugin and fails the seed naming it.
 */
public interface ResourceInstance {

    /**
     * The provider of a type for one node, if this resource provides that type: the runner asks for
     * {@link io.moonpool.api.Network} and {@link io.moonpool.api.Storage} when a node calls
     * {@code ctx.network()} or {@code ctx.storage()}, and for {@link ClockSkew} when a node's clock is made.
     *
     * @param type the provider interface
     * @param ip   the node asking
     * @param <T>  the provider type
     * @return the provider, or empty if this resource does not provide {@code type} per node
     */
    <T> Optional<T> provide(Class<T> type, InetAddress ip);

    /**
     * A cluster-wide capability of this resource, one that belongs to no node (for example the
     * {@link NetworkControl} through which fault injectors cut and clog the network). Empty by default.
     *
     * @param type the capability interface
     * @param <T>  the capability type
     * @return the capability, or empty if this resource does not offer {@code type}
     */
    default <T> Optional<T> capability(Class<T> type) {
        return Optional.empty();
    }

    /**
     * Reacts to a process lifecycle event (close connections, lose unforced writes, wipe a disk). Called on
     * the kernel thread or the task that caused the event, at the simulated instant it happens. Does nothing
     * by default.
     *
     * @param event what happened
     */
    default void onLifecycle(LifecycleEvent event) {}

    /**
     * The chaos phase of the iteration is over (its {@code chaosDuration} elapsed, or the run phase ended
     * first): faults that outlast their cause, such as partitions and clogs, should lift now, so that the
     * settle phase and the checks run with working resources. Called at most once per iteration, inside the
     * simulation at the instant the phase ends; does nothing by default. Faults drawn per operation stop by
     * themselves, since {@link KernelServices#chaosActive()} turns false at the same instant.
     */
    default void onChaosEnd() {}

    /**
     * What this resource still has in progress (bytes in flight, I/O under way), for the settle phase: the
     * runner waits until every resource answers empty before the checks run, and names the activity if it
     * does not stop within a bound. Empty, meaning idle, by default.
     *
     * @return a short description of the work in progress, or empty when idle
     */
    default Optional<String> activity() {
        return Optional.empty();
    }

    // --- reconfiguration (issue 14) ---

    /**
     * Makes one node's share of this resource behave as {@code config} says, from now until {@code duration}
     * has passed or the chaos phase ends ({@link #onChaosEnd()}), whichever comes first; then it goes back to
     * what it was configured with, and the instance writes a {@code reconfiguration ended} timeline entry
     * ({@link KernelServices#timeline}, subject the IP and the resource id). A second call for the same node
     * replaces the first, with its own duration. Called by the runner from
     * {@code FaultContext.reconfigure}, on the injector's task, only during the chaos phase and only with a
     * {@code config} whose {@link ResourceConfig#resourceId()} is this plugin's id; the runner has checked the
     * arguments and the IP already, and writes the {@code reconfigured} entry itself.
     *
     * <p><b>Determinism.</b> The call and the change draw nothing from the simulation stream by themselves;
     * an instance never reconfigured must behave, draw and trace exactly as before.
     *
     * @param ip       the node, a process or a workload of the simulation
     * @param config   the configuration to apply to that node
     * @param duration how long, not negative; one too long for nanoseconds lasts until the chaos phase ends
     * @throws UnsupportedOperationException by default: this resource cannot be reconfigured
     * @throws IllegalArgumentException if {@code config} is of another type than the plugin's, or asks for
     *                                  something a reconfiguration of one node cannot do (the message says
     *                                  what, and the fix)
     */
    default void reconfigure(InetAddress ip, ResourceConfig config, Duration duration) {
        throw new UnsupportedOperationException("this resource plugin cannot reconfigure a node");
    }
}
