package io.moonpool.sim.internal.kernel;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One simulated task: a virtual thread and the kernel's bookkeeping about it.
 *
 * <p>The task is its thread's scheduler: the JDK hands it the thread's continuation whenever the thread
 * becomes runnable, and the task hands itself to the kernel's ready set. Being its own scheduler (rather
 * than one shared executor) spares a lookup from continuation to task on every wake-up.
 */
public final class SimTask implements Executor, EventAction {

    private final Kernel kernel;
    private final long id;
    private final String name;
    private final Object owner;
    private Thread thread;
    private Runnable continuation;

    // live-list links, in spawn order
    SimTask prevLive;
    SimTask nextLive;

    /** The group it is listed in while live, if its owner is a {@link TaskGroup}; links in spawn order. */
    TaskGroup group;

    SimTask prevInGroup;
    SimTask nextInGroup;

    boolean live;
    /** Blocked on a monitor or in {@code Object.wait}: woken by the JDK's unblocker thread. */
    boolean monitorWaiting;
    /** Steps taken at the instant {@link #stepInstant}, for livelock reports. */
    long stepsAtInstant;

    long stepInstant = -1;

    /** The handle of this task's pending sleep event, or -1. */
    long sleepEvent = -1;

    boolean sleepDone;

    /** Whether it has taken a step: a task that never ran holds nothing and ends without unwinding. */
    boolean ran;
    /** The simulated instant it was killed, or -1. */
    long killedAt = -1;
    /** Made runnable after it was killed; its continuation was held back for the unwinding. */
    boolean wokenWhileKilled;
    /** Simulation calls made after the iteration ended, each of which threw. */
    int callsAfterEnd;

    /** Work this task waits for the kernel thread to run ({@link Kernel#onKernelThread}), and its outcome. */
    java.util.function.Supplier<?> kernelWork;

    Object kernelWorkResult;
    Throwable kernelWorkError;

    /** Platform threads this task created in the step under way, seen by {@link Escapes#OWNER}. */
    int threadsCreated;
    /** The stack of the first of them, taken as it was created. */
    StackTraceElement[] threadCreationSite;

    /** The thread that last woke this task from outside the kernel, when it did. */
    volatile String foreignWaker;

    SimTask(Kernel kernel, long id, String name, Object owner) {
        this.kernel = kernel;
        this.id = id;
        this.name = name;
        this.owner = owner;
    }

    void bind(Thread thread) {
        this.thread = thread;
    }

    /**
     * The task's id: its spawn order within the iteration.
     *
     * @return the id, from 0
     */
    public long id() {
        return id;
    }

    /**
     * The task's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * What this task belongs to (a process life, a workload, the runner), as given at spawn.
     *
     * @return the owner, or null
     */
    public Object owner() {
        return owner;
    }

    /**
     * The task's virtual thread.
     *
     * @return the thread
     */
    public Thread thread() {
        return thread;
    }

    /**
     * Whether the task has ended (returned, thrown or been killed).
     *
     * @return true once it will never run again
     */
    public boolean isDone() {
        return !live;
    }

    /**
     * Whether the task was killed (with its process, or by the runner); a task merely left running when its
     * iteration ends is not.
     *
     * @return true once killed
     */
    public boolean wasKilled() {
        return killedAt >= 0;
    }

    Runnable continuation() {
        return continuation;
    }

    @Override
    public void execute(Runnable command) {
        if (command != continuation) {
            if (continuation != null) {
                kernel.unmanagedThread(this);
                throw new RejectedExecutionException("a virtual thread was started inside the simulation without"
                        + " ctx.tasks() (from task '" + name + "'); start tasks with ctx.tasks().spawn(...) or"
                        + " ctx.tasks().executor() so that the simulation schedules them");
            }
            continuation = command;
        }
        kernel.submit(this);
    }

    /** The sleep timer of this task fired. */
    @Override
    public void fire(long handle) {
        if (handle == sleepEvent && live) {
            sleepEvent = -1;
            sleepDone = true;
            java.util.concurrent.locks.LockSupport.unpark(thread);
        }
    }

    @Override
    public String toString() {
        return name + "#" + id;
    }
}
