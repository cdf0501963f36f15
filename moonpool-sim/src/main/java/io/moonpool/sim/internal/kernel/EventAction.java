package io.moonpool.sim.internal.kernel;

/**
 * Something that happens at a simulated instant: a timer, a delivery, a fault action.
 */
@FunctionalInterface
public interface EventAction {

    /**
     * Runs the action on the kernel thread, at the event's instant.
     *
     * @param seq the sequence number the event was scheduled with, so that an action reused for several
     *            timers can tell a stale (cancelled) one from the current one
     */
    void fire(long seq);
}
