package io.moonpool.sim.internal.kernel;

import java.util.List;

/**
 * Why the kernel ended a run on its own: the simulated world can no longer proceed deterministically, or
 * at all.
 *
 * @param kind    what went wrong
 * @param message a description naming the tasks involved and the fix
 * @param tasks   the names of the tasks involved
 */
public record KernelFailure(Kind kind, String message, List<String> tasks) {

    /** The kinds of kernel failure. */
    public enum Kind {
        /** Tasks are blocked, nothing is runnable and no event is pending. */
        DEADLOCK,
        /** Tasks stay runnable forever: simulated time cannot advance. */
        LIVELOCK,
        /** A task was woken by a thread outside the simulation. */
        FOREIGN_WAKE,
        /** A task made a real-time wait ({@code Thread.sleep}, a timed park or wait). */
        REAL_TIME_WAIT,
        /** A virtual thread was started inside the simulation without {@code ctx.tasks()}. */
        UNMANAGED_THREAD,
        /** The iteration ran past its simulated time limit. */
        TIME_LIMIT,
        /** A task blocked in real I/O: a JDK socket or NIO channel rather than the simulated network. */
        REAL_IO
    }

    /** Defensive copy. */
    public KernelFailure {
        tasks = List.copyOf(tasks);
    }
}
