package io.moonpool.sim;

/**
 * The phases of one iteration, in order.
 */
public enum Phase {
    /** Each workload's {@code setup}, one after another. */
    SETUP,
    /** Every workload's {@code run}, concurrently. */
    RUN,
    /** Each workload's {@code check}, one after another. */
    CHECK
}
