package io.moonpool.sim.internal.runner;

import io.moonpool.api.FailureKind;
import io.moonpool.api.SimState;
import io.moonpool.sim.Phase;
import io.moonpool.sim.RunFailure;
import io.moonpool.sim.internal.kernel.Kernel;
import io.moonpool.sim.internal.kernel.KernelObserver;
import io.moonpool.sim.internal.kernel.SimTask;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Checks the simulation's invariants after every task step and every event of the run phase, on the kernel
 * thread. The first violation fails the seed, naming the step or event after which it was seen; no invariant is
 * checked again in that iteration.
 */
final class InvariantChecks implements KernelObserver {

    private final Invariant[] invariants;
    private final SimState state;
    private final Kernel kernel;
    private final long seed;
    private final Supplier<Phase> phase;
    private final Function<Object, String> nodeOf;
    private final Consumer<RunFailure> onViolation;
    private boolean violated;

    InvariantChecks(
            List<Invariant> invariants,
            SimState state,
            Kernel kernel,
            long seed,
            Supplier<Phase> phase,
            Function<Object, String> nodeOf,
            Consumer<RunFailure> onViolation) {
        this.invariants = invariants.toArray(Invariant[]::new);
        this.state = state;
        this.kernel = kernel;
        this.seed = seed;
        this.phase = phase;
        this.nodeOf = nodeOf;
        this.onViolation = onViolation;
    }

    @Override
    public void spawned(SimTask task) {}

    @Override
    public void stepBegins(SimTask task, boolean first) {}

    @Override
    public void stepEnded(SimTask task, StepEnd end) {
        if (!violated && phase.get() == Phase.RUN) {
            check(task, null);
        }
    }

    @Override
    public void eventFires(Object action) {}

    @Override
    public void eventFired(Object action) {
        if (!violated && phase.get() == Phase.RUN) {
            check(null, action);
        }
    }

    private void check(SimTask task, Object action) {
        for (Invariant inv : invariants) {
            try {
                inv.check().accept(state);
            } catch (RuntimeException | Error e) {
                violated = true;
                onViolation.accept(failure(inv, task, action, e));
                return;
            }
        }
    }

    private RunFailure failure(Invariant inv, SimTask task, Object action, Throwable e) {
        String after = task != null
                ? "a step of task '" + task.name() + "' on " + nodeOf.apply(task.owner())
                : action instanceof SimTask sleeper
                        ? "the wake-up of task '" + sleeper.name() + "'"
                        : "event " + Timeline.nameOf(action.getClass());
        Duration at = Duration.ofNanos(kernel.now());
        StringWriter stack = new StringWriter();
        e.printStackTrace(new PrintWriter(stack));
        return new RunFailure(
                FailureKind.INVARIANT,
                Phase.RUN,
                "invariant '" + inv.name() + "'",
                "invariant '" + inv.name() + "' failed after " + after + ", at simulated time " + at + ", seed " + seed
                        + ": " + e,
                at,
                stack.toString(),
                Optional.of(e));
    }
}
