package io.moonpool.api.fault;

/**
 * How a resource's faults are drawn per seed. Each resource's configuration carries its own mode (for
 * example {@code NetworkConfig.builder().chaos(ChaosMode.SWARM)}), so a mode never names a plugin.
 */
public enum ChaosMode {
    /** The faults are used exactly as configured, and drawing them costs nothing. The default. */
    OFF,
    /** Every fault family's knobs are drawn per seed, within the configured bounds. */
    RANDOM,
    /**
     * As {@link #RANDOM}, and each fault family is also switched fully off with probability one half per
     * seed (swarm testing: some seeds explore few faults deeply, others many at once).
     */
    SWARM
}
