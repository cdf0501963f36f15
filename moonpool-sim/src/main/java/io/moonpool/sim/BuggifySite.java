package io.moonpool.sim;

import java.util.List;

/**
 * One buggify site of a simulation, over all its iterations.
 *
 * @param site        its name
 * @param seedsActive the seeds in which it was active, in order
 * @param calls       how many times its code ran
 * @param fired       how many of those took the buggy path
 */
public record BuggifySite(String site, List<Long> seedsActive, long calls, long fired) {

    /** Defensive copy. */
    public BuggifySite {
        seedsActive = List.copyOf(seedsActive);
    }
}
