package io.moonpool.api.spi;

import java.util.Map;

/**
 * Where the static {@link io.moonpool.api.Assertions} calls of a task go: the simulation that runs the task.
 *
 * <p>The runner binds {@link #CURRENT} for every task it runs (a {@link ScopedValue}, found through the
 * calling thread, never through a global), so that several simulations in one JVM, on different threads at
 * once, keep their assertions apart. Outside a simulation nothing is bound and every assertion is a no-op.
 *
 * <p><b>Threading.</b> Called only from the task that runs now, one at a time: implementations need no locks.
 */
public interface AssertionSink {

    /** The sink of the simulation the calling task belongs to; unbound outside a simulation. */
    ScopedValue<AssertionSink> CURRENT = ScopedValue.newInstance();

    /** The kinds of assertion, each with its own rule for failing a seed and for coverage. */
    enum Kind {
        /** Must hold every time: false fails the seed. */
        ALWAYS,
        /** Must hold every time it is reached, and need never be reached. */
        ALWAYS_OR_UNREACHABLE,
        /** Must hold at least once across the simulation: never true is a coverage failure. */
        SOMETIMES,
        /** Must be reached at least once across the simulation. */
        REACHABLE,
        /** Must never be reached: reaching it fails the seed. */
        UNREACHABLE,
        /** {@code a > b} every time. */
        ALWAYS_GREATER_THAN,
        /** {@code a >= b} every time. */
        ALWAYS_GREATER_THAN_OR_EQUAL,
        /** {@code a < b} every time. */
        ALWAYS_LESS_THAN,
        /** {@code a <= b} every time. */
        ALWAYS_LESS_THAN_OR_EQUAL,
        /** {@code a > b} at least once. */
        SOMETIMES_GREATER_THAN,
        /** {@code a >= b} at least once. */
        SOMETIMES_GREATER_THAN_OR_EQUAL,
        /** {@code a < b} at least once. */
        SOMETIMES_LESS_THAN,
        /** {@code a <= b} at least once. */
        SOMETIMES_LESS_THAN_OR_EQUAL,
        /** Every named condition true at once, at least once. */
        SOMETIMES_ALL,
        /** One bucket per distinct key, each reached at least once. */
        SOMETIMES_EACH;

        /** Whether a false check fails the seed (the {@code always} and {@code unreachable} kinds). */
        public boolean mustAlwaysHold() {
            return switch (this) {
                case ALWAYS,
                        ALWAYS_OR_UNREACHABLE,
                        UNREACHABLE,
                        ALWAYS_GREATER_THAN,
                        ALWAYS_GREATER_THAN_OR_EQUAL,
                        ALWAYS_LESS_THAN,
                        ALWAYS_LESS_THAN_OR_EQUAL -> true;
                default -> false;
            };
        }

        /** Whether never being true across the simulation is a coverage failure. */
        public boolean needsCoverage() {
            return !mustAlwaysHold();
        }
    }

    /**
     * A boolean check.
     *
     * @param kind      the kind
     * @param condition whether it held
     * @param message   the assertion's message, which identifies it together with its kind
     */
    void check(Kind kind, boolean condition, String message);

    /**
     * A numeric check: {@code a} against {@code b}.
     *
     * @param kind    one of the numeric kinds
     * @param a       the value checked
     * @param b       the bound
     * @param message the assertion's message
     */
    void compare(Kind kind, double a, double b, String message);

    /**
     * A check of several named conditions at once.
     *
     * @param message    the assertion's message
     * @param conditions the conditions by name
     */
    void all(String message, Map<String, Boolean> conditions);

    /**
     * A bucket of a {@code sometimesEach} assertion was reached.
     *
     * @param message the assertion's message
     * @param key     the bucket
     */
    void each(String message, String key);
}
