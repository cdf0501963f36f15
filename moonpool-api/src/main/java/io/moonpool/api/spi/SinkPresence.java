package io.moonpool.api.spi;

/**
 * Whether any simulation has bound its sinks in this JVM: the first test of every {@link AssertionSink} and
 * {@link BuggifySink} lookup, so that in production, where no simulation ever runs, {@code Assertions},
 * {@code Buggify} and {@code Swarm} cost one field read instead of a {@link ScopedValue} search (several
 * nanoseconds on a virtual thread; see {@code ProductionNoopBenchmark}). Code that binds one of these sinks
 * itself, as a runner does, must {@linkplain #announce() announce} first.
 *
 * <p><b>Threading.</b> A runner {@linkplain #announce() announces} before it binds a sink and before it starts
 * the threads that see the binding, so every thread that can find a bound sink sees the announcement (the
 * field is volatile, and a thread's start happens after what its starter did). Once announced, it stays so for
 * the life of the JVM; the lookups then cost what they cost before.
 */
public final class SinkPresence {

    private static volatile boolean announced;

    private SinkPresence() {}

    /**
     * Records that a simulation is about to bind its sinks in this JVM. Idempotent; called by the runner, never
     * needed by user code (calling it only makes the lookups a little slower).
     */
    public static void announce() {
        if (!announced) {
            announced = true;
        }
    }

    /**
     * Whether a sink may be bound on some thread of this JVM.
     *
     * @return false until a runner {@linkplain #announce() announced}: then no sink is bound anywhere
     */
    public static boolean possible() {
        return announced;
    }
}
