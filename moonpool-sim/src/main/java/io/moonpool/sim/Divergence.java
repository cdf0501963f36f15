package io.moonpool.sim;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where two runs of one seed first differ under {@link SimulationBuilder#checkDeterminism()}: the index of the
 * first step or event whose running fingerprint differs (the trace hash after it, with the times of the events it
 * scheduled), and what each run was doing there, with the stack of the task (its user and API frames). The seed
 * fails with {@link io.moonpool.api.FailureKind#NONDETERMINISM}, its message {@link #describe()} and a line on
 * what to look for.
 *
 * @param seed    the seed
 * @param index   the first step or event (counted together from 0, in the order the kernel ran them) where the
 *                runs differ; for runs that took the same steps and events but ended otherwise, their count
 * @param summary one line: where they differ, and the outcome of each run
 * @param runs    what each run did at {@code index}: the second run's, captured as it ran, then the first run's
 *                (or a third run's, when a third run could not repeat the first run's path; {@link Run#run()}
 *                says which); empty when the runs took the same steps and events
 */
public record Divergence(long seed, long index, String summary, List<Run> runs) {

    /**
     * What one run did at the divergence.
     *
     * @param run     which run: {@code "second run"}, {@code "first run (repeated by a third run up to here)"},
     *                {@code "third run"}, ...
     * @param what    the step or event, e.g. {@code "step of task 'w.run' (parked)"} or
     *                {@code "event: the sleep of task 'w.run' ended"}, or {@code "the run had ended"}
     * @param simTime the simulated time then
     * @param task    the task's name, or {@code "kernel"} for an event that woke none
     * @param node    the node the task belongs to, or empty
     * @param stack   the task's stack when its step ended (innermost first, kernel internals left out), or
     *                empty when there is no task or its body had returned
     */
    public record Run(String run, String what, Duration simTime, String task, String node, List<String> stack) {

        /**
         * Checks the fields and copies the stack.
         *
         * @throws NullPointerException if a field is null
         */
        public Run {
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(simTime, "simTime");
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(node, "node");
            stack = List.copyOf(stack);
        }
    }

    /**
     * Checks the fields and copies the runs.
     *
     * @throws NullPointerException if a field is null
     */
    public Divergence {
        Objects.requireNonNull(summary, "summary");
        runs = List.copyOf(runs);
    }

    /**
     * The divergence as the report prints it: the summary, then each run's step or event, time, task and stack.
     *
     * @return several lines
     */
    public String describe() {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder(summary);
        for (Run r : runs) {
            sb.append(nl)
                    .append("  ")
                    .append(r.run())
                    .append(": ")
                    .append(r.what())
                    .append(" at simulated ")
                    .append(r.simTime());
            if (!r.node().isEmpty()) {
                sb.append(" on ").append(r.node());
            }
            for (String frame : r.stack()) {
                sb.append(nl).append("      at ").append(frame);
            }
        }
        return sb.toString();
    }
}
