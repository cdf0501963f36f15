package io.moonpool.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * Simulated time.
 *
 * <p><b>Simulation semantics.</b> Time advances only when no task can run, and then jumps straight to the
 * next scheduled event, so a sleep of an hour costs no real time. Real-time waits ({@link Thread#sleep},
 * timed parks, JDK waits with a timeout) are detected and fail the seed: use this interface instead.
 * Every simulation starts at the same instant, so {@link #now()} is reproducible.
 */
public interface Time {

    /**
     * The current simulated instant.
     *
     * @return the simulated wall-clock time
     */
    Instant now();

    /**
     * Simulated nanoseconds since the start of the iteration, for measuring intervals.
     *
     * @return a monotonic simulated nanosecond count
     */
    long nanoTime();

    /**
     * Blocks the calling task for a simulated duration.
     *
     * @param duration how long to sleep; zero returns at once (other runnable tasks may run first)
     * @throws InterruptedException if the task is interrupted while sleeping
     * @throws IllegalArgumentException if {@code duration} is negative
     * @throws IllegalStateException if called outside a simulated task
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Runs {@code body} on the calling task and gives up on it after a simulated time limit.
     *
     * <p>When the limit passes before {@code body} returns, the calling task is interrupted, so that a
     * blocking call inside {@code body} ends; this method then clears the interrupt and throws
     * {@link TimeoutException}. If {@code body} returns normally, its value is returned even when it
     * ignored the interrupt and overran the limit. The interrupt closes a {@link Connection} or a
     * {@link Listener} the body was blocked on, as the JDK closes a real socket (see {@link Connection}).
     *
     * @param limit the simulated time allowed
     * @param body  the work to bound
     * @param <T>   the type of the result
     * @return what {@code body} returned
     * @throws TimeoutException if the limit passed and {@code body} did not return normally
     * @throws Exception whatever {@code body} threw before the limit passed
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    <T> T timeout(Duration limit, Callable<T> body) throws Exception;

    /**
     * A {@link Clock} view of simulated time in UTC, for code that takes a {@code Clock}.
     *
     * @return a clock whose {@code instant()} is {@link #now()}
     */
    Clock clock();
}
