package io.moonpool.api.spi;

import java.net.InetAddress;

/**
 * One iteration's state of a {@link ResourcePlugin}: the providers it hands to nodes, and its reactions to
 * process lifecycle events.
 */
public interface ResourceInstance {

    /**
     * The provider of a type for a node, if this resource provides that type: the runner asks for
     * {@link io.moonpool.api.Network} and {@link io.moonpool.api.Storage} when a node calls
     * {@code ctx.network()} or {@code ctx.storage()}.
     *
     * @param type the provider interface
     * @param ip   the node asking
     * @param <T>  the provider type
     * @return the provider, or null if this resource does not provide {@code type}
     */
    <T> T provide(Class<T> type, InetAddress ip);

    /**
     * Reacts to a process lifecycle event (close connections, lose unforced writes, wipe a disk). Called on
     * the kernel thread or the task that caused the event, at the simulated instant it happens. Does nothing
     * by default.
     *
     * @param event what happened
     */
    default void onLifecycle(LifecycleEvent event) {
    }

    /**
     * The chaos phase of the iteration is over (its {@code chaosDuration} elapsed, or the run phase ended
     * first): faults that outlast their cause, such as partitions and clogs, should lift now, so that the
     * settle phase and the checks run with working resources. Called at most once per iteration, inside the
     * simulation at the instant the phase ends; does nothing by default. Faults drawn per operation stop by themselves, since
     * {@link KernelServices#chaosActive()} turns false at the same instant.
     */
    default void onChaosEnd() {
    }

    /**
     * What this resource still has in progress (bytes in flight, I/O under way), for the settle phase: the
     * runner waits until every resource answers null before the checks run, and names the activity if it
     * does not stop within a bound. Null, meaning idle, by default.
     *
     * @return a short description of the work in progress, or null when idle
     */
    default String activity() {
        return null;
    }
}
