package io.moonpool.api.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A closed range of simulated durations, from which a value is drawn uniformly when the range is wider than
 * one value. A range of one value draws nothing from the random stream.
 *
 * @param min the smallest value
 * @param max the largest value
 */
public record DurationRange(Duration min, Duration max) {

    /**
     * Checks for null; whether {@code min <= max} and both are non-negative is checked by the configuration
     * that holds the range (see {@link ConfigurationProblems#range}), which names its field.
     */
    public DurationRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
    }

    /**
     * A range of exactly one value.
     *
     * @param value the value
     * @return the range
     */
    public static DurationRange of(Duration value) {
        return new DurationRange(value, value);
    }
}
