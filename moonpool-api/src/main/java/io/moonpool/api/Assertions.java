package io.moonpool.api;

import io.moonpool.api.spi.AssertionSink;
import io.moonpool.api.spi.AssertionSink.Kind;
import io.moonpool.api.spi.SinkPresence;
import java.util.Map;
import java.util.Objects;

/**
 * Properties of the system under test, checked where they arise: what must always hold, and what should
 * sometimes happen.
 *
 * <p><b>Simulation semantics.</b> None of these methods throws: they count. A false {@code always}, a reached
 * {@code unreachable} or a violated numeric {@code always} fails the seed, but the iteration goes on to its end
 * (so later assertions still count) unless {@code SimulationBuilder.stopOnFirstViolation(true)}; the failure
 * names the message, the call site, the simulated time, the node and task, and the seed. A {@code sometimes},
 * {@code reachable}, {@code sometimesAll} or {@code sometimesEach} never satisfied across the whole
 * simulation (all its iterations) is a coverage failure, reported apart from the seeds' failures. An
 * assertion is identified by its kind and message, and is known from the first time its code runs; the
 * report lists every one with its counts. There is no cap on their number.
 *
 * <p>Callable from any code a process, a workload or a fault injector runs, at any depth, without a context:
 * a call finds its simulation through the calling task. Outside a simulation (production, plain unit tests),
 * every call is a no-op: in a JVM where no simulation ever ran, one field read (a fraction of a
 * nanosecond, {@code ProductionNoopBenchmark}); so is a call from a thread the simulation does not run.
 */
public final class Assertions {

    private Assertions() {}

    /**
     * Asserts that {@code condition} holds every time this line runs.
     *
     * @param condition what must hold
     * @param message   what it means, which identifies this assertion
     */
    public static void always(boolean condition, String message) {
        if (SinkPresence.possible() && AssertionSink.CURRENT.isBound()) {
            AssertionSink.CURRENT.get().check(Kind.ALWAYS, condition, message);
        }
    }

    /**
     * Asserts that {@code condition} holds every time this line runs, which it need never do.
     *
     * @param condition what must hold
     * @param message   what it means
     */
    public static void alwaysOrUnreachable(boolean condition, String message) {
        if (SinkPresence.possible() && AssertionSink.CURRENT.isBound()) {
            AssertionSink.CURRENT.get().check(Kind.ALWAYS_OR_UNREACHABLE, condition, message);
        }
    }

    /**
     * Asserts that {@code condition} holds at least once across the simulation.
     *
     * @param condition what should sometimes hold
     * @param message   what it means
     */
    public static void sometimes(boolean condition, String message) {
        if (SinkPresence.possible() && AssertionSink.CURRENT.isBound()) {
            AssertionSink.CURRENT.get().check(Kind.SOMETIMES, condition, message);
        }
    }

    /**
     * Asserts that this line runs at least once across the simulation.
     *
     * @param message what reaching it means
     */
    public static void reachable(String message) {
        if (SinkPresence.possible() && AssertionSink.CURRENT.isBound()) {
            AssertionSink.CURRENT.get().check(Kind.REACHABLE, true, message);
        }
    }

    /**
     * Asserts that this line never runs: reaching it fails the seed.
     *
     * @param message what reaching it means
     */
    public static void unreachable(String message) {
        if (SinkPresence.possible() && AssertionSink.CURRENT.isBound()) {
            AssertionSink.CURRENT.get().check(Kind.UNREACHABLE, false, message);
        }
    }

    /**
     * Asserts {@code a > b} every time.
     *
     * @param a       the value
     * @param b       the bound
     * @param message what it means
     */
    public static void alwaysGreaterThan(double a, double b, String message) {
        compare(Kind.ALWAYS_GREATER_THAN, a, b, message);
    }

    /**
     * Asserts {@code a >= b} every time.
     *
     * @param a       the value
     * @param b       the bound
     * @param message what it means
     */
    public static void alwaysGreaterThanOrEqual(double a, double b, String message) {
        compare(Kind.ALWAYS_GREATER_THAN_OR_EQUAL, a, b, message);
    }

    /**
     * Asserts {@code a < b} every time.
     *
     * @param a       the value
     * @param b       the bound
     * @param message what it means
     */
    public static void alwaysLessThan(double a, double b, String message) {
        compare(Kind.ALWAYS_LESS_THAN, a, b, message);
    }

    /**
     * Asserts {@code a <= b} every time.
     *
     * @param a       the value
     * @param b       the bound
     * @param message what it means
     */
    public static void alwaysLessThanOrEqual(double a, double b, String message) {
        compare(Kind.ALWAYS_LESS_THAN_OR_EQUAL, a, b, message);
    }

    /**
     * Asserts {@code a > b} at least once; the report keeps the largest {@code a} seen (how close it came).
     *
     * @param a       the value
     * @param b       the bound
     * @param message what it means
     */
    public static void sometimesGreaterThan(double a, double b, String message) {
        compare(Kind.SOMETIMES_GREATER_THAN, a, b, message);
    }

    /**
     * Asserts {@code a >= b} at least once; the report keeps the largest {@code a} seen.
     *
     * @param a       the value
     * @param b       the bound
     * @param message what it means
     */
    public static void sometimesGreaterThanOrEqual(double a, double b, String message) {
        compare(Kind.SOMETIMES_GREATER_THAN_OR_EQUAL, a, b, message);
    }

    /**
     * Asserts {@code a < b} at least once; the report keeps the smallest {@code a} seen.
     *
     * @param a       the value
     * @param b       the bound
     * @param message what it means
     */
    public static void sometimesLessThan(double a, double b, String message) {
        compare(Kind.SOMETIMES_LESS_THAN, a, b, message);
    }

    /**
     * Asserts {@code a <= b} at least once; the report keeps the smallest {@code a} seen.
     *
     * @param a       the value
     * @param b       the bound
     * @param message what it means
     */
    public static void sometimesLessThanOrEqual(double a, double b, String message) {
        compare(Kind.SOMETIMES_LESS_THAN_OR_EQUAL, a, b, message);
    }

    /**
     * Asserts that every one of the named conditions holds at the same time, at least once; the report keeps
     * the most that held at once.
     *
     * @param message    what it means
     * @param conditions the conditions by name
     */
    public static void sometimesAll(String message, Map<String, Boolean> conditions) {
        if (SinkPresence.possible() && AssertionSink.CURRENT.isBound()) {
            AssertionSink.CURRENT.get().all(message, Objects.requireNonNull(conditions, "conditions"));
        }
    }

    /**
     * Counts one bucket of an assertion per distinct key: every bucket reached is reported with its count,
     * and an assertion whose code never ran is a coverage failure.
     *
     * @param message what it means
     * @param key     the bucket, by its {@code toString()}
     */
    public static void sometimesEach(String message, Object key) {
        if (SinkPresence.possible() && AssertionSink.CURRENT.isBound()) {
            AssertionSink.CURRENT.get().each(message, String.valueOf(key));
        }
    }

    private static void compare(Kind kind, double a, double b, String message) {
        if (SinkPresence.possible() && AssertionSink.CURRENT.isBound()) {
            AssertionSink.CURRENT.get().compare(kind, a, b, message);
        }
    }
}
