package io.moonpool.sim.internal.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tasks blocked on a monitor or waiting in {@code Object.wait}, which only the JDK's unblocker thread
 * wakes, and the wait for that thread's hand-offs before each scheduling decision.
 *
 * <p>Invariant: a task is in {@link #waiters} exactly when its {@link SimTask#monitorWaiting} is set. The
 * unblocker hands tasks back through the kernel's foreign queue at a real time of its own; waiting until
 * every hand-off it has decided on has arrived keeps that timing out of the draw. Kernel thread only.
 */
final class MonitorHandoffs {

    private static final long WATCHDOG_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long UNWIND_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Kernel kernel;
    private final List<SimTask> waiters = new ArrayList<>();
    private long settledAtStep = -1;

    MonitorHandoffs(Kernel kernel) {
        this.kernel = kernel;
    }

    boolean isEmpty() {
        return waiters.isEmpty();
    }

    /** Adds a task that has just blocked on a monitor or entered {@code Object.wait}. */
    void add(SimTask task) {
        task.monitorWaiting = true;
        waiters.add(task);
    }

    /** Adds {@code task} unless it is waiting already. */
    void addIfAbsent(SimTask task) {
        if (!task.monitorWaiting) {
            add(task);
        }
    }

    /** Removes {@code task} if it is waiting: it was handed back, or killed. */
    void remove(SimTask task) {
        if (task.monitorWaiting) {
            task.monitorWaiting = false;
            waiters.remove(task);
        }
    }

    /** Forgets every waiter, leaving their flags to the caller, which clears them over all live tasks. */
    void clear() {
        waiters.clear();
    }

    /**
     * Waits until every monitor hand-off the JDK has decided on has reached the scheduler, so that the next
     * scheduling decision does not depend on how fast the JDK's unblocker thread is. Hand-offs are decided
     * only when a task releases a monitor, so one check per step suffices.
     *
     * @param steps the kernel's step count now
     */
    void await(long steps) {
        if (settledAtStep == steps) {
            return;
        }
        long started = 0;
        int i = 0;
        // unwinding goes on after a failed iteration too: its abandoned tasks hold monitors all the same
        while (kernel.failure() == null || kernel.ended()) {
            if (i < waiters.size()) {
                if (!VirtualThreads.handoffInFlight(waiters.get(i).thread())) {
                    i++;
                    continue;
                }
            } else if (allInObjectWait() || VirtualThreads.unblockerIdle()) {
                kernel.drainForeign();
                break;
            }
            if (started == 0) {
                started = System.nanoTime();
            } else if (kernel.ended() && System.nanoTime() - started > UNWIND_NANOS) {
                break; // unwinding: a hand-off that does not come leaves its task to be terminated
            } else if (System.nanoTime() - started > WATCHDOG_NANOS) {
                throw new IllegalStateException("the JDK's unblocker did not hand tasks back from monitors within"
                        + " 30 s of real time: " + waiters);
            }
            Thread.onSpinWait();
            kernel.drainForeign();
            i = 0;
        }
        settledAtStep = steps;
    }

    /**
     * Whether every waiter is still in {@code Object.wait()}: a notify turns a waiter into a blocked one
     * during the notifier's step, so such waiters have no hand-off the unblocker could be carrying.
     */
    private boolean allInObjectWait() {
        for (SimTask t : waiters) {
            if (VirtualThreads.state(t.thread()) != VirtualThreads.WAIT) {
                return false;
            }
        }
        return true;
    }
}
