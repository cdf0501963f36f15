package io.moonpool.api.spi;

/**
 * Where code inside a simulation writes the timeline of its iteration: the bounded record of what happened, in
 * simulated time, that the report prints for a failing seed.
 *
 * <p>The runner binds {@link #CURRENT} for every task and for the kernel thread that fires events (a
 * {@link ScopedValue}, never a global), so that several simulations in one JVM keep their timelines apart.
 * Outside a simulation nothing is bound: callers check {@link ScopedValue#isBound()} and do nothing.
 *
 * <p><b>Determinism.</b> A replay of the seed must give the identical timeline, so what goes in must not
 * depend on the JVM: no identity hash codes (the default {@code Object.toString}), no real time.
 *
 * <p><b>Threading.</b> Called only from the task that runs now or from the kernel thread, one at a time:
 * implementations need no locks.
 */
public interface TimelineSink {

    /** The timeline of the simulation the calling task belongs to; unbound outside a simulation. */
    ScopedValue<TimelineSink> CURRENT = ScopedValue.newInstance();

    /**
     * Records one entry at the current simulated time, attributed to the calling task (and its node), or to
     * the kernel when called from an event. Cheap enough for every delivery: nothing is formatted until a
     * failing seed's timeline is printed.
     *
     * @param what    what happened, a constant such as {@code "connection reset"}; never null
     * @param subject what it happened to (its {@code toString} is taken when the timeline is kept, and must be
     *                deterministic), or null
     * @param value   a number that goes with it (bytes, a count), or 0
     */
    void record(String what, Object subject, long value);

    /**
     * Records a log line of user code (from the SLF4J adapter), at the current simulated time.
     *
     * @param level   the level, such as {@code "INFO"}
     * @param logger  the logger's name
     * @param message the formatted message
     * @param thrown  the throwable logged with it, or null
     */
    void log(String level, String logger, String message, Throwable thrown);
}
