package io.moonpool.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what is wrong with a configuration while it is validated, so that one
 * {@link ConfigurationException} can name every problem at once. Each check names the field and what a
 * valid value looks like.
 */
public final class ConfigurationProblems {

    private final String subject;
    private final List<String> problems = new ArrayList<>();

    /**
     * Starts collecting.
     *
     * @param subject what is being validated, prefixed to every field name (for example {@code "network"})
     */
    public ConfigurationProblems(String subject) {
        this.subject = subject;
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
            add(subject + " " + field + " must be a probability in [0, 1], was " + p);
        }
        return this;
    }

    /**
     * Checks that a duration is present and not negative.
     *
     * @param field the field name
     * @param d     the value
     * @return this collector
     */
    public ConfigurationProblems nonNegative(String field, Duration d) {
        if (d == null) {
            add(subject + " " + field + " must not be null");
        } else if (d.isNegative()) {
            add(subject + " " + field + " must not be negative, was " + d);
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
            add(subject + " " + field + " must not be negative, was " + value);
        }
        return this;
    }

    /**
     * Checks that a range is present, not negative, and has its minimum at most its maximum.
     *
     * @param field the field name
     * @param range the value
     * @return this collector
     */
    public ConfigurationProblems range(String field, DurationRange range) {
        if (range == null) {
            add(subject + " " + field + " must not be null");
            return this;
        }
        if (range.min().isNegative()) {
            add(subject + " " + field + " minimum must not be negative, was " + range.min());
        }
        if (range.min().compareTo(range.max()) > 0) {
            add(subject + " " + field + " minimum " + range.min() + " is above its maximum " + range.max());
        }
        return this;
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
