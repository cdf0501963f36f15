package io.moonpool.api.fault;

/**
 * How a resource's faults are drawn per seed when chaos is on for it.
 */
public enum ChaosMode {
    /** Every fault family's knobs are drawn per seed, within the configured bounds. */
    RANDOM,
    /**
     * As {@link #RANDOM}, and each fault family is also switched fully off with probability one half per
     * seed (swarm testing: some seeds explore few faults deeply, others many at once).
     */
    SWARM
}
