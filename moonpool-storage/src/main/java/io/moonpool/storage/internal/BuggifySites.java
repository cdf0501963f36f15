package io.moonpool.storage.internal;

import io.moonpool.api.Buggify;
import io.moonpool.api.spi.BuggifyDraws;
import io.moonpool.api.spi.KernelServices;

/**
 * The storage's built-in buggify sites, and how much each one perturbs when it fires.
 *
 * <p>Whether a site fires is {@link Buggify}'s decision, from its own stream. How much is drawn here, from a
 * stream of the storage's own that nothing else draws from, so that a site firing shifts no other decision
 * of the seed (neither the simulation stream nor any disk's knobs or crash outcomes). The sites fire only
 * during the chaos phase, like every other storage fault, so setup and the checks run on quiet disks.
 * One instance serves every disk of an iteration.
 */
final class BuggifySites {

    /**
     * A force (or a directory sync) takes longer than the configured sync latency, keeping the disk busy, as
     * a real fsync does behind a cache full of dirty pages.
     */
    static final String FORCE_SLOW = "storage.force.slow";

    /** The least extra time a slow force takes (1 ms). */
    static final long MIN_SLOW_FORCE_NANOS = 1_000_000L;

    /** The most extra time a slow force takes (500 ms): a congested disk's fsync, not a dead one. */
    static final long MAX_SLOW_FORCE_NANOS = 500_000_000L;

    /** Salts the storage's own stream of buggify amounts, apart from its configuration draws. */
    private static final long AMOUNTS_SALT = 0x5106_F0AC_EL;

    private final BuggifyDraws draws;

    BuggifySites(KernelServices kernel) {
        this.draws = new BuggifyDraws(kernel, AMOUNTS_SALT);
    }

    /**
     * Whether a site fires now: only during the chaos phase, and only when buggify decides so.
     *
     * @param site one of the constants
     * @return true to perturb
     */
    boolean fire(String site) {
        return draws.fire(site);
    }

    /**
     * The extra time of a slow force: log-uniform between {@link #MIN_SLOW_FORCE_NANOS} and
     * {@link #MAX_SLOW_FORCE_NANOS}, so that every order of magnitude is as likely.
     *
     * @return nanoseconds
     */
    long slowForce() {
        return draws.logUniform(MIN_SLOW_FORCE_NANOS, MAX_SLOW_FORCE_NANOS);
    }
}
