package io.moonpool.sim.internal.kernel;

/**
 * What the runner watches in the kernel's loop: the timeline of a seed and the invariants. Called on the kernel
 * thread, never during the unwinding after an iteration, and never at all when no observer is set (the loop then
 * pays one null check per step and per event).
 */
public interface KernelObserver {

    /** How a task's step ended. */
    enum StepEnd {
        /** The task's body returned or threw. */
        ENDED,
        /** Parked: on a simulated primitive, a JDK lock or a sleep. */
        PARKED,
        /** Blocked entering a monitor, or waiting in one. */
        MONITOR,
        /** Still runnable: it yielded. */
        RUNNABLE
    }

    /**
     * A task was spawned.
     *
     * @param task the new task
     */
    void spawned(SimTask task);

    /**
     * A task is about to run a step.
     *
     * @param task  the task
     * @param first whether this is its first step
     */
    void stepBegins(SimTask task, boolean first);

    /**
     * A task's step is over.
     *
     * @param task the task
     * @param end  how it ended
     */
    void stepEnded(SimTask task, StepEnd end);

    /**
     * An event is about to fire.
     *
     * @param action what it runs: a {@link SimTask} for a sleep's wake-up, or a plugin's action
     */
    void eventFires(Object action);

    /**
     * An event has fired, without failing.
     *
     * @param action what it ran
     */
    void eventFired(Object action);

    /**
     * An event was scheduled, by the running task or by the event firing; it may yet be cancelled. Does nothing
     * unless overridden: the determinism check folds the times into its fingerprint of the step, so that a step
     * that sleeps for another duration differs at that step rather than when the sleep ends.
     *
     * @param at the simulated time it is due, in nanoseconds
     */
    default void eventScheduled(long at) {}
}
