package io.moonpool.sim.internal.kernel;

/**
 * Thrown into a task that is still on its stack when its iteration is over, from the point where it parked
 * and again from every simulation call it makes afterwards, so that the stack unwinds: the monitors it holds
 * are exited and nothing it references outlives the iteration.
 *
 * <p>An {@link Error}, so that code catching {@code Exception} lets it pass. Code that catches it anyway
 * meets it again at its next call into the simulation. It carries no stack trace: it is thrown to unwind,
 * never reported.
 */
public final class IterationEnded extends Error {

    private static final long serialVersionUID = 1L;

    IterationEnded() {
        super("the iteration is over: this task was abandoned and is being unwound", null, false, false);
    }
}
