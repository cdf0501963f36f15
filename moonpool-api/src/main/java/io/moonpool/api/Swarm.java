package io.moonpool.api;

import io.moonpool.api.spi.BuggifySink;
import io.moonpool.api.spi.SinkPresence;
import java.util.Objects;

/**
 * Swarm testing over a workload's own operations: each seed switches every named operation on or off once,
 * so that seeds exercise different mixes of them (a seed without deletes finds what deletes hide).
 *
 * <pre>{@code
 * if (Swarm.enabled("delete")) {
 *     client.delete(key);
 * }
 * }</pre>
 *
 * <p><b>Simulation semantics.</b> Per seed, an operation is decided once, at its first use: on half the time,
 * and on whenever every operation decided before it in that seed is off, so that at least one is on. The
 * decisions come from a stream of their own, salted by the operation's name. The report counts the seeds in
 * which each operation was on. Outside a simulation every operation is on.
 *
 * <p>Decided lazily, the guarantee has a price: the first operation a seed asks about is on in every seed, and
 * the others in about half. Ask about all of them at the start of the workload, first the one that matters least
 * when it is always on (usually the plain read or write every mix needs).
 */
public final class Swarm {

    private Swarm() {}

    /**
     * Whether the workload should perform this operation in this seed.
     *
     * @param operation the operation's name
     * @return true when it is switched on (always, outside a simulation)
     * @throws NullPointerException if {@code operation} is null
     */
    public static boolean enabled(String operation) {
        Objects.requireNonNull(operation, "operation");
        return !SinkPresence.possible()
                || !BuggifySink.CURRENT.isBound()
                || BuggifySink.CURRENT.get().operationEnabled(operation);
    }
}
