package io.moonpool.api;

import io.moonpool.api.spi.BuggifySink;
import io.moonpool.api.spi.SinkPresence;

/**
 * Extra chaos in the code under test: a named site takes a rare path (a delay, a short read, a retry) in
 * some seeds, to widen the timing windows where bugs hide.
 *
 * <pre>{@code
 * if (Buggify.fire("replica.slow-apply")) {
 *     ctx.time().sleep(Duration.ofMillis(50));
 * }
 * }</pre>
 *
 * <p><b>Simulation semantics.</b> Per seed, each site is activated or not once, at its first use, with
 * probability {@value #ACTIVATION}; an active site then fires with probability {@value #FIRING} per call (or
 * the one given to {@link #fire(String, double)}). The decisions come from a stream of their own, salted by the
 * site's name, so adding a site shifts neither the simulation's other decisions nor other sites'. The report
 * lists every site with the seeds where it was active and the times it fired. Off (every call false) outside
 * a simulation, from a thread the simulation does not run, and with {@code SimulationBuilder.buggify(false)}.
 */
public final class Buggify {

    /** The chance that a site is active in a seed. */
    public static final double ACTIVATION = 0.25;

    /** The default chance that an active site fires on a call. */
    public static final double FIRING = 0.25;

    private Buggify() {}

    /**
     * Whether buggify is on for the calling code.
     *
     * @return true inside a simulation that did not turn it off
     */
    public static boolean enabled() {
        return SinkPresence.possible()
                && BuggifySink.CURRENT.isBound()
                && BuggifySink.CURRENT.get().enabled();
    }

    /**
     * Whether this site fires now, with the default firing probability.
     *
     * @param site the site's name, unique in the system under test
     * @return true to take the buggy path
     */
    public static boolean fire(String site) {
        return fire(site, FIRING);
    }

    /**
     * Whether this site fires now.
     *
     * @param site        the site's name
     * @param probability the chance an active site fires on this call, between 0 and 1
     * @return true to take the buggy path
     * @throws IllegalArgumentException if {@code probability} is not between 0 and 1
     */
    public static boolean fire(String site, double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException(
                    "Buggify.fire(site, probability): probability must be between 0 and" + " 1, was " + probability);
        }
        return SinkPresence.possible()
                && BuggifySink.CURRENT.isBound()
                && BuggifySink.CURRENT.get().fire(site, probability);
    }
}
