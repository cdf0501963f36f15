package io.moonpool.api.config;

import io.moonpool.api.fault.ChaosMode;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Draws one seed's fault knobs for a resource in chaos mode: the one helper every plugin's chaos draw uses, so
 * that each family is switched on and drawn the same way everywhere.
 *
 * <p>Every draw first asks whether the family is on: in {@link ChaosMode#SWARM}, one coin per family (on with
 * probability one half); in {@link ChaosMode#RANDOM}, always on, without a draw. An "on" family then draws its
 * value uniformly between off and its bound.
 *
 * <p><b>Determinism.</b> Draw from a plugin's configuration stream ({@code KernelServices.configRandom()}), in
 * a fixed order of families; a family that is not configured and has no fallback draws nothing at all.
 */
public final class ChaosDice {

    private final boolean swarm;
    private final RandomGenerator random;

    /**
     * Dice for one draw of one resource's configuration.
     *
     * @param mode   {@link ChaosMode#RANDOM} or {@link ChaosMode#SWARM}
     * @param random the plugin's configuration stream
     */
    public ChaosDice(ChaosMode mode, RandomGenerator random) {
        this.swarm = Objects.requireNonNull(mode, "mode") == ChaosMode.SWARM;
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Whether the next family is on for this seed: one coin in swarm mode, no draw otherwise.
     *
     * @return true when the family is on
     */
    public boolean familyOn() {
        return !swarm || random.nextBoolean();
    }

    /**
     * A family's probability, between 0 and its configured value, or its fallback bound when not configured.
     *
     * @param configured the configured probability; 0 when not configured
     * @param fallback   the moderate bound used when not configured
     * @return the drawn probability; 0 when the family is off
     */
    public double probability(double configured, double fallback) {
        return familyOn() ? random.nextDouble() * (configured > 0 ? configured : fallback) : 0;
    }

    /**
     * A probability of a family that stays off unless configured (those that damage data): when not
     * configured, 0 without any draw.
     *
     * @param configured the configured probability
     * @return the drawn probability; 0 when not configured or off
     */
    public double probabilityIfSet(double configured) {
        return configured > 0 && familyOn() ? random.nextDouble() * configured : 0;
    }

    /**
     * A family's upper bound of a duration, between zero and its configured value, or its fallback when not
     * configured.
     *
     * @param configured the configured bound; zero when not configured
     * @param fallback   the moderate bound used when not configured
     * @return the drawn bound; zero when the family is off
     */
    public Duration upTo(Duration configured, Duration fallback) {
        return familyOn() ? between(Duration.ZERO, configured.isPositive() ? configured : fallback) : Duration.ZERO;
    }

    /**
     * A duration drawn uniformly between two values, both included; no draw when {@code max <= min}.
     *
     * @param min the smallest value
     * @param max the largest value
     * @return the drawn duration, {@code min} when the range holds one value
     */
    public Duration between(Duration min, Duration max) {
        long lo = min.toNanos();
        long hi = max.toNanos();
        return Duration.ofNanos(hi <= lo ? lo : random.nextLong(lo, hi + 1));
    }
}
