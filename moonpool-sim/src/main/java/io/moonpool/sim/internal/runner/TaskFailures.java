package io.moonpool.sim.internal.runner;

import io.moonpool.sim.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * Exceptions that escaped spawned tasks, kept until someone joins the task. Whatever is still unobserved when
 * the iteration's checks are done fails the seed: an exception nobody looked at is a bug nobody saw.
 */
final class TaskFailures {

    /** One exception that escaped a task, and where and when. */
    static final class Escaped {
        final String task;
        final String node;
        final Phase phase;
        final long simNanos;
        final Throwable error;
        boolean observed;

        Escaped(String task, String node, Phase phase, long simNanos, Throwable error) {
            this.task = task;
            this.node = node;
            this.phase = phase;
            this.simNanos = simNanos;
            this.error = error;
        }
    }

    private final List<Escaped> escaped = new ArrayList<>();

    Escaped add(String task, String node, Phase phase, long simNanos, Throwable error) {
        Escaped e = new Escaped(task, node, phase, simNanos, error);
        escaped.add(e);
        return e;
    }

    /** The first exception, in the order they escaped, that nobody observed, or null. */
    Escaped firstUnobserved() {
        for (Escaped e : escaped) {
            if (!e.observed) {
                return e;
            }
        }
        return null;
    }
}
