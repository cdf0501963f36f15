package io.moonpool.sim.internal.kernel;

import io.moonpool.api.FailureKind;
import java.util.List;

/**
 * Why the kernel ended a run on its own: the simulated world can no longer proceed deterministically, or
 * at all.
 *
 * @param kind    what went wrong
 * @param message a description naming the tasks involved and the fix
 * @param tasks   the names of the tasks involved
 */
public record KernelFailure(FailureKind kind, String message, List<String> tasks) {

    /** Defensive copy. */
    public KernelFailure {
        tasks = List.copyOf(tasks);
    }
}
