package io.moonpool.api;

/**
 * The signal that a graceful shutdown of this node has begun.
 *
 * <p>A process that sees it should finish what it is doing and return from {@code run} before its grace
 * period ends; past the grace period it is killed.
 */
public interface Shutdown {

    /**
     * Whether shutdown has been requested.
     *
     * @return true once the signal has fired; it never resets within a process life
     */
    boolean isRequested();

    /**
     * Blocks the calling task until shutdown is requested.
     *
     * @throws InterruptedException if the calling task is interrupted while waiting
     */
    void await() throws InterruptedException;
}
