package io.moonpool.sim.internal.runner;

import io.moonpool.api.FailureKind;
import io.moonpool.sim.Divergence;
import io.moonpool.sim.RunFailure;
import io.moonpool.sim.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The determinism check ({@code checkDeterminism()}, {@code -Dmoonpool.checkDeterminism=true}): every seed runs a
 * second time, after another seed has run in between (so identity hash codes and other JVM state differ), and the
 * two runs are compared step by step and event by event through their {@link DeterminismProbe} records. At the
 * first difference the second run's task and stack are captured as it runs; the first run's are taken from a third
 * run that stops there, which is the first run's own only if it repeated the first run's path that far (the
 * divergence says which run each stack is from). A seed whose runs differ fails with
 * {@link FailureKind#NONDETERMINISM}.
 *
 * <p>Everything a run gives the check is its result and a {@link DeterminismRecord}, plain values: replaying a
 * seed in a fresh JVM ({@code fork}) only needs a {@link Replay} that runs {@link #inThisJvm}'s replay in that JVM
 * and sends both back.
 */
public final class DeterminismCheck {

    /** The system property that turns the check on or off: {@code true}, {@code false} or {@code fork}. */
    static final String PROPERTY = io.moonpool.sim.SimulationBuilder.CHECK_DETERMINISM_PROPERTY;

    /** How the check runs. */
    enum Mode {
        /** Not at all. */
        OFF,
        /** Every seed twice in this JVM. */
        IN_JVM,
        /** Every seed in this JVM and again in a worker JVM, a fresh launch of the JVM. */
        FORK
    }

    /** What the check showed for one seed. */
    record Checked(RunResult second, Divergence divergence, io.moonpool.sim.Phase phase) {}

    private static final String HINT = "Look on these stacks for code that reads real time (System.nanoTime,"
            + " System.currentTimeMillis, Instant.now), real randomness (Math.random, new Random()), identity hash"
            + " codes, or that iterates a HashMap or HashSet whose keys lack hashCode (or hash by identity): use"
            + " ctx.time(), ctx.random() and ordered collections (LinkedHashMap, TreeMap, ArrayList) instead";

    private DeterminismCheck() {}

    /**
     * The mode a run uses: the system property when it is set (it wins over the code, so that one run can turn the
     * check on or off without a change), else the builder's choice.
     *
     * @param requested whether the builder asked for the check
     * @return the mode; {@link Validation} has rejected a bad property value before
     */
    static Mode mode(boolean requested) {
        String value = property();
        if (value == null) {
            return requested ? Mode.IN_JVM : Mode.OFF;
        }
        Mode m = parse(value);
        return m == null ? Mode.OFF : m;
    }

    /**
     * What is wrong with the property, for {@link Validation}.
     *
     * @return the problem, or null when the property is unset or valid
     */
    static String problem() {
        String value = property();
        if (value == null) {
            return null;
        }
        Mode m = parse(value);
        if (m == null) {
            return "system property " + PROPERTY + "=" + value + " is not a determinism check mode: give -D" + PROPERTY
                    + "=true (run every seed twice in this JVM and compare the runs), false (no check), or fork"
                    + " (replay in a fresh JVM)";
        }
        return null;
    }

    /**
     * What is wrong with the check for these settings: the property's value, or {@code fork} without a recipe
     * that a worker JVM can rebuild the simulation from.
     *
     * @param settings the settings
     * @return the problem, or null
     */
    static String problem(Settings settings) {
        String problem = problem();
        if (problem != null) {
            return problem;
        }
        if (mode(settings.checkDeterminism()) == Mode.FORK && settings.source() == null) {
            return "-D" + PROPERTY + "=fork replays every seed in a worker JVM, which rebuilds the simulation from a"
                    + " recipe: add .source(MyTest.class, \"simulation\") naming the method that makes this builder"
                    + " (a @SimulationTest method is its own), or use -D" + PROPERTY + "=true to run both runs in"
                    + " this JVM";
        }
        return null;
    }

    private static String property() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? null : value;
    }

    private static Mode parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Mode.IN_JVM;
            case "false" -> Mode.OFF;
            case "fork" -> Mode.FORK;
            default -> null;
        };
    }

    /**
     * Runs a seed once more for the check, compared with an earlier run's record: in this JVM
     * ({@link #inThisJvm}), or, for {@code fork}, in a fresh JVM that runs {@link #inThisJvm}'s replay there and
     * sends back the result and the record.
     */
    @FunctionalInterface
    public interface Replay {
        /**
         * Runs the reference's seed, compared with it.
         *
         * @param reference the earlier run's record; its seed is the seed to run
         * @param stopAt    an index to capture at even if the runs agree there, or -1
         * @return the run's result (without its timeline) and record
         */
        Replayed run(DeterminismRecord reference, long stopAt);
    }

    /**
     * What a {@link Replay} gives back.
     *
     * @param result the run's result
     * @param record the run's record, compared with the reference
     */
    public record Replayed(RunResult result, DeterminismRecord record) {}

    /**
     * Replays in this JVM, each run with tables of its own (it counts in no assertion, site or metric of the
     * report).
     *
     * @param config   the simulation
     * @param expected the assertions declared up front
     * @param ring     the timeline's reused arrays
     * @return the replay
     */
    static Replay inThisJvm(SimulationConfig config, List<String> expected, Timeline.Ring ring) {
        return (reference, stopAt) -> {
            DeterminismProbe probe = DeterminismProbe.comparing(reference, stopAt);
            RunResult r = Iteration.run(
                    config,
                    reference.seed(),
                    new AssertionTable(expected),
                    new BuggifyTable(),
                    new MetricsTable(),
                    ring,
                    false,
                    probe);
            return new Replayed(r, probe.record());
        };
    }

    /**
     * The second run of a seed, compared with its first; on a divergence, a third run for the first run's side.
     *
     * @param first  the first run's result
     * @param record the first run's record
     * @param replay runs the second and third runs
     * @return the second run's result (without its timeline: when the runs agree it is not needed), and the
     *         divergence or null
     */
    static Checked again(RunResult first, DeterminismRecord record, Replay replay) {
        return again(first, record, replay, replay);
    }

    /**
     * The second run of a seed through one replay, the third (on a divergence) through another: under
     * {@code fork} the second runs in a worker JVM and the third here, where the first ran.
     *
     * @param first  the first run's result
     * @param record the first run's record
     * @param secondReplay runs the second run
     * @param thirdReplay  runs the third run
     * @return as {@link #again(RunResult, DeterminismRecord, Replay)}
     */
    static Checked again(RunResult first, DeterminismRecord record, Replay secondReplay, Replay thirdReplay) {
        Replayed replayed = secondReplay.run(record, -1);
        DeterminismRecord second = replayed.record();
        RunResult again = replayed.result();
        long n1 = record.fingerprints().length;
        long n2 = second.fingerprints().length;
        String outcomes = "the first run " + outcome(first) + ", the second " + outcome(again);
        if (second.departure() < 0) {
            if (sameOutcome(first, again)) {
                return new Checked(again, null, null);
            }
            return new Checked(
                    again,
                    new Divergence(
                            first.seed(),
                            n1,
                            "seed " + first.seed() + " is not deterministic: both runs took the same " + n1
                                    + " steps and events, but " + outcomes + ": what differs is not in the"
                                    + " trace (whether or how it failed was decided by state outside the"
                                    + " simulation: real time, real randomness, identity hash codes, unordered"
                                    + " iteration)",
                            List.of()),
                    first.failure().or(again::failure).map(RunFailure::phase).orElse(io.moonpool.sim.Phase.CHECK));
        }
        long d = second.departure();
        List<Divergence.Run> runs = new ArrayList<>();
        runs.add(run("second run", second.capture()));
        if (d >= n1) {
            // the first run had ended there: nothing to repeat
            runs.add(new Divergence.Run(
                    "first run",
                    "the run had ended, after " + n1 + " steps and events",
                    first.simTime(),
                    "none",
                    "",
                    List.of()));
            return new Checked(
                    again,
                    new Divergence(first.seed(), d, summary(first.seed(), d, n1, n2, outcomes), runs),
                    second.capture().phase());
        }
        DeterminismRecord thirdRun = thirdReplay.run(record, d).record();
        DeterminismRecord.Capture c3 = thirdRun.capture();
        String label;
        if (thirdRun.departure() < 0 || thirdRun.departure() > d) {
            label = "first run (repeated up to here by a third run)";
        } else if (thirdRun.departure() == d) {
            boolean likeSecond = d < n2
                    && thirdRun.fingerprints().length > d
                    && thirdRun.fingerprints()[(int) d] == second.fingerprints()[(int) d];
            label = likeSecond
                    ? "third run (it took the second run's path here, so the first run's own stack is not known)"
                    : "third run (it differs here from both the first and the second run, a third path;"
                            + " the first run's own stack is not known)";
        } else {
            label = "third run (it departed from the first run earlier, at step or event " + thirdRun.departure()
                    + ", so the first run's own stack is not known)";
        }
        if (c3 != null) {
            runs.add(run(label, c3));
        }
        return new Checked(
                again,
                new Divergence(first.seed(), d, summary(first.seed(), d, n1, n2, outcomes), runs),
                second.capture().phase());
    }

    private static String summary(long seed, long d, long n1, long n2, String outcomes) {
        return "seed " + seed + " is not deterministic: its runs first differ at step or event " + d
                + " (the first run took " + n1 + " steps and events, the second " + n2 + "); " + outcomes;
    }

    /**
     * The seed's result once its runs are known to differ: it fails with {@link FailureKind#NONDETERMINISM}, its
     * message the divergence, its first run's failure (if any) told in it.
     *
     * @param first the first run's result
     * @param checked what the check showed, with a divergence
     * @return the result the report shows
     */
    static RunResult failed(RunResult first, Checked checked) {
        Divergence d = checked.divergence();
        Divergence.Run second = d.runs().isEmpty() ? null : d.runs().getFirst();
        RunFailure f = new RunFailure(
                FailureKind.NONDETERMINISM,
                checked.phase(),
                second != null
                        ? "task '" + second.task() + "'" + (second.node().isEmpty() ? "" : " on " + second.node())
                        : "determinism check",
                d.describe() + (d.runs().isEmpty() ? "" : System.lineSeparator() + "  " + HINT),
                second != null ? second.simTime() : first.simTime(),
                "",
                Optional.empty());
        return RunResults.withFailure(first, f);
    }

    private static Divergence.Run run(String label, DeterminismRecord.Capture c) {
        return new Divergence.Run(label, c.what(), Duration.ofNanos(c.simNanos()), c.task(), c.node(), c.stack());
    }

    private static boolean sameOutcome(RunResult a, RunResult b) {
        if (a.passed() != b.passed() || a.traceHash() != b.traceHash()) {
            return false;
        }
        return a.passed()
                || FailureReplays.sameFailure(
                        a.failure().orElseThrow(), b.failure().orElseThrow());
    }

    private static String outcome(RunResult r) {
        return r.failure().map(f -> "failed (" + f.summary() + ")").orElse("passed");
    }
}
