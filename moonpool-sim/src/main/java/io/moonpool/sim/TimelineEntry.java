package io.moonpool.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * One entry of a seed's timeline: what happened, when in simulated time, where and in which task. A replay of the
 * seed gives the same entries, in the same order.
 *
 * @param time    the simulated time
 * @param node    the node it happened on, such as {@code "10.0.1.2 (boot 1)"}, or {@code "-"} for the kernel
 * @param task    the task that ran, or {@code "kernel"} for an event fired by the kernel
 * @param what    what happened, such as {@code "task woken"}, {@code "connection reset"}, {@code "log INFO"}
 * @param subject what it happened to (a task, a connection, a file, a log message), or {@code ""}
 * @param value   a number that goes with it (bytes, a count), or 0
 */
public record TimelineEntry(Duration time, String node, String task, String what, String subject, long value) {

    /** The {@link #what} of the entry that marks the failure of the seed. */
    public static final String SEED_FAILED = "seed failed";

    /** The {@link #what} of the first entry when older entries were dropped from the bounded ring. */
    public static final String DROPPED = "earlier entries dropped";

    /**
     * Checks the fields.
     *
     * @throws NullPointerException if a field is null
     */
    public TimelineEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(subject, "subject");
    }

    /**
     * One line a person can read and grep: time in seconds with nanoseconds, node, task, what, subject, value.
     *
     * @return for example {@code "      1.250000000s  10.0.1.1 (boot 1)  server.accept  connection accepted
     *         10.0.0.1:40001 -> 10.0.1.1:4500"}
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(96);
        String secs = Long.toString(time.getSeconds());
        b.repeat(' ', Math.max(0, 6 - secs.length())).append(secs).append('.');
        String nanos = Integer.toString(time.getNano());
        b.repeat('0', 9 - nanos.length()).append(nanos).append("s  ");
        b.append(node).append("  ").append(task).append("  ").append(what);
        if (!subject.isEmpty()) {
            b.append("  ").append(subject);
        }
        if (value != 0) {
            b.append("  [").append(value).append(']');
        }
        return b.toString();
    }
}
