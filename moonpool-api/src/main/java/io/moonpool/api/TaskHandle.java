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
     * Blocks the calling task until this task has finished. Joining a task takes note of its outcome: an
     * exception it threw then fails nothing but this call.
     *
     * @return the task's result
     * @throws ExecutionException   if the task threw; the cause is what it threw
     * @throws java.util.concurrent.CancellationException if this task was cancelled (before or after it
     *                              started), at once, as {@link java.util.concurrent.Future#get()} does
     * @throws InterruptedException if the calling task is interrupted while waiting
     */
    T join() throws ExecutionException, InterruptedException;

    /**
     * Whether the task has finished: returned, thrown or been killed; a cancelled task once it has stopped
     * (its {@link #join()} throws at once, but an interrupted task may still be running its way out).
     *
     * @return true once the task will never run again
     */
    boolean isDone();

    /**
     * Cancels the task: a task that has not run yet never runs; a running one is interrupted (a blocking call
     * inside it ends with {@link InterruptedException}). From then on {@link #join()} throws
     * {@link java.util.concurrent.CancellationException}, and what the task throws fails nothing. No effect
     * on a task that has finished.
     */
    void cancel();

    /**
     * Declares that this task may fail and that nobody needs to look: an exception escaping it then does not
     * fail the seed. By default an exception that escapes a spawned task and that nobody observes with
     * {@link #join()} by the end of the iteration fails the seed, naming the task, its node and the stack,
     * so that a failure cannot vanish unseen. Call it right after {@code spawn}, before the task can run.
     *
     * @return this handle
     */
    TaskHandle<T> expectFailure();
}
