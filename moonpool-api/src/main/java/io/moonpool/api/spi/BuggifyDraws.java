package io.moonpool.api.spi;

import io.moonpool.api.Buggify;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What a resource plugin's own buggify sites decide with: whether a site fires, and how much it perturbs.
 *
 * <p>Whether a site fires is {@link Buggify}'s decision, from buggify's stream, and only during the chaos
 * phase, like every other fault, so that setup and the checks see a quiet world. How much (an extra delay,
 * where a short read ends) is drawn from a stream of the plugin's own, made at the first draw from the
 * plugin's configuration stream, which nothing draws from once the plugin has started: so the amounts depend
 * on the seed alone, a site firing shifts no other decision of the seed, and with no site firing nothing is
 * drawn at all.
 *
 * <p><b>Threading.</b> One per plugin instance, used by its tasks and events one at a time: no locks.
 */
public final class BuggifyDraws {

    private final KernelServices kernel;
    private final long salt;
    private RandomGenerator amounts;
    // the iteration's sink, found once: a plugin instance lives for one iteration, and its sites are on hot paths
    private BuggifySink sink;
    private boolean sinkLooked;

    /**
     * The draws of one plugin instance.
     *
     * @param kernel the plugin's kernel services
     * @param salt   a constant of the plugin's own, so that two plugins' amounts differ
     */
    public BuggifyDraws(KernelServices kernel, long salt) {
        this.kernel = java.util.Objects.requireNonNull(kernel, "kernel");
        this.salt = salt;
    }

    /**
     * Whether a site fires now: only during the chaos phase, and only when buggify decides so.
     *
     * @param site the site's name, such as {@code "net.delivery.delay"}; named in the report
     * @return true to perturb
     */
    public boolean fire(String site) {
        if (!kernel.chaosActive()) {
            return false;
        }
        if (!sinkLooked && BuggifySink.CURRENT.isBound()) {
            // looked up once found: a call made outside the iteration's bindings must not turn buggify off for good
            sink = BuggifySink.CURRENT.get();
            sinkLooked = true;
        }
        return sink != null && sink.fire(site, Buggify.FIRING);
    }

    /**
     * A value log-uniform in {@code [min, max]}: every order of magnitude as likely, so that short hiccups and
     * long ones both widen timing windows. Computed with {@code StrictMath}, so that every JVM draws the same.
     *
     * @param min the least value, positive
     * @param max the most, at least {@code min}
     * @return the draw
     * @throws IllegalArgumentException if {@code min} is not positive or {@code max < min}
     */
    public long logUniform(long min, long max) {
        if (min <= 0 || max < min) {
            throw new IllegalArgumentException("logUniform needs 0 < min <= max, was [" + min + ", " + max + "]");
        }
        double lo = StrictMath.log(min);
        double hi = StrictMath.log(max);
        long v = (long) StrictMath.exp(lo + amounts().nextDouble() * (hi - lo));
        return Math.clamp(v, min, max);
    }

    /**
     * A draw in {@code [0, bound)}, for the shape of a perturbation (where a short read ends).
     *
     * @param bound positive
     * @return the draw
     * @throws IllegalArgumentException if {@code bound} is not positive
     */
    public int nextInt(int bound) {
        return amounts().nextInt(bound);
    }

    private RandomGenerator amounts() {
        if (amounts == null) {
            amounts = new SplittableRandom(kernel.configRandom().nextLong() ^ salt);
        }
        return amounts;
    }
}
