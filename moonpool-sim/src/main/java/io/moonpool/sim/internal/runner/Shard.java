package io.moonpool.sim.internal.runner;

import java.util.Optional;

/**
 * One of {@code count} disjoint parts of a run's seed sequence, chosen with {@code -Dmoonpool.shard=i/n}: the
 * iterations whose index {@code k} has {@code k % count == index}. Zero-based, so that a Kubernetes Indexed
 * Job's {@code JOB_COMPLETION_INDEX} is the index as it is.
 *
 * @param index which part, {@code 0 <= index < count}
 * @param count how many parts
 */
public record Shard(int index, int count) {

    /** The system property that picks a shard. */
    public static final String PROPERTY = "moonpool.shard";

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException unless {@code 0 <= index < count}
     */
    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("a shard needs 0 <= index < count, was " + index + "/" + count);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    /**
     * The shard the system property picks.
     *
     * @return the shard, or empty when the property is unset or blank
     * @throws IllegalArgumentException if the property is not of the form {@code i/n} with {@code 0 <= i < n}
     */
    public static Optional<Shard> fromProperty() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parse(value));
    }

    /**
     * Parses {@code i/n}.
     *
     * @param text the text
     * @return the shard
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/", -1);
        try {
            if (parts.length == 2) {
                int i = Integer.parseInt(parts[0].trim());
                int n = Integer.parseInt(parts[1].trim());
                if (n >= 1 && i >= 0 && i < n) {
                    return new Shard(i, n);
                }
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("system property " + PROPERTY + "=" + text + " is not a shard: give i/n"
                + " with 0 <= i < n (zero-based, e.g. -D" + PROPERTY + "=0/4 for the first of 4; a Kubernetes"
                + " Indexed Job's JOB_COMPLETION_INDEX is i as it is)");
    }
}
