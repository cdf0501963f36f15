package io.moonpool.api;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * Simulated concurrency: every task is a virtual thread that runs on the simulation's scheduler.
 *
 * <p><b>Simulation semantics.</b> Exactly one task runs at a time; when several can run, a seeded random
 * choice picks the next, so each seed explores another interleaving. A task runs until it blocks: on a
 * simulated sleep or I/O, on a JDK lock, queue, latch or future. Tasks spawned by a process belong to it
 * and stop when it is killed, or when its {@code run} returns. Tasks a workload spawns (in {@code setup},
 * {@code run} or {@code check}) run on through the settle and check phases and end with the iteration.
 * Virtual threads must be started through this interface: a virtual thread started any other way inside a
 * simulation is rejected.
 *
 * <p><b>Failures.</b> An exception that escapes a task is kept in its {@link TaskHandle}; if nobody
 * {@linkplain TaskHandle#join() joins} the task by the end of the iteration, it fails the seed, naming the task,
 * its node and the stack. {@link TaskHandle#expectFailure()} opts a task out.
 */
public interface Tasks {

    /**
     * Starts a new task. The new task becomes runnable; it first runs when the scheduler picks it.
     *
     * @param name a name for reports and stack dumps (deadlock and livelock reports list tasks by name)
     * @param body the work; its result or exception is kept in the returned handle
     * @param <T>  the type of the result
     * @return a handle to join or cancel the task
     * @throws IllegalStateException if called outside a running simulation, from any thread, also once the
     *                               simulation has ended (a task that is being unwound after its iteration,
     *                               see the runner's documentation, gets the kernel's own {@link Error} instead)
     */
    <T> TaskHandle<T> spawn(String name, Callable<T> body);

    /**
     * An executor that runs each submitted task as a new simulated task, for code that takes an
     * {@link ExecutorService}. Its timed waits ({@code awaitTermination}, {@code invokeAll} and
     * {@code invokeAny} with a timeout, {@code get} with a timeout on the futures it returns) use simulated
     * time; a timeout too long for nanoseconds (such as {@code Long.MAX_VALUE} days) waits for ever.
     *
     * @return an executor backed by this provider
     */
    ExecutorService executor();
}
