package io.moonpool.sim.internal.runner;

import java.util.ArrayList;
import java.util.List;

/**
 * The system properties that change a run without changing its code: {@code -Dmoonpool.seed=N} replays exactly
 * seed N, {@code -Dmoonpool.iterations=N} sets the iteration count, {@code -Dmoonpool.baseSeed=N} the base seed of the
 * seed sequence (as {@code .baseSeed(N)}, which it overrides; every shard of a sharded run needs the same one). Read once per {@code run()}, on the caller's
 * thread, before any iteration; a blank value (a build tool passing an empty property) counts as unset.
 *
 * @param seed       the one seed to replay, or null when the property is unset or invalid
 * @param iterations the iteration count, or null when the property is unset or invalid
 * @param baseSeed   the base seed of the seed sequence, or null when the property is unset or invalid
 * @param problems   a sentence per invalid property, naming it, its value and the fix
 */
public record RunProperties(Long seed, Integer iterations, Long baseSeed, List<String> problems) {

    /** The system property that replays exactly one seed. */
    public static final String SEED_PROPERTY = "moonpool.seed";

    /** The system property that sets the iteration count. */
    public static final String ITERATIONS_PROPERTY = "moonpool.iterations";

    /** The system property that sets the base seed of the seed sequence. */
    public static final String BASE_SEED_PROPERTY = "moonpool.baseSeed";

    /** Defensive copy. */
    public RunProperties {
        problems = List.copyOf(problems);
    }

    /**
     * Reads the properties as they are now.
     *
     * @return what they ask for, with a problem for each one that is not valid
     */
    public static RunProperties read() {
        List<String> problems = new ArrayList<>();
        Long seed = null;
        String seedText = property(SEED_PROPERTY);
        if (seedText != null) {
            seed = parseSeed(seedText);
            if (seed == null) {
                problems.add("system property " + SEED_PROPERTY + "=" + seedText + " is not a seed: give a decimal or"
                        + " 0x-prefixed hex long, e.g. -D" + SEED_PROPERTY + "=12345, or remove it");
            }
        }
        Integer iterations = null;
        String iterationsText = property(ITERATIONS_PROPERTY);
        if (iterationsText != null) {
            try {
                iterations = Integer.parseInt(iterationsText.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                iterations = null;
            }
            if (iterations == null || iterations < 1) {
                problems.add("system property " + ITERATIONS_PROPERTY + "=" + iterationsText + " is not an"
                        + " iteration count: give a whole number from 1 to " + Integer.MAX_VALUE + ", e.g. -D"
                        + ITERATIONS_PROPERTY + "=10000, or remove it");
                iterations = null;
            }
        }
        Long baseSeed = null;
        String baseText = property(BASE_SEED_PROPERTY);
        if (baseText != null) {
            baseSeed = parseSeed(baseText);
            if (baseSeed == null) {
                problems.add("system property " + BASE_SEED_PROPERTY + "=" + baseText + " is not a seed: give a"
                        + " decimal or 0x-prefixed hex long, e.g. -D" + BASE_SEED_PROPERTY + "=12345, or remove it");
            }
        }
        return new RunProperties(seed, iterations, baseSeed, problems);
    }

    /** A property's value, or null when unset or blank. */
    private static String property(String name) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * A seed written in decimal, or in hex with {@code 0x}.
     *
     * @param text the text
     * @return the seed, or null when the text is not one
     */
    public static Long parseSeed(String text) {
        String s = text.trim();
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
