package io.moonpool.api.fault;

import io.moonpool.api.config.ConfigurationProblems;
import io.moonpool.api.config.DurationRange;
import java.time.Duration;

/**
 * How long a rebooted process stays down and how long a graceful shutdown may take: the ranges every reboot
 * draws from, whichever injector asks for it through {@link FaultContext#reboot}. Attrition's own reboots
 * draw from the ranges of its {@link Attrition} configuration instead.
 *
 * <p>Both are drawn uniformly, in nanoseconds, from the simulation's random stream. The shortest recovery
 * delay must be positive (a process back at the instant it went down could be rebooted again at that instant
 * forever); the grace period may be zero (the process is killed as soon as its shutdown is requested). Every
 * bound is at most {@link ConfigurationProblems#MAX_DURATION}.
 *
 * @param minRecoveryDelay the shortest time a killed process stays down before its restart
 * @param maxRecoveryDelay the longest, at least {@code minRecoveryDelay}
 * @param minGracePeriod   the shortest time a graceful shutdown has to return from {@code run}
 * @param maxGracePeriod   the longest, at least {@code minGracePeriod}
 */
public record RebootTiming(
        Duration minRecoveryDelay, Duration maxRecoveryDelay, Duration minGracePeriod, Duration maxGracePeriod) {

    /**
     * Validates every component, listing every problem at once.
     *
     * @throws io.moonpool.api.ConfigurationException naming each invalid field
     */
    public RebootTiming {
        ConfigurationProblems problems = new ConfigurationProblems("reboot timing");
        checkRanges(problems, "reboot timing", minRecoveryDelay, maxRecoveryDelay, minGracePeriod, maxGracePeriod);
        problems.throwIfAny();
    }

    /**
     * The rules of a recovery-delay and a grace-period range, shared with {@link Attrition}: the shortest
     * recovery delay positive, both ranges valid and within {@link ConfigurationProblems#MAX_DURATION}.
     */
    static void checkRanges(
            ConfigurationProblems problems,
            String subject,
            Duration minRecoveryDelay,
            Duration maxRecoveryDelay,
            Duration minGracePeriod,
            Duration maxGracePeriod) {
        if (minRecoveryDelay != null && minRecoveryDelay.isZero()) {
            problems.add(subject + " recoveryDelay minimum must be positive, was " + minRecoveryDelay + ": a process"
                    + " back at the instant it went down would be rebooted again at that instant forever; use e.g. a"
                    + " minimum of Duration.ofMillis(1)");
        }
        problems.range("recoveryDelay", range(minRecoveryDelay, maxRecoveryDelay))
                .range("gracePeriod", range(minGracePeriod, maxGracePeriod));
    }

    private static DurationRange range(Duration min, Duration max) {
        return min == null || max == null ? null : new DurationRange(min, max);
    }

    /**
     * The defaults, the same as {@link Attrition#defaults()}: recovery in 1 to 10 s, a grace period of 2 to
     * 5 s (simulated).
     *
     * @return the default timing
     */
    public static RebootTiming defaults() {
        return new RebootTiming(
                Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /**
     * A timing from a recovery-delay range and a grace-period range.
     *
     * @param minRecoveryDelay the shortest recovery delay; positive
     * @param maxRecoveryDelay the longest recovery delay
     * @param minGracePeriod   the shortest grace period; zero or more
     * @param maxGracePeriod   the longest grace period
     * @return the timing
     * @throws io.moonpool.api.ConfigurationException naming each invalid field
     */
    public static RebootTiming of(
            Duration minRecoveryDelay, Duration maxRecoveryDelay, Duration minGracePeriod, Duration maxGracePeriod) {
        return new RebootTiming(minRecoveryDelay, maxRecoveryDelay, minGracePeriod, maxGracePeriod);
    }

    /**
     * The longest a reboot can keep a process away: its longest grace period plus its longest recovery delay.
     *
     * @return the sum, which fits in nanoseconds since each part is at most
     *         {@link ConfigurationProblems#MAX_DURATION}
     */
    public Duration longestOutage() {
        return maxGracePeriod.plus(maxRecoveryDelay);
    }
}
