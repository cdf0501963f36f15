package io.moonpool.api;

/**
 * What kind of failure ended a seed: the one list of kinds, shared by the report a simulation gives and the
 * kernel that detects most of them.
 */
public enum FailureKind {
    /** User code (a workload, a process, a task, a plugin) threw. */
    EXCEPTION,
    /** An {@code always}-like assertion was violated, or an {@code unreachable} one reached. */
    ASSERTION,
    /** An invariant registered on the simulation threw, after a task step or an event of the run phase. */
    INVARIANT,
    /** Tasks were blocked with nothing runnable and no event pending. */
    DEADLOCK,
    /** Tasks stayed runnable without simulated time advancing. */
    LIVELOCK,
    /** A task was woken by a thread outside the simulation, or joined one. */
    FOREIGN_WAKE,
    /** A task made a real-time wait such as {@code Thread.sleep}. */
    REAL_TIME_WAIT,
    /** A virtual thread was started without {@code ctx.tasks()}. */
    UNMANAGED_THREAD,
    /** The iteration ran past its simulated time limit. */
    TIME_LIMIT,
    /** The framework itself failed; please report it with the seed. */
    INTERNAL,
    /**
     * A task blocked in real I/O (a JDK socket or NIO channel), which only the real network can complete; use
     * {@code ctx.network()} instead.
     */
    REAL_IO,
    /**
     * The determinism check ({@code SimulationBuilder.checkDeterminism()}) ran the seed twice and the runs parted:
     * code read real time, real randomness, identity hash codes or unordered state. The failure names the first
     * step or event where they differ and the stack of the task in each run.
     */
    NONDETERMINISM,

    /**
     * Work left the simulation for a thread it does not schedule, seen at the end of the task step that did it: a
     * platform thread created by a task ({@code new Thread}, {@code Thread.ofPlatform()}, an {@code Executors}
     * pool or {@code Timer} making its first thread), or work submitted to {@code ForkJoinPool.commonPool()}
     * ({@code parallelStream()}, {@code CompletableFuture.supplyAsync} without an executor). Use
     * {@code ctx.tasks()} for concurrency, {@code ctx.time()} for waiting and {@code ctx.random()} for randomness.
     */
    ESCAPE
}
