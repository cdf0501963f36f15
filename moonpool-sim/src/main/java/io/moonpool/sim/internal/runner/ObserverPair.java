package io.moonpool.sim.internal.runner;

import io.moonpool.sim.internal.kernel.KernelObserver;
import io.moonpool.sim.internal.kernel.SimTask;

/** Two observers of one kernel, called in order: the timeline first, so an invariant's failure follows the step. */
record ObserverPair(KernelObserver first, KernelObserver second) implements KernelObserver {

    /** The observer of both, or the one that is not null, or null. */
    static KernelObserver of(KernelObserver first, KernelObserver second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : new ObserverPair(first, second);
    }

    @Override
    public void spawned(SimTask task) {
        first.spawned(task);
        second.spawned(task);
    }

    @Override
    public void stepBegins(SimTask task, boolean firstStep) {
        first.stepBegins(task, firstStep);
        second.stepBegins(task, firstStep);
    }

    @Override
    public void stepEnded(SimTask task, StepEnd end) {
        first.stepEnded(task, end);
        second.stepEnded(task, end);
    }

    @Override
    public void eventFires(Object action) {
        first.eventFires(action);
        second.eventFires(action);
    }

    @Override
    public void eventFired(Object action) {
        first.eventFired(action);
        second.eventFired(action);
    }

    @Override
    public void eventScheduled(long at) {
        first.eventScheduled(at);
        second.eventScheduled(at);
    }
}
