package io.moonpool.api.fault;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.FailureDomain;
import io.moonpool.api.config.ConfigurationProblems;
import java.time.Duration;
import java.util.Objects;

/**
 * The built-in attrition injector's configuration: during the chaos phase it reboots live processes at
 * seeded-random times, choosing the kind by weight, and never lets more than {@code maxDead} processes be
 * dead at the same instant.
 *
 * <p>The three probabilities are weights, normalised over their sum; a zero weight disables that kind. Each
 * must be finite and not negative, at least one positive, and their sum finite (three weights of
 * {@code Double.MAX_VALUE} add up to infinity, which normalises every kind but the last away).
 *
 * <p>The recovery delay and the grace period are drawn uniformly from their ranges in nanoseconds. Every
 * bound is at most {@link ConfigurationProblems#MAX_DURATION} (about 50 years), so that the runner's sums of
 * them (its settle bound is the longest grace period plus the longest recovery delay plus a margin) cannot
 * overflow. The shortest recovery delay must be positive, so a process always stays down for some simulated
 * time: the attrition injector waits less than the longest recovery delay between two decisions, so with
 * zero delays a process rebooted at an instant would be back at that instant and rebooted again there, over
 * and over, and simulated time would never advance (the run failed as a livelock). The grace period may be
 * zero (the process is killed as soon as its shutdown is requested).
 *
 * <p>{@code maxDead} bounds attrition's own decisions: it never reboots a process while {@code maxDead}
 * processes are down, whoever took them down. Other injectors (a rolling restart, your own) are not held to
 * it, so running them together can take more processes down at once.
 *
 * <p><b>Scope.</b> Attrition reboots one unit of its {@code scope} at a time: a process
 * ({@link FailureDomain#PROCESS}, the default), or every live process of a machine, a zone or a datacenter at
 * once (through {@link FaultContext#reboot(FailureDomain, String, RebootKind)}). {@code maxDead} then counts
 * dead units: a unit is dead while any of its processes is shutting down or awaiting its restart (an exited
 * process counts as not dead), and attrition reboots a random alive unit
 * ({@link FaultContext#isAlive(FailureDomain, String)}) only while fewer than {@code maxDead} units are dead.
 * When the simulation runs, {@code maxDead} must be below the number of units of the scope (for a layout
 * drawn per seed, below the smallest number it can draw).
 *
 * @param maxDead           the most processes dead (shutting down or awaiting restart) at once; at least 1,
 *                          and below the number of processes (checked when the simulation runs)
 * @param probGraceful      the weight of {@link RebootKind#GRACEFUL}
 * @param probCrash         the weight of {@link RebootKind#CRASH}
 * @param probWipe          the weight of {@link RebootKind#CRASH_AND_WIPE}
 * @param minRecoveryDelay  the shortest time a process stays down; positive
 * @param maxRecoveryDelay  the longest time a process stays down; at least {@code minRecoveryDelay} and at
 *                          most {@link ConfigurationProblems#MAX_DURATION}
 * @param minGracePeriod    the shortest grace period of a graceful shutdown; not negative
 * @param maxGracePeriod    the longest grace period of a graceful shutdown; at least {@code minGracePeriod}
 *                          and at most {@link ConfigurationProblems#MAX_DURATION}
 * @param scope             the unit attrition takes down and {@code maxDead} counts; not null
 */
public record Attrition(
        int maxDead,
        double probGraceful,
        double probCrash,
        double probWipe,
        Duration minRecoveryDelay,
        Duration maxRecoveryDelay,
        Duration minGracePeriod,
        Duration maxGracePeriod,
        FailureDomain scope) {

    /**
     * Validates every component: {@code maxDead} at least 1; the scope present; each weight finite and not negative, at least one
     * positive, their sum finite; the ranges present, not negative, their minimum at most their maximum and
     * their maximum at most {@link ConfigurationProblems#MAX_DURATION}; the shortest recovery delay positive.
     *
     * @throws ConfigurationException listing every invalid component and how to fix it
     */
    public Attrition {
        ConfigurationProblems problems = new ConfigurationProblems("attrition");
        if (maxDead < 1) {
            problems.add("attrition maxDead must be at least 1, was " + maxDead);
        }
        // each weight is checked (and reported) on its own; the sum only when all three are valid
        boolean weightsValid = checkWeight(problems, "probGraceful", probGraceful);
        weightsValid &= checkWeight(problems, "probCrash", probCrash);
        weightsValid &= checkWeight(problems, "probWipe", probWipe);
        if (probGraceful == 0 && probCrash == 0 && probWipe == 0) {
            problems.add("attrition weights probGraceful, probCrash and probWipe are all zero: give at least one a"
                    + " positive weight");
        } else if (weightsValid && !Double.isFinite(probGraceful + probCrash + probWipe)) {
            problems.add("attrition weights probGraceful (" + probGraceful + "), probCrash (" + probCrash
                    + ") and probWipe (" + probWipe + ") add up to infinity: they are normalised over their sum,"
                    + " so give smaller ones in the same proportions, e.g. 1, 1, 1");
        }
        RebootTiming.checkRanges(
                problems, "attrition", minRecoveryDelay, maxRecoveryDelay, minGracePeriod, maxGracePeriod);
        if (scope == null) {
            problems.add("attrition scope must not be null: give FailureDomain.PROCESS (the default), MACHINE, ZONE"
                    + " or DATACENTER");
        }
        problems.throwIfAny();
    }

    /**
     * An attrition of {@link FailureDomain#PROCESS} scope: the configuration as it was before scopes.
     *
     * @param maxDead          the most processes dead at once
     * @param probGraceful     the weight of {@link RebootKind#GRACEFUL}
     * @param probCrash        the weight of {@link RebootKind#CRASH}
     * @param probWipe         the weight of {@link RebootKind#CRASH_AND_WIPE}
     * @param minRecoveryDelay the shortest time a process stays down
     * @param maxRecoveryDelay the longest time a process stays down
     * @param minGracePeriod   the shortest grace period
     * @param maxGracePeriod   the longest grace period
     * @throws ConfigurationException listing every invalid component, as the canonical constructor
     */
    public Attrition(
            int maxDead,
            double probGraceful,
            double probCrash,
            double probWipe,
            Duration minRecoveryDelay,
            Duration maxRecoveryDelay,
            Duration minGracePeriod,
            Duration maxGracePeriod) {
        this(
                maxDead,
                probGraceful,
                probCrash,
                probWipe,
                minRecoveryDelay,
                maxRecoveryDelay,
                minGracePeriod,
                maxGracePeriod,
                FailureDomain.PROCESS);
    }

    /**
     * The ranges attrition's own reboots draw from: its recovery delay and grace period.
     *
     * @return them as a {@link RebootTiming}
     */
    public RebootTiming timing() {
        return new RebootTiming(minRecoveryDelay, maxRecoveryDelay, minGracePeriod, maxGracePeriod);
    }

    /**
     * A sensible configuration: one process dead at a time, crashes most often, recovery in 1 to 10 s, grace
     * periods of 2 to 5 s.
     *
     * @return the defaults
     */
    public static Attrition defaults() {
        return builder().build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Draws a reboot kind by weight.
     *
     * @param uniform a number in [0, 1)
     * @return the kind
     */
    public RebootKind kindFor(double uniform) {
        double x = uniform * (probGraceful + probCrash + probWipe);
        if (x < probGraceful) {
            return RebootKind.GRACEFUL;
        }
        if (x < probGraceful + probCrash) {
            return RebootKind.CRASH;
        }
        // the last kind with a weight; also absorbs rounding at the top of the range
        return probWipe > 0 ? RebootKind.CRASH_AND_WIPE : probCrash > 0 ? RebootKind.CRASH : RebootKind.GRACEFUL;
    }

    /** Records a problem unless the weight is finite and not negative; returns whether it is. */
    private static boolean checkWeight(ConfigurationProblems problems, String name, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            problems.add("attrition " + name + " must be a finite weight >= 0, was " + weight);
            return false;
        }
        return true;
    }

    /** Builds an {@link Attrition}; {@link #build()} validates. */
    public static final class Builder {
        private int maxDead = 1;
        private double probGraceful = 0.3;
        private double probCrash = 0.5;
        private double probWipe = 0.2;
        private Duration minRecoveryDelay = Duration.ofSeconds(1);
        private Duration maxRecoveryDelay = Duration.ofSeconds(10);
        private Duration minGracePeriod = Duration.ofSeconds(2);
        private Duration maxGracePeriod = Duration.ofSeconds(5);
        private FailureDomain scope = FailureDomain.PROCESS;

        private Builder() {}

        /**
         * The unit attrition takes down at a time and {@code maxDead} counts: a process (the default), a
         * machine, a zone or a datacenter; see {@link Attrition}.
         *
         * @param scope the failure domain
         * @return this builder
         * @throws NullPointerException if {@code scope} is null, naming the valid values
         */
        public Builder scope(FailureDomain scope) {
            this.scope = Objects.requireNonNull(
                    scope, "attrition scope must not be null: give FailureDomain.PROCESS, MACHINE, ZONE or DATACENTER");
            return this;
        }

        /**
         * The most processes (or units of the {@link #scope(FailureDomain) scope}) dead at once.
         *
         * @param maxDead at least 1
         * @return this builder
         */
        public Builder maxDead(int maxDead) {
            this.maxDead = maxDead;
            return this;
        }

        /**
         * The weight of graceful reboots. The three weights are normalised over their sum; {@link #build()}
         * checks that each is finite and not negative, at least one positive, and their sum finite.
         *
         * @param weight at least 0
         * @return this builder
         */
        public Builder probGraceful(double weight) {
            this.probGraceful = weight;
            return this;
        }

        /**
         * The weight of crashes; see {@link #probGraceful(double)} for the rules of the weights.
         *
         * @param weight at least 0
         * @return this builder
         */
        public Builder probCrash(double weight) {
            this.probCrash = weight;
            return this;
        }

        /**
         * The weight of crashes that wipe the process's storage; see {@link #probGraceful(double)} for the
         * rules of the weights.
         *
         * @param weight at least 0
         * @return this builder
         */
        public Builder probWipe(double weight) {
            this.probWipe = weight;
            return this;
        }

        /**
         * How long a rebooted process stays down, drawn uniformly per reboot; this also applies to reboots
         * made by other injectors. Checked by {@link #build()}: the minimum must be positive (a process back
         * at the instant it went down would be rebooted again at that instant forever, see {@link Attrition}),
         * the maximum at least the minimum and at most {@link ConfigurationProblems#MAX_DURATION}. The
         * attrition injector waits up to the maximum between decisions, so a tiny maximum means very many
         * reboots.
         *
         * @param min the shortest; positive
         * @param max the longest
         * @return this builder
         * @throws NullPointerException if {@code min} or {@code max} is null
         */
        public Builder recoveryDelay(Duration min, Duration max) {
            this.minRecoveryDelay = Objects.requireNonNull(min, "min");
            this.maxRecoveryDelay = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * How long a gracefully rebooted process has to return from {@code run}, drawn uniformly per reboot.
         * Checked by {@link #build()}: the minimum must not be negative (zero kills the process as soon as its
         * shutdown is requested), the maximum at least the minimum and at most
         * {@link ConfigurationProblems#MAX_DURATION}.
         *
         * @param min the shortest; not negative
         * @param max the longest
         * @return this builder
         * @throws NullPointerException if {@code min} or {@code max} is null
         */
        public Builder gracePeriod(Duration min, Duration max) {
            this.minGracePeriod = Objects.requireNonNull(min, "min");
            this.maxGracePeriod = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the configuration
         * @throws ConfigurationException listing every invalid setting
         */
        public Attrition build() {
            return new Attrition(
                    maxDead,
                    probGraceful,
                    probCrash,
                    probWipe,
                    minRecoveryDelay,
                    maxRecoveryDelay,
                    minGracePeriod,
                    maxGracePeriod,
                    scope);
        }
    }
}
