package io.moonpool.api;

import java.util.concurrent.ExecutionException;

/**
 * A handle to a spawned task: its name, its outcome, and a way to cancel it.
 *
 * @param <T> the type of the task's result
 */
public interface TaskHandle<T> {

    /**
     * The name the task was spawned with.
     *
     * @return the task's name
     */
    String name();

    /**
     * Blocks the calling task until this task has finished.
     *
     * @return the task's result
     * @throws ExecutionException   if the task threw; the cause is what it threw
     * @throws InterruptedException if the calling task is interrupted while waiting, or this task was
     *                              cancelled
     */
    T join() throws ExecutionException, InterruptedException;

    /**
     * Whether the task has finished (returned, thrown, been cancelled or killed).
     *
     * @return true once the task will never run again
     */
    boolean isDone();

    /**
     * Interrupts the task; a blocking call inside it ends with {@link InterruptedException}.
     */
    void cancel();
}
