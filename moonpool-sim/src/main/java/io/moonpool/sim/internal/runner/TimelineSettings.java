package io.moonpool.sim.internal.runner;

/**
 * How iterations keep their timeline.
 *
 * @param size    how many entries the ring of an iteration keeps; 0 turns the timeline off
 * @param shown   how many entries before the failure the report prints for each failing seed
 * @param keepAll keep every entry of every iteration run, and write each seed's timeline to a file
 */
public record TimelineSettings(int size, int shown, boolean keepAll) {

    /** The ring's default size. */
    public static final int DEFAULT_SIZE = 10_000;

    /** How many entries a failing seed prints by default. */
    public static final int DEFAULT_SHOWN = 30;

    /** The system property that keeps every timeline, as {@code traceAll()} does. */
    public static final String TRACE_PROPERTY = "moonpool.trace";

    /** Whether entries are recorded at all. */
    boolean on() {
        return size > 0;
    }
}
