package io.moonpool.sim.internal.kernel;

/**
 * Something that happens at a simulated instant: a timer, a delivery, a fault action.
 */
@FunctionalInterface
public interface EventAction {

    /**
     * Runs the action on the kernel thread, at the event's instant.
     *
     * @param handle the handle {@link Kernel#schedule(long, EventAction)} returned for the event, so that an
     *               action reused for several events can tell which one fired
     */
    void fire(long handle);
}
