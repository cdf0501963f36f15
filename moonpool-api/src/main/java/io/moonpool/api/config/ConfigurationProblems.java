package io.moonpool.api.config;

import io.moonpool.api.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with a configuration while it is validated, so that one
 * {@link ConfigurationException} can name every problem at once. Each check names the field and what a
 * valid value looks like.
 *
 * <p><b>Simulated durations.</b> Every simulated duration a configuration accepts is at most
 * {@link #MAX_DURATION}, which the duration checks here ({@link #nonNegative(String, Duration)},
 * {@link #positive(String, Duration)}, {@link #range(String, DurationRange)}) enforce. The simulator keeps
 * time as a {@code long} of nanoseconds, which holds about 292 years; the bound is well below that so that
 * the runner can add a few configured durations together (the current instant, itself bounded by the
 * simulated time limit, plus a grace period, a recovery delay and a margin) without overflow.
 */
public final class ConfigurationProblems {

    /**
     * The longest simulated duration a configuration accepts: 18250 days, about 50 years. Four of them add
     * up to less than the about 292 years of nanoseconds a {@code long} holds.
     */
    public static final Duration MAX_DURATION = Duration.ofDays(18_250);

    private final String prefix;
    private final List<String> problems = new ArrayList<>();

    /**
     * Starts collecting.
     *
     * @param subject what is being validated, prefixed to every field name (for example {@code "network"});
     *                empty for none
     * @throws NullPointerException if {@code subject} is null
     */
    public ConfigurationProblems(String subject) {
        this.prefix = subject.isEmpty() ? "" : subject + " ";
    }

    /**
     * Records a problem in the caller's own words.
     *
     * @param problem a sentence naming the field and the fix
     * @return this collector
     */
    public ConfigurationProblems add(String problem) {
        problems.add(problem);
        return this;
    }

    /**
     * Checks that a value is a probability.
     *
     * @param field the field name
     * @param p     the value; must be in [0, 1]
     * @return this collector
     */
    public ConfigurationProblems probability(String field, double p) {
        if (!(p >= 0 && p <= 1)) {
            add(prefix + field + " must be a probability in [0, 1], was " + p);
        }
        return this;
    }

    /**
     * Checks that a duration is present, not negative, and at most {@link #MAX_DURATION}.
     *
     * @param field the field name
     * @param d     the value
     * @return this collector
     */
    public ConfigurationProblems nonNegative(String field, Duration d) {
        if (d == null) {
            add(prefix + field + " must not be null");
        } else if (d.isNegative()) {
            add(prefix + field + " must not be negative, was " + d);
        } else {
            atMostMax(field, d);
        }
        return this;
    }

    /**
     * Checks that a duration is present, positive, and at most {@link #MAX_DURATION}.
     *
     * @param field the field name
     * @param d     the value
     * @return this collector
     */
    public ConfigurationProblems positive(String field, Duration d) {
        if (d == null) {
            add(prefix + field + " must not be null");
        } else if (!d.isPositive()) {
            add(prefix + field + " must be positive, was " + d);
        } else {
            atMostMax(field, d);
        }
        return this;
    }

    /**
     * Checks that a count or a size is not negative.
     *
     * @param field the field name
     * @param value the value
     * @return this collector
     */
    public ConfigurationProblems nonNegative(String field, long value) {
        if (value < 0) {
            add(prefix + field + " must not be negative, was " + value);
        }
        return this;
    }

    /**
     * Checks that a range is present, not negative, has its minimum at most its maximum, and its maximum at
     * most {@link #MAX_DURATION}.
     *
     * @param field the field name
     * @param range the value
     * @return this collector
     */
    public ConfigurationProblems range(String field, DurationRange range) {
        if (range == null) {
            add(prefix + field + " must not be null");
            return this;
        }
        if (range.min().isNegative()) {
            add(prefix + field + " minimum must not be negative, was " + range.min());
        }
        if (range.min().compareTo(range.max()) > 0) {
            add(prefix + field + " minimum " + range.min() + " is above its maximum " + range.max());
        } else {
            atMostMax(field + " maximum", range.max());
        }
        return this;
    }

    /**
     * The problems recorded so far, for a caller that merges them with problems of its own.
     *
     * @return an unmodifiable copy, in the order found
     */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private void atMostMax(String field, Duration d) {
        if (d.compareTo(MAX_DURATION) > 0) {
            add(prefix + field + " must be at most " + MAX_DURATION.toDays() + " days (about 50 years,"
                    + " ConfigurationProblems.MAX_DURATION), was " + d);
        }
    }

    /**
     * Throws if any problem was recorded.
     *
     * @throws ConfigurationException listing every problem, in the order found
     */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }
}
