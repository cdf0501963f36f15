package io.moonpool.sim;

import io.moonpool.api.FailureKind;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why one iteration failed.
 *
 * @param kind        what kind of failure it is
 * @param phase       the phase the iteration was in
 * @param source      who failed: a workload's or a task's name
 * @param message     what happened, naming the tasks involved and, for framework-detected failures, the fix
 * @param simTime     the simulated time at which the iteration ended
 * @param stackTrace  the full stack trace of the user exception, or empty for failures the kernel detected
 *                    (their message carries the stacks of the tasks involved)
 * @param exception   the user exception, when there is one
 */
public record RunFailure(
        FailureKind kind,
        Phase phase,
        String source,
        String message,
        Duration simTime,
        String stackTrace,
        Optional<Throwable> exception) {

    /** Checks the components. */
    public RunFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(simTime, "simTime");
        Objects.requireNonNull(stackTrace, "stackTrace");
        Objects.requireNonNull(exception, "exception");
    }

    /**
     * One line: kind, phase, source and the first line of the message.
     *
     * @return a summary
     */
    public String summary() {
        String first = message.lines().findFirst().orElse("");
        return kind + " in " + phase.name().toLowerCase(java.util.Locale.ROOT) + " (" + source + "): " + first;
    }
}
