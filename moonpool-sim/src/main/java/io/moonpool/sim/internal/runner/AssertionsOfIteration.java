package io.moonpool.sim.internal.runner;

import io.moonpool.api.FailureKind;
import io.moonpool.api.spi.AssertionSink;
import io.moonpool.sim.Phase;
import io.moonpool.sim.RunFailure;
import io.moonpool.sim.internal.kernel.Kernel;
import io.moonpool.sim.internal.kernel.SimTask;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link AssertionSink} of one iteration: counts into the simulation's {@link AssertionTable} and keeps
 * the first violation, which fails the seed when the iteration ends (or at once, with stopOnFirstViolation).
 */
final class AssertionsOfIteration implements AssertionSink {

    private static final StackWalker WALKER = StackWalker.getInstance();

    private final AssertionTable table;
    private final Kernel kernel;
    private final long seed;
    private final Function<Object, String> nodeOf;
    private final Supplier<Phase> phase;
    private final java.util.function.Consumer<RunFailure> onViolation;
    private final io.moonpool.api.spi.TimelineSink timeline;
    private final long iteration;
    private RunFailure firstViolation;

    AssertionsOfIteration(
            AssertionTable table,
            Kernel kernel,
            long seed,
            Function<Object, String> nodeOf,
            Supplier<Phase> phase,
            io.moonpool.api.spi.TimelineSink timeline,
            java.util.function.Consumer<RunFailure> onViolation) {
        this.timeline = timeline;
        this.iteration = table.nextIteration();
        this.table = table;
        this.kernel = kernel;
        this.seed = seed;
        this.nodeOf = nodeOf;
        this.phase = phase;
        this.onViolation = onViolation;
    }

    /** The first violation of this iteration, if any. */
    Optional<RunFailure> firstViolation() {
        return Optional.ofNullable(firstViolation);
    }

    @Override
    public void check(Kind kind, boolean condition, String message) {
        AssertionTable.Entry e = table.entry(kind, message);
        e.checks++;
        if (condition) {
            e.trues++;
            satisfied(e);
        } else if (kind.mustAlwaysHold()) {
            violated(e, kind == Kind.UNREACHABLE ? "was reached" : "was false");
        }
    }

    @Override
    public void compare(Kind kind, double a, double b, String message) {
        AssertionTable.Entry e = table.entry(kind, message);
        e.checks++;
        boolean holds = switch (kind) {
            case ALWAYS_GREATER_THAN, SOMETIMES_GREATER_THAN -> a > b;
            case ALWAYS_GREATER_THAN_OR_EQUAL, SOMETIMES_GREATER_THAN_OR_EQUAL -> a >= b;
            case ALWAYS_LESS_THAN, SOMETIMES_LESS_THAN -> a < b;
            case ALWAYS_LESS_THAN_OR_EQUAL, SOMETIMES_LESS_THAN_OR_EQUAL -> a <= b;
            default -> throw new IllegalArgumentException("not a numeric assertion: " + kind);
        };
        boolean upward = switch (kind) {
            case ALWAYS_GREATER_THAN,
                    SOMETIMES_GREATER_THAN,
                    ALWAYS_GREATER_THAN_OR_EQUAL,
                    SOMETIMES_GREATER_THAN_OR_EQUAL -> true;
            default -> false;
        };
        if (!kind.mustAlwaysHold()) {
            e.best = Double.isNaN(e.best) ? a : upward ? Math.max(e.best, a) : Math.min(e.best, a);
        }
        if (holds) {
            e.trues++;
            satisfied(e);
        } else if (kind.mustAlwaysHold()) {
            violated(e, "failed: " + a + " against " + b);
        }
    }

    @Override
    public void all(String message, Map<String, Boolean> conditions) {
        AssertionTable.Entry e = table.entry(Kind.SOMETIMES_ALL, message);
        e.checks++;
        int held = 0;
        for (Boolean c : conditions.values()) {
            if (Boolean.TRUE.equals(c)) {
                held++;
            }
        }
        e.best = Double.isNaN(e.best) ? held : Math.max(e.best, held);
        if (held == conditions.size()) {
            e.trues++;
            satisfied(e);
        }
    }

    @Override
    public void each(String message, String key) {
        AssertionTable.Entry e = table.entry(Kind.SOMETIMES_EACH, message);
        e.checks++;
        e.trues++;
        satisfied(e);
        if (e.buckets == null) {
            e.buckets = new TreeMap<>();
        }
        e.buckets.merge(key, 1L, Long::sum);
    }

    /** The first time in this iteration that an assertion holds goes into the timeline. */
    private void satisfied(AssertionTable.Entry e) {
        if (e.satisfiedInIteration != iteration) {
            e.satisfiedInIteration = iteration;
            timeline.record("assertion satisfied", e.message, 0);
        }
    }

    private void violated(AssertionTable.Entry e, String what) {
        timeline.record("assertion violated", e.message, 0);
        if (e.seedsViolated.isEmpty() || e.seedsViolated.getLast() != seed) {
            e.seedsViolated.add(seed);
            e.iterationsViolated.add(table.current());
        }
        if (firstViolation != null) {
            return;
        }
        SimTask task = kernel.currentTask();
        String node = task == null ? "?" : nodeOf.apply(task.owner());
        String where = callSite();
        Duration at = Duration.ofNanos(kernel.now());
        firstViolation = new RunFailure(
                FailureKind.ASSERTION,
                phase.get(),
                "assertion '" + e.message + "'",
                e.kind.name().toLowerCase(java.util.Locale.ROOT) + " assertion '" + e.message + "' " + what + " at "
                        + where + ", at simulated time " + at
                        + (task == null
                                ? ", in an event on the kernel thread"
                                : ", on " + node + " in task '" + task.name() + "'")
                        + ", seed " + seed,
                at,
                "",
                Optional.empty());
        onViolation.accept(firstViolation);
    }

    /** The first frame outside the assertion machinery: the line of user code that made the call. */
    static String callSite() {
        return WALKER.walk(frames -> frames.filter(f -> !f.getClassName().startsWith("io.moonpool.api.Assertions")
                        && !f.getClassName().startsWith("io.moonpool.sim.internal.runner.Assertion"))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber()
                        + ")")
                .orElse("?"));
    }
}
