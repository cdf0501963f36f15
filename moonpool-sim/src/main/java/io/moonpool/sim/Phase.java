package io.moonpool.sim;

/**
 * The phases of one iteration, in order.
 */
public enum Phase {
    /** Each workload's {@code setup}, one after another. */
    SETUP,
    /**
     * Every workload's {@code run}, concurrently, with the processes (booted as the phase starts) and, for the
     * chaos duration, the fault injectors.
     */
    RUN,
    /** After the run phase: every rebooted process comes back before checks run. */
    SETTLE,
    /** Each workload's {@code check}, one after another. */
    CHECK
}
