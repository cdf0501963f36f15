package io.moonpool.api;

/**
 * A server of the system under test: one node of the simulated cluster, with its own IP address.
 *
 * <p>A process is created by the simulation's process factory on every boot, so an instance lives for
 * exactly one life of its IP: after a reboot a fresh instance runs. State that must survive a reboot has
 * to be written to {@link SimContext#storage() storage}.
 *
 * <p><b>Simulation semantics.</b> {@link #run(SimContext)} is called on a task of its own. Returning from
 * it means the process exited; throwing fails the seed (the report names the process's IP and the stack).
 * Every task the process spawns belongs to it and dies with it.
 *
 * <p><b>No shared memory.</b> Nodes of a real cluster share no memory, and a simulated process should not
 * either: talk to other nodes through the {@link SimContext#network() network}. A JDK lock, queue or
 * condition shared with other nodes keeps a killed task as a waiter or an owner, as shared memory would keep
 * a crashed process's lock: a lock it held stays held, and a signal meant for a live waiter can go to it.
 */
@FunctionalInterface
public interface SimProcess {

    /**
     * Runs the process until it exits or is killed.
     *
     * @param ctx this process's view of the simulation: its IP, time, tasks, network, storage, randomness
     *            and the {@linkplain SimContext#shutdown() shutdown signal} of a graceful reboot
     * @throws Exception any exception fails the seed, with this process's IP in the report
     */
    void run(SimContext ctx) throws Exception;

    /**
     * A short name for reports and task names; by default the simple class name, or {@code "process"}
     * for a lambda or an anonymous class.
     *
     * @return the name of this process
     */
    default String name() {
        // lambdas are hidden classes whose names carry an address that changes between JVMs
        Class<?> type = getClass();
        String simple = type.getSimpleName();
        return type.isHidden() || type.isSynthetic() || simple.isEmpty() ? "process" : simple;
    }
}
