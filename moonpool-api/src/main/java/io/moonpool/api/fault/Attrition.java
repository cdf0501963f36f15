package io.moonpool.api.fault;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.ConfigurationProblems;
import io.moonpool.api.DurationRange;

import java.time.Duration;
import java.util.Objects;

/**
 * The built-in attrition injector's configuration: during the chaos phase it reboots live processes at
 * seeded-random times, choosing the kind by weight, and never lets more than {@code maxDead} processes be
 * dead at the same instant.
 *
 * <p>The three probabilities are weights, normalised over their sum; a zero weight disables that kind.
 *
 * <p>{@code maxDead} bounds attrition's own decisions: it never reboots a process while {@code maxDead}
 * processes are down, whoever took them down. Other injectors (a rolling restart, your own) are not held to
 * it, so running them together can take more processes down at once.
 *
 * @param maxDead           the most processes dead (shutting down or awaiting restart) at once; at least 1,
 *                          and below the number of processes (checked when the simulation runs)
 * @param probGraceful      the weight of {@link RebootKind#GRACEFUL}
 * @param probCrash         the weight of {@link RebootKind#CRASH}
 * @param probWipe          the weight of {@link RebootKind#CRASH_AND_WIPE}
 * @param minRecoveryDelay  the shortest time a process stays down
 * @param maxRecoveryDelay  the longest time a process stays down
 * @param minGracePeriod    the shortest grace period of a graceful shutdown
 * @param maxGracePeriod    the longest grace period of a graceful shutdown
 */
public record Attrition(int maxDead, double probGraceful, double probCrash, double probWipe,
                        Duration minRecoveryDelay, Duration maxRecoveryDelay,
                        Duration minGracePeriod, Duration maxGracePeriod) {

    /**
     * Validates every component.
     *
     * @throws ConfigurationException listing every invalid component and how to fix it
     */
    public Attrition {
        ConfigurationProblems problems = new ConfigurationProblems("attrition");
        if (maxDead < 1) {
            problems.add("attrition maxDead must be at least 1, was " + maxDead);
        }
        checkWeight(problems, "probGraceful", probGraceful);
        checkWeight(problems, "probCrash", probCrash);
        checkWeight(problems, "probWipe", probWipe);
        if (probGraceful == 0 && probCrash == 0 && probWipe == 0) {
            problems.add("attrition weights probGraceful, probCrash and probWipe are all zero: give at least one a"
                    + " positive weight");
        }
        problems.range("recoveryDelay", range(minRecoveryDelay, maxRecoveryDelay))
                .range("gracePeriod", range(minGracePeriod, maxGracePeriod))
                .throwIfAny();
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

    private static void checkWeight(ConfigurationProblems problems, String name, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            problems.add("attrition " + name + " must be a finite weight >= 0, was " + weight);
        }
    }

    private static DurationRange range(Duration min, Duration max) {
        return min == null || max == null ? null : new DurationRange(min, max);
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

        private Builder() {
        }

        /**
         * The most processes dead at once.
         *
         * @param maxDead at least 1
         * @return this builder
         */
        public Builder maxDead(int maxDead) {
            this.maxDead = maxDead;
            return this;
        }

        /**
         * The weight of graceful reboots.
         *
         * @param weight at least 0
         * @return this builder
         */
        public Builder probGraceful(double weight) {
            this.probGraceful = weight;
            return this;
        }

        /**
         * The weight of crashes.
         *
         * @param weight at least 0
         * @return this builder
         */
        public Builder probCrash(double weight) {
            this.probCrash = weight;
            return this;
        }

        /**
         * The weight of crashes that wipe the process's storage.
         *
         * @param weight at least 0
         * @return this builder
         */
        public Builder probWipe(double weight) {
            this.probWipe = weight;
            return this;
        }

        /**
         * How long a rebooted process stays down, drawn uniformly per reboot.
         *
         * @param min the shortest
         * @param max the longest
         * @return this builder
         */
        public Builder recoveryDelay(Duration min, Duration max) {
            this.minRecoveryDelay = Objects.requireNonNull(min, "min");
            this.maxRecoveryDelay = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * How long a gracefully rebooted process has to return from {@code run}, drawn uniformly per reboot.
         *
         * @param min the shortest
         * @param max the longest
         * @return this builder
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
            return new Attrition(maxDead, probGraceful, probCrash, probWipe, minRecoveryDelay, maxRecoveryDelay,
                    minGracePeriod, maxGracePeriod);
        }
    }
}
