package io.moonpool.net.internal;

import io.moonpool.api.Buggify;
import io.moonpool.api.spi.BuggifyDraws;
import io.moonpool.api.spi.KernelServices;

/**
 * The network's built-in buggify sites, and how much each one perturbs when it fires.
 *
 * <p>Whether a site fires is {@link Buggify}'s decision, from its own stream. How much (an extra delay, where
 * a short read ends) is drawn here, from a stream of the network's own that nothing else draws from: neither
 * kind of draw touches the simulation stream, so a site firing shifts no other decision of the seed. The
 * sites fire only during the chaos phase, like every other network fault, so setup and the checks run on a
 * quiet network. Every extra delay is bounded by {@link #MAX_DELAY_NANOS}.
 */
final class BuggifySites {

    /** A piece of data is delivered later than the configured latency (head-of-line: later pieces wait). */
    static final String DELIVERY_DELAY = "net.delivery.delay";

    /** An accept returns later than the configured accept latency, with the connection already pending. */
    static final String ACCEPT_DELAY = "net.accept.delay";

    /** A read returns fewer bytes than are buffered and asked for, even with partial I/O off. */
    static final String READ_SHORT = "net.read.short";

    /**
     * A write goes out in a few pieces, the later ones a little after the first, so that the reader sees it
     * arrive in parts, even with partial I/O off. The write itself still sends every byte before it returns.
     */
    static final String WRITE_SHORT = "net.write.short";

    /**
     * A node's first connect of each process life is refused, as a real one is when the peer is not up yet.
     * Only a first connect made during the chaos phase can be; a later one never is.
     */
    static final String CONNECT_FIRST_REFUSED = "net.connect.first.refused";

    /** The longest extra delay a site adds: a TCP retransmission's order of magnitude (100 ms). */
    static final long MAX_DELAY_NANOS = 100_000_000L;

    /** The shortest extra delay a site adds (10 µs): below it a delay is lost in the configured latency. */
    static final long MIN_DELAY_NANOS = 10_000L;

    /** Salts the network's own stream of buggify amounts, apart from its configuration draws. */
    private static final long AMOUNTS_SALT = 0xB066_1F75_17E5L;

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
     * An extra delay, log-uniform between {@link #MIN_DELAY_NANOS} and {@link #MAX_DELAY_NANOS}.
     *
     * @return nanoseconds
     */
    long extraDelay() {
        return draws.logUniform(MIN_DELAY_NANOS, MAX_DELAY_NANOS);
    }

    /**
     * A draw in {@code [0, bound)} for the shape of a perturbation (where a short read ends).
     *
     * @param bound positive
     * @return the draw
     */
    int nextInt(int bound) {
        return draws.nextInt(bound);
    }
}
