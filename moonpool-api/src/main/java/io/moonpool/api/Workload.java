package io.moonpool.api;

/**
 * A test driver: it sets the system up, drives it, and checks what must hold afterwards.
 *
 * <p><b>Simulation semantics.</b> Each iteration runs the phases in order: {@link #setup} of every workload,
 * one after another in the order they were added; then {@link #run} of all workloads concurrently, each on
 * a task of its own; then {@link #check} of every workload in order. An exception in any phase fails the
 * seed; the report names the workload, the phase, the seed and the stack. A new iteration reuses the same
 * workload instance, so a workload that keeps state must reset it in {@code setup}.
 */
public interface Workload {

    /**
     * Prepares this workload before any workload runs. Does nothing by default.
     *
     * @param ctx this workload's view of the simulation
     * @throws Exception fails the seed in the {@code setup} phase
     */
    default void setup(SimContext ctx) throws Exception {}

    /**
     * Drives the system. The run phase ends when every workload's {@code run} has returned.
     *
     * @param ctx this workload's view of the simulation
     * @throws Exception fails the seed in the {@code run} phase
     */
    void run(SimContext ctx) throws Exception;

    /**
     * Checks the properties that must hold once the run phase is over. Does nothing by default.
     *
     * @param ctx this workload's view of the simulation
     * @throws Exception (including {@link AssertionError}) fails the seed in the {@code check} phase
     */
    default void check(SimContext ctx) throws Exception {}

    /**
     * A short name for reports and task names; by default the simple class name, or {@code "workload"}
     * for a lambda or an anonymous class.
     *
     * @return the name of this workload
     */
    default String name() {
        // lambdas are hidden classes whose names carry an address that changes between JVMs
        Class<?> type = getClass();
        String simple = type.getSimpleName();
        return type.isHidden() || type.isSynthetic() || simple.isEmpty() ? "workload" : simple;
    }
}
