package io.moonpool.sim.internal.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * The deterministic kernel of one simulation run: simulated time, one event queue, and a scheduler that
 * runs one task at a time on the thread that calls {@link #run(SimTask)}.
 *
 * <p>When several tasks are runnable, the next is drawn from the scheduling stream. Time advances only when
 * none is runnable, and jumps to the next event. Everything here is touched by the kernel thread only,
 * except {@link #submit}, which a thread outside the simulation may call (a real-time wake-up, or the JDK's
 * monitor unblocker): that goes through a lock-free queue and is checked on the kernel thread.
 *
 * <p>The kernel keeps time, events, spawning and killing, the loop and the unwinding at the end; the runnable
 * tasks and the seeded draw among them are {@link ReadySet}'s, the tasks waiting for the JDK's monitor
 * unblocker {@link MonitorHandoffs}', and the wording of every failure it declares {@link FailureReports}'.
 */
public final class Kernel {

    /** Steps at one simulated instant after which the run is declared livelocked. */
    public static final long DEFAULT_MAX_STEPS_PER_INSTANT = 1_000_000;

    private static final long FOREIGN_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Simulation calls an abandoned task may make (each throwing) before it is parked for good. */
    private static final int MAX_CALLS_AFTER_END = 16;
    /** Rounds of interrupts that unwind abandoned tasks, and steps each may take, before giving up. */
    private static final int UNWIND_ROUNDS = 8;

    private static final int UNWIND_STEPS_PER_TASK = 64;
    /** Killed tasks kept before the first look for those that need no unwinding. */
    private static final int PRUNE_KILLED_FIRST = 1024;
    /**
     * The trace hash before anything is folded into it: the first 64 bits of the fractional part of the
     * square root of 2 (SHA-512's first initial word) with the low bit set, a constant with no pattern.
     * Every recorded hash depends on it.
     */
    private static final long TRACE_START = 0x6A09E667F3BCC909L;
    /** The odd multiplier of {@link #mix}: 2^64 over the golden ratio, which spreads nearby values apart. */
    private static final long TRACE_MULTIPLIER = 0x9E3779B97F4A7C15L;

    // an EventAction or a plain Runnable: plugins schedule Runnables, and wrapping each would allocate per event
    private final EventQueue<Object> events = new EventQueue<>(256);
    private final ReadySet ready;
    private final MonitorHandoffs monitors = new MonitorHandoffs(this);
    private final MessagePassingQueue<SimTask> foreign = new MpscUnboundedAtomicArrayQueue<>(64);
    private final Thread kernelThread;
    private final long maxStepsPerInstant;
    private final long timeLimitNanos;

    private Thread runningThread;
    private SimTask current;
    private SimTask liveHead;
    private SimTask liveTail;
    private int liveCount;

    private long now;
    private long nextTaskId;
    private long steps;
    private long eventsFired;
    private long trace = TRACE_START;
    private long instantOfLastStep = -1;
    private long stepsThisInstant;
    private KernelFailure failure;
    private volatile String label = "";
    /** Killed tasks: never scheduled again while the iteration runs, unwound by {@link #shutdown()}. */
    private final List<SimTask> killed = new ArrayList<>();

    private int pruneKilledAt = PRUNE_KILLED_FIRST;
    /** The iteration is over: every task still on its stack is being unwound, every simulation call throws. */
    private boolean ended;

    private final IterationEnded iterationEnded = new IterationEnded();
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private long platformThreadsAtStart;
    // volatile: a test reads it from another thread, to wake a task only once the grace has begun
    private volatile boolean foreignGraceTaken;
    private ScopedValue.Carrier taskBindings;
    private KernelObserver observer;
    private java.util.function.BooleanSupplier idleCondition;
    private Runnable idleAction;
    /** The kernel is making a task's thread: the thread that {@link Escapes#OWNER} sees created is its own. */
    private boolean spawning;
    /** {@link Escapes#OWNER} is set on the kernel thread. */
    private boolean escapesArmed;
    /** {@link Escapes#commonPoolMark()} at the end of the last step. */
    private long commonPoolMark;
    /** The common pool had no thread at the end of the last step: then its mark cannot have moved since. */
    private boolean commonPoolIdle;
    /**
     * The common pool was busy with work from before this iteration when it began (left by an earlier seed that
     * escaped, or submitted by code outside the simulation): its changes cannot be told from this iteration's,
     * so they are not blamed on it.
     */
    private boolean commonPoolBusyBefore;

    /**
     * Creates a kernel owned by the calling thread, which must be a platform thread.
     *
     * @param schedulingRandom   the seeded stream that picks the next runnable task
     * @param maxStepsPerInstant steps at one instant before a livelock is declared
     * @param timeLimitNanos     simulated time past which the run fails
     */
    public Kernel(RandomGenerator schedulingRandom, long maxStepsPerInstant, long timeLimitNanos) {
        VirtualThreads.requireAccess();
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("the kernel must run on a platform thread");
        }
        RealIo.requireReady();
        this.ready = new ReadySet(schedulingRandom);
        this.maxStepsPerInstant = maxStepsPerInstant;
        this.timeLimitNanos = timeLimitNanos;
        this.kernelThread = Thread.currentThread();
    }

    /**
     * Fails at once, naming the JVM flag to add, if the kernel cannot control virtual threads here. The first
     * call in a JVM also initialises the JDK's I/O poller, outside any simulation, so that a task's real I/O
     * cannot start it on the task's scheduler (which would break virtual-thread I/O for the whole JVM).
     *
     * @throws io.moonpool.api.ConfigurationException when the flag is missing, or the JDK's poller cannot start
     */
    public static void requireAccess() {
        VirtualThreads.requireAccess();
        RealIo.requireReady();
    }

    // ---------------------------------------------------------------- time and events

    /**
     * The current simulated time.
     *
     * @return nanoseconds since the start of the run
     */
    public long now() {
        return now;
    }

    /**
     * Schedules an event after a simulated delay.
     *
     * @param delayNanos the delay; saturates rather than overflows
     * @param action     what happens then, on the kernel thread; {@link EventAction#fire} gets the handle
     * @return the event's handle, for {@link #cancel(long)}: never negative
     * @throws IllegalArgumentException if the delay is negative
     */
    public long schedule(long delayNanos, EventAction action) {
        return enqueue(delayNanos, action);
    }

    /**
     * Schedules an event after a simulated delay.
     *
     * @param delayNanos the delay; saturates rather than overflows
     * @param action     what happens then, on the kernel thread
     * @return the event's handle, for {@link #cancel(long)}: never negative
     * @throws IllegalArgumentException if the delay is negative
     */
    public long schedule(long delayNanos, Runnable action) {
        return enqueue(delayNanos, action);
    }

    private long enqueue(long delayNanos, Object action) {
        if (ended) {
            throw iterationEnded(currentTask());
        }
        if (delayNanos < 0) {
            throw new IllegalArgumentException("negative delay: " + delayNanos + " ns");
        }
        long at = now + delayNanos;
        KernelObserver o = observer;
        if (o != null) {
            o.eventScheduled(at < now ? Long.MAX_VALUE : at);
        }
        return events.schedule(at < now ? Long.MAX_VALUE : at, action);
    }

    /**
     * Cancels a pending event: it will not fire, and the queue lets go of it (and of its action) at once,
     * without changing when or in which order the other events fire.
     *
     * @param handle what {@link #schedule} of this kernel returned for the event
     * @return true if the event was pending and is now cancelled; false, changing nothing, if it has fired
     *         or been cancelled already, or if {@code handle} is negative
     * @throws IllegalStateException if called from neither the kernel thread nor the running task
     */
    public boolean cancel(long handle) {
        requireKernelContext("cancel an event");
        return events.remove(handle);
    }

    /**
     * The number of pending events: scheduled, and neither fired nor cancelled.
     *
     * @return the count
     */
    public int pendingEvents() {
        return events.size();
    }

    /**
     * Blocks the current task for a simulated duration. A duration of zero lets every task runnable at this
     * instant run first. A sleep that ends by an interrupt cancels its wake-up event.
     *
     * @param nanos how long
     * @throws InterruptedException if the task is interrupted
     * @throws IllegalArgumentException if {@code nanos} is negative
     * @throws IllegalStateException if not called from a task of this kernel
     */
    public void sleep(long nanos) throws InterruptedException {
        SimTask task = requireCurrentTask("Time.sleep");
        if (ended) {
            throw iterationEnded(task);
        }
        if (nanos < 0) {
            throw new IllegalArgumentException("cannot sleep for a negative duration: " + nanos + " ns");
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("sleep interrupted");
        }
        task.sleepDone = false;
        task.sleepEvent = schedule(nanos, task);
        try {
            while (!task.sleepDone) {
                LockSupport.park(this);
                if (ended) {
                    throw iterationEnded(task);
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("sleep interrupted");
                }
            }
        } finally {
            if (task.sleepEvent >= 0) { // interrupted: the wake-up has not fired
                events.remove(task.sleepEvent);
                task.sleepEvent = -1;
            }
        }
    }

    // ---------------------------------------------------------------- tasks

    /**
     * Scoped values every task spawned from now on runs with, and the kernel thread while it fires events, such
     * as the sink that static assertion calls find their simulation through (never through a global, so
     * simulations on several threads stay apart).
     *
     * @param bindings the bindings, or null for none
     */
    public void bindForEveryTask(ScopedValue.Carrier bindings) {
        this.taskBindings = bindings;
    }

    /**
     * Sets what watches the loop from now on: spawns, steps and events (see {@link KernelObserver}).
     *
     * @param observer the observer, or null for none
     */
    public void observe(KernelObserver observer) {
        this.observer = observer;
    }

    /**
     * Starts a task. It is runnable at once and first runs when the scheduler picks it.
     *
     * @param name  its name, for reports
     * @param owner what it belongs to, or null
     * @param body  its code; it must not let exceptions escape
     * @return the task
     */
    public SimTask spawn(String name, Object owner, Runnable body) {
        if (ended) {
            SimTask caller = currentTask();
            if (caller != null) {
                throw iterationEnded(caller);
            }
            throw new IllegalStateException("cannot spawn task '" + name + "': the simulation has ended");
        }
        requireKernelContext("spawn a task");
        if (!escapesArmed && Thread.currentThread() == kernelThread) {
            Escapes.OWNER.set(this); // every task inherits it: see threadCreated()
            escapesArmed = true;
        }
        SimTask task = new SimTask(this, nextTaskId++, name, owner);
        ScopedValue.Carrier bindings = taskBindings;
        spawning = true;
        try {
            task.bind(VirtualThreads.newThread(task, name, () -> {
                try {
                    if (bindings == null) {
                        body.run();
                    } else {
                        bindings.run(body);
                    }
                } catch (IterationEnded unwound) {
                    // the iteration is over and this task was unwound: nothing to report
                }
            }));
        } finally {
            spawning = false;
        }
        linkLive(task);
        if (owner instanceof TaskGroup group) {
            group.link(task);
        }
        task.thread().start();
        KernelObserver o = observer;
        if (o != null) {
            o.spawned(task);
        }
        return task;
    }

    /**
     * The task running now, if the caller is that task.
     *
     * @return the current task, or null when called from outside any task of this kernel
     */
    public SimTask currentTask() {
        return Thread.currentThread() == runningThread ? current : null;
    }

    /**
     * The task running now.
     *
     * @param operation what the caller wanted to do, for the error message
     * @return the current task
     * @throws IllegalStateException if not called from a task of this simulation
     */
    public SimTask requireCurrentTask(String operation) {
        SimTask task = currentTask();
        if (task == null) {
            throw new IllegalStateException(operation + " must be called from a task of a running simulation"
                    + " (a process, a workload, or a task spawned with ctx.tasks()), not from thread '"
                    + Thread.currentThread().getName() + "'");
        }
        return task;
    }

    /**
     * Runs framework work on the kernel thread on behalf of the running task, which waits for it within its step:
     * work that may contend with other threads of the JVM (building a Guice injector, resolving its bindings,
     * loading classes), which on a task thread would park or block the task at a real time of the other
     * thread's choosing, so that the scheduling of another simulation on another thread could change this one's.
     * The kernel thread is a platform thread: if it has to wait, the whole simulation waits, in the same order.
     * The work must not call into the simulation as a task would (sleep, park, spawn). Neither the trace nor the
     * scheduling changes: the task resumes in the same step.
     *
     * @param work the work; its exceptions are rethrown in the task
     * @param <T>  what it returns
     * @return what {@code work} returned
     */
    public <T> T onKernelThread(java.util.function.Supplier<T> work) {
        SimTask task = currentTask();
        if (task == null || ended) {
            return work.get(); // the kernel thread itself, or the iteration is over
        }
        task.kernelWork = work;
        boolean interrupted = Thread.interrupted(); // a pending interrupt would keep park() from parking
        try {
            while (task.kernelWork != null) {
                LockSupport.park(this);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable error = task.kernelWorkError;
        Object result = task.kernelWorkResult;
        task.kernelWorkError = null;
        task.kernelWorkResult = null;
        if (error instanceof RuntimeException e) {
            throw e;
        }
        if (error instanceof Error e) {
            throw e;
        }
        if (error != null) {
            throw new IllegalStateException(error);
        }
        @SuppressWarnings("unchecked")
        T t = (T) result;
        return t;
    }

    /** Runs the work the task parked for on this (the kernel) thread, and makes the task runnable again. */
    private void runKernelWork(SimTask task) {
        java.util.function.Supplier<?> work = task.kernelWork;
        try {
            task.kernelWorkResult = work.get();
        } catch (RuntimeException | Error e) {
            task.kernelWorkError = e;
        }
        task.kernelWork = null;
        LockSupport.unpark(task.thread()); // hands the continuation back through submit(): take it out again
        ready.remove(task);
    }

    /**
     * Ends a task at once: none of its code runs again while the iteration goes on, not even {@code finally}
     * blocks, and the wake-up event of its sleep, if it is sleeping, is cancelled. Its stack stays as it is
     * until {@link #shutdown()} unwinds it, so that the monitors it holds are released then rather than never.
     *
     * @param task the task to kill; the running task cannot kill itself
     * @throws IllegalStateException if {@code task} is the running task
     */
    public void kill(SimTask task) {
        if (!task.live || ended) {
            return;
        }
        if (task == current) {
            throw new IllegalStateException("task '" + task.name() + "' cannot kill itself");
        }
        if (ready.remove(task)) {
            task.wokenWhileKilled = true; // it was about to run: its continuation waits for the unwinding
        }
        monitors.remove(task);
        if (task.sleepEvent >= 0) {
            events.remove(task.sleepEvent);
            task.sleepEvent = -1;
        }
        unlinkLive(task);
        task.killedAt = now;
        if (task.ran) {
            killed.add(task);
            if (killed.size() >= pruneKilledAt) {
                pruneKilled();
            }
        } else {
            VirtualThreads.terminate(task.thread()); // it never ran: it holds nothing
        }
    }

    /**
     * Kills every live task of a group but the running one, in spawn order, as {@link #kill} does each: the same
     * kills, in the same order, as a walk of {@link #liveTasks()} that kills those owned by {@code group}, in time
     * proportional to the group's tasks alone.
     *
     * @param group the owner whose tasks end
     */
    public void killGroup(TaskGroup group) {
        SimTask self = currentTask();
        for (SimTask t = group.head; t != null; ) {
            SimTask next = t.nextInGroup; // kill() unlinks t
            if (t != self) {
                kill(t);
            }
            t = next;
        }
    }

    /**
     * Frees the killed tasks that need no unwinding, so that a long iteration with many reboots does not keep
     * every killed life: one that neither holds a monitor nor waits in a monitor's queue (only those keep
     * anything reachable from the JVM itself) is terminated now, running nothing. Costs a thread dump, so it
     * runs when the killed tasks have doubled since the last time.
     */
    private void pruneKilled() {
        MonitorOwners owners = MonitorOwners.snapshot();
        killed.removeIf(t -> {
            int state = VirtualThreads.state(t.thread());
            if (state == VirtualThreads.BLOCKED
                    || state == VirtualThreads.WAIT
                    || state == VirtualThreads.TIMED_WAIT
                    || !owners.holdsNoMonitor(t)) {
                return false;
            }
            VirtualThreads.terminate(t.thread());
            return true;
        });
        pruneKilledAt = Math.max(PRUNE_KILLED_FIRST, 2 * killed.size());
    }

    /**
     * Parks the calling task, as {@link LockSupport#park(Object)} does (it may return spuriously), unless the
     * iteration is over: then it throws {@link IterationEnded}, before parking and after waking.
     *
     * @param blocker what the task waits for, for stack dumps
     */
    public void park(Object blocker) {
        if (ended) {
            throw iterationEnded(currentTask());
        }
        LockSupport.park(blocker);
        if (ended) {
            throw iterationEnded(currentTask());
        }
    }

    /**
     * Whether the iteration is over and its remaining tasks are being unwound.
     *
     * @return true from {@link #shutdown()} on
     */
    public boolean ended() {
        return ended;
    }

    /**
     * The error that unwinds an abandoned task. A task that keeps catching it and calling into the simulation
     * is parked for good after a few calls, so that it cannot spin.
     */
    private IterationEnded iterationEnded(SimTask task) {
        if (task != null && ++task.callsAfterEnd > MAX_CALLS_AFTER_END) {
            while (true) {
                Thread.interrupted();
                LockSupport.park(this);
            }
        }
        return iterationEnded;
    }

    /**
     * The tasks that have not ended, in spawn order.
     *
     * @return a snapshot
     */
    public List<SimTask> liveTasks() {
        List<SimTask> tasks = new ArrayList<>(liveCount);
        for (SimTask t = liveHead; t != null; t = t.nextLive) {
            tasks.add(t);
        }
        return tasks;
    }

    /** Live tasks that belong to someone (a workload, a process), leaving out the runner's own. */
    private List<SimTask> userTasks() {
        List<SimTask> tasks = liveTasks();
        tasks.removeIf(t -> t.owner() == null);
        return tasks;
    }

    // ---------------------------------------------------------------- the loop

    /**
     * Runs the simulation until {@code root} has ended or the kernel fails.
     *
     * @param root the task whose end ends the run
     */
    public void run(SimTask root) {
        if (Thread.currentThread() != kernelThread) {
            throw new IllegalStateException("a kernel runs on the thread that created it");
        }
        StuckStepWatchdog.watch(this);
        platformThreadsAtStart = THREADS.getTotalStartedThreadCount();
        commonPoolIdle = false;
        commonPoolMark = Escapes.quietCommonPoolMark();
        commonPoolBusyBefore = Escapes.commonPoolBusyFromBefore();
        try {
            // events run with the tasks' bindings too: plugin code fired from the kernel thread reaches the
            // same assertion, buggify and timeline sinks as task code
            ScopedValue.Carrier bindings = taskBindings;
            if (bindings == null) {
                loop(root);
            } else {
                bindings.run(() -> loop(root));
            }
        } finally {
            StuckStepWatchdog.unwatch(this);
            disarmEscapes();
        }
    }

    /** Takes {@link Escapes#OWNER} off the kernel thread, which may run other kernels later. */
    private void disarmEscapes() {
        if (escapesArmed && Thread.currentThread() == kernelThread) {
            Escapes.OWNER.remove();
            escapesArmed = false;
        }
    }

    /**
     * Called by {@link Escapes#OWNER} in the thread that is constructing a new thread, when that thread holds
     * this kernel: a task, or the kernel thread. Records a platform thread created by the running task, for
     * the end of its step, and says what the new thread inherits.
     *
     * @return this kernel for a task's thread being spawned, so that it reports the threads it creates; null
     *         for any other thread, which must keep nothing of the iteration reachable
     */
    Kernel threadCreated() {
        if (spawning) {
            return this;
        }
        SimTask task = current;
        if (task != null && !ended && Thread.currentThread() == runningThread) {
            StackTraceElement[] frames = new Throwable().getStackTrace();
            if (!Escapes.constructsVirtualThread(frames)) { // a virtual one fails as UNMANAGED_THREAD when started
                if (task.threadsCreated++ == 0) {
                    task.threadCreationSite = frames;
                }
            }
        }
        return null;
    }

    /**
     * Names this run in watchdog reports, for example {@code "seed 42"}.
     *
     * @param label a short description
     */
    public void label(String label) {
        this.label = label;
    }

    /** Read by the watchdog thread. */
    String label() {
        return label;
    }

    /** Read by the watchdog thread, racily: it only has to change while the kernel makes progress. */
    long stepsTaken() {
        return steps;
    }

    /** Read by the watchdog thread, racily. */
    SimTask runningTask() {
        return current;
    }

    private void loop(SimTask root) {
        while (failure == null && root.live) {
            int readyBeforeHandoffs = ready.size();
            if (!foreign.isEmpty()) {
                drainForeign();
            }
            if (!monitors.isEmpty()) {
                monitors.await(steps);
            }
            ready.sortAddedSince(readyBeforeHandoffs);
            if (failure != null) {
                break;
            }
            if (!ready.isEmpty()) {
                step(ready.take());
            } else if (idleCondition != null && idleConditionMet()) {
                continue;
            } else if (!events.isEmpty()) {
                fireNextEvent();
            } else {
                declareDeadlock();
            }
        }
    }

    /**
     * Runs {@code action} once, on the kernel thread, at the first instant at which the world is idle (no
     * task runnable, no event left at this instant: nothing can change before the next event) and
     * {@code condition} holds. The condition is checked at each such instant, and must only read state.
     *
     * @param condition what must hold, or null to cancel
     * @param action    what to do then, for example wake a task
     */
    public void whenIdle(java.util.function.BooleanSupplier condition, Runnable action) {
        requireKernelContext("watch for an idle instant");
        this.idleCondition = condition;
        this.idleAction = action;
    }

    private boolean idleConditionMet() {
        if (!events.isEmpty() && events.peekTime() <= now) {
            return false; // more happens at this instant
        }
        if (!idleCondition.getAsBoolean()) {
            return false;
        }
        Runnable action = idleAction;
        idleCondition = null;
        idleAction = null;
        action.run();
        return true;
    }

    /**
     * Ends the iteration: drops every pending event and unwinds every task still on its stack (killed ones
     * and those left running), so that nothing of this run survives it.
     *
     * <p>Unwinding resumes each task with {@link IterationEnded} thrown from where it parked (and from every
     * simulation call it makes after that), interrupting JDK waits, so that its stack unwinds and the monitors
     * it holds are exited; a task blocked on such a monitor then gets it and unwinds in turn. This is the only
     * time code of a killed task runs again: after the iteration's result is taken, in a world where nothing
     * can be scheduled. A task that still does not end after a few rounds is terminated where it stands, as is
     * a killed task that held no monitor (freed earlier, to bound memory). Failures during unwinding are
     * ignored.
     */
    public void shutdown() {
        if (ended) {
            return;
        }
        ended = true;
        events.clear();
        idleCondition = null;
        idleAction = null;
        for (SimTask t : killed) {
            linkLive(t);
        }
        killed.clear();
        ready.abandonAll(); // each runs first in the unwinding
        monitors.clear();
        for (SimTask t = liveHead; t != null; ) {
            SimTask next = t.nextLive;
            t.monitorWaiting = false;
            if (!t.ran) {
                unlinkLive(t);
                VirtualThreads.terminate(t.thread());
            }
            t = next;
        }
        String running = label;
        label = running + " (unwinding its abandoned tasks)";
        StuckStepWatchdog.watch(this);
        try {
            unwind();
        } finally {
            StuckStepWatchdog.unwatch(this);
            label = running;
            for (SimTask t = liveHead; t != null; ) {
                SimTask next = t.nextLive;
                unlinkLive(t);
                VirtualThreads.terminate(t.thread()); // it would not unwind
                t = next;
            }
            ready.clear();
            monitors.clear();
            foreign.clear();
        }
    }

    private void unwind() {
        long budget = (long) UNWIND_STEPS_PER_TASK * liveCount;
        wakeAbandoned();
        int rounds = 0;
        while (liveCount > 0 && budget-- > 0) {
            if (!foreign.isEmpty()) {
                drainForeign();
            }
            if (!monitors.isEmpty()) {
                monitors.await(steps);
            }
            if (!ready.isEmpty()) {
                step(ready.take());
            } else if (rounds++ == UNWIND_ROUNDS || wakeAbandoned() == 0) {
                return;
            }
        }
    }

    /** Makes every abandoned task that waits resume (interrupting it); returns how many may run now. */
    private int wakeAbandoned() {
        int woken = 0;
        for (SimTask t = liveHead; t != null; t = t.nextLive) {
            int state = VirtualThreads.state(t.thread());
            switch (state) {
                case VirtualThreads.BLOCKED -> {
                    // it gets the monitor when its owner unwinds
                    monitors.addIfAbsent(t);
                }
                case VirtualThreads.WAIT, VirtualThreads.TIMED_WAIT -> {
                    monitors.addIfAbsent(t);
                    t.thread().interrupt();
                    woken++;
                }
                case VirtualThreads.PARKED, VirtualThreads.TIMED_PARKED -> {
                    t.thread().interrupt(); // submits it to this thread: ready
                    woken++;
                }
                default -> {
                    if (t.wokenWhileKilled) {
                        // woken while killed: its continuation was held back, and runs now
                        t.wokenWhileKilled = false;
                        ready.add(t);
                        woken++;
                    } else if (state == VirtualThreads.UNBLOCKED && !t.monitorWaiting && !ready.contains(t)) {
                        // a monitor hand-off from the JDK's unblocker on its way: wait for it
                        monitors.add(t);
                        woken++;
                    }
                }
            }
        }
        return woken;
    }

    /**
     * Why the kernel ended the run, if it did.
     *
     * @return the failure, or null
     */
    public KernelFailure failure() {
        return failure;
    }

    /**
     * Records a failure that ends the run; the first one wins.
     *
     * @param f the failure
     */
    public void fail(KernelFailure f) {
        if (failure == null && !ended) {
            failure = f;
        }
    }

    /**
     * The trace hash: every scheduling decision and every event, folded together.
     *
     * @return the hash so far
     */
    public long traceHash() {
        return trace;
    }

    /**
     * Folds a value of the caller's into the trace hash (a fault decision, a delivery).
     *
     * @param value the value
     */
    public void trace(long value) {
        trace = mix(trace, value);
    }

    /**
     * Task steps taken so far.
     *
     * @return the count
     */
    public long steps() {
        return steps;
    }

    /**
     * Events fired so far.
     *
     * @return the count
     */
    public long eventsFired() {
        return eventsFired;
    }

    // ---------------------------------------------------------------- internals

    void submit(SimTask task) {
        Thread caller = Thread.currentThread();
        if (caller == runningThread || caller == kernelThread) {
            if (!task.live) {
                task.wokenWhileKilled = true; // a killed task runs no more in this iteration
                return;
            }
            monitors.remove(task);
            ready.add(task);
        } else {
            task.foreignWaker = caller.getName();
            foreign.offer(task);
        }
    }

    void unmanagedThread(SimTask spawner) {
        if (Thread.currentThread() == runningThread || Thread.currentThread() == kernelThread) {
            fail(FailureReports.unmanagedThread(spawner));
        }
    }

    private void step(SimTask task) {
        KernelObserver o = ended ? null : observer;
        if (o != null) {
            o.stepBegins(task, !task.ran);
        }
        current = task;
        runningThread = task.thread();
        task.ran = true;
        try {
            task.continuation().run();
            while (task.kernelWork != null && VirtualThreads.state(task.thread()) == VirtualThreads.PARKED) {
                runKernelWork(task); // the same step goes on
                task.continuation().run();
            }
        } finally {
            runningThread = null;
            current = null;
        }
        // escapes first: what a thread outside the simulation does next (a wake-up, a timing) follows from them
        if (task.threadsCreated != 0) {
            escapedToThreads(task);
        }
        if (!commonPoolBusyBefore
                && !(commonPoolIdle && Escapes.commonPoolHasNoThread())) { // one read of the control word, mostly
            commonPoolChecked(task);
        }
        steps++;
        trace = mix(mix(trace, now), task.id());
        if (!ended) {
            countStep(task);
        }
        int state = VirtualThreads.state(task.thread());
        if (o != null) {
            o.stepEnded(task, stepEnd(state));
        }
        if (state != VirtualThreads.TERMINATED && !ended && VirtualThreads.armedRealTimeTimer(task.thread())) {
            declareRealTimeWait(task);
            return;
        }
        switch (state) {
            case VirtualThreads.TERMINATED -> unlinkLive(task);
            case VirtualThreads.TIMED_PARKED, VirtualThreads.TIMED_WAIT -> declareRealTimeWait(task);
            case VirtualThreads.BLOCKED, VirtualThreads.WAIT -> {
                if (!ended
                        && (state == VirtualThreads.WAIT
                                || foreignWakeMayCome(platformThreadsAtStart, THREADS.getTotalStartedThreadCount()))
                        && TaskStacks.joinsAThread(task)) {
                    fail(FailureReports.threadJoin(task));
                    return;
                }
                monitors.add(task);
            }
            case VirtualThreads.PARKED, VirtualThreads.UNPARKED -> {
                // parked on a simulated or JDK primitive, or already runnable again; or in real I/O, which only
                // the real network would end, at a real time: caught here, at the step that made it
                if (RealIo.mayBeInRealIo(task.thread())) {
                    declareRealIoIfIn(task);
                }
            }
            default -> {
                // yielded, or runnable again
            }
        }
    }

    private void commonPoolChecked(SimTask task) {
        commonPoolIdle = Escapes.commonPoolHasNoThread();
        long poolMark = Escapes.commonPoolMark();
        if (poolMark != commonPoolMark) {
            commonPoolMark = poolMark;
            Escapes.leftWorkInCommonPool();
            if (!ended) {
                fail(FailureReports.commonPool(task));
            }
        }
    }

    private void escapedToThreads(SimTask task) {
        int created = task.threadsCreated;
        StackTraceElement[] site = task.threadCreationSite;
        task.threadsCreated = 0;
        task.threadCreationSite = null;
        if (!ended) {
            fail(FailureReports.platformThreads(task, created, site, Escapes.createdBy(task, created)));
        }
    }

    private static KernelObserver.StepEnd stepEnd(int state) {
        return switch (state) {
            case VirtualThreads.TERMINATED -> KernelObserver.StepEnd.ENDED;
            case VirtualThreads.BLOCKED, VirtualThreads.WAIT, VirtualThreads.TIMED_WAIT ->
                KernelObserver.StepEnd.MONITOR;
            case VirtualThreads.PARKED, VirtualThreads.TIMED_PARKED -> KernelObserver.StepEnd.PARKED;
            default -> KernelObserver.StepEnd.RUNNABLE;
        };
    }

    private void countStep(SimTask task) {
        if (instantOfLastStep != now) {
            instantOfLastStep = now;
            stepsThisInstant = 0;
        }
        if (task.stepInstant != now) {
            task.stepInstant = now;
            task.stepsAtInstant = 0;
        }
        task.stepsAtInstant++;
        if (++stepsThisInstant > maxStepsPerInstant) {
            fail(FailureReports.livelock(now, liveTasks(), stepsThisInstant, maxStepsPerInstant));
        }
    }

    private void fireNextEvent() {
        long at = events.peekTime();
        if (at > timeLimitNanos) {
            fail(FailureReports.timeLimit(timeLimitNanos, userTasks(), suspects()));
            return;
        }
        if (at > now) {
            now = at;
        }
        Object action = events.poll();
        eventsFired++;
        trace = mix(mix(trace, at), events.polledSeq());
        KernelObserver o = observer;
        if (o != null) {
            o.eventFires(action);
        }
        if (action instanceof EventAction timer) {
            timer.fire(events.polledHandle());
        } else {
            try {
                ((Runnable) action).run();
            } catch (RuntimeException | Error e) {
                // a plugin's event: name it rather than let it pass for a failure of the kernel
                throw new EventFailure(action.getClass().getName(), e);
            }
        }
        if (o != null) {
            o.eventFired(action);
        }
    }

    /** Hands tasks woken from outside the kernel thread to the ready set: the JDK's unblocker, or a failure. */
    void drainForeign() {
        SimTask task;
        while ((task = foreign.relaxedPoll()) != null) {
            if (!task.live) {
                task.wokenWhileKilled = true;
                continue;
            }
            if (task.monitorWaiting || ended) {
                // the JDK's unblocker thread hands over a task blocked on a monitor: legitimate
                monitors.remove(task);
                ready.add(task);
            } else {
                fail(FailureReports.foreignWake(task));
            }
        }
    }

    /**
     * Whether a deadlock report should first give a wake-up from outside a moment of real time to arrive:
     * only when a platform thread was started while this kernel ran. Otherwise nothing outside the simulation
     * can wake a task, and waiting would only make every deadlocking seed slower.
     *
     * @param platformThreadsAtStart the JVM's count of started platform threads when the run began
     * @param platformThreadsNow     that count now
     * @return true when the grace is worth waiting
     */
    static boolean foreignWakeMayCome(long platformThreadsAtStart, long platformThreadsNow) {
        return platformThreadsNow != platformThreadsAtStart;
    }

    private void declareDeadlock() {
        drainForeign();
        if (failure != null || !ready.isEmpty()) {
            return;
        }
        if (foreignWakeMayCome(platformThreadsAtStart, THREADS.getTotalStartedThreadCount())) {
            awaitForeignWake();
            if (failure != null || !ready.isEmpty()) {
                return;
            }
        }
        fail(FailureReports.deadlock(now, userTasks(), suspects()));
    }

    /**
     * A task woken from outside (a platform thread) would look deadlocked; give such a wake-up a moment of
     * real time to arrive so that the report names the real cause. Either way the run fails.
     */
    private void awaitForeignWake() {
        foreignGraceTaken = true;
        long started = System.nanoTime();
        do {
            drainForeign();
            if (failure != null || !ready.isEmpty()) {
                return;
            }
            LockSupport.parkNanos(50_000);
        } while (System.nanoTime() - started < FOREIGN_GRACE_NANOS);
        if (!foreign.isEmpty()) {
            drainForeign();
        }
    }

    /**
     * Whether a deadlock report waited for a wake-up from outside the simulation (for tests).
     *
     * @return true once it did in this run
     */
    boolean foreignGraceTaken() {
        return foreignGraceTaken;
    }

    private void declareRealTimeWait(SimTask task) {
        if (RealIo.mayBeInRealIo(task.thread()) && declareRealIoIfIn(task)) {
            return; // a socket with a timeout: the real I/O is the cause worth naming
        }
        fail(FailureReports.realTimeWait(task));
    }

    /** Fails the run if {@code task} has just parked in the JDK's real I/O, and says whether it did. */
    private boolean declareRealIoIfIn(SimTask task) {
        KernelFailure inRealIo = FailureReports.realIoIfIn(task);
        if (inRealIo == null) {
            return false;
        }
        fail(inRealIo);
        return true;
    }

    /** Every task that may hold a monitor another waits for: the live ones and the killed ones. */
    private List<SimTask> suspects() {
        List<SimTask> suspects = liveTasks();
        suspects.addAll(killed);
        return suspects;
    }

    private void requireKernelContext(String operation) {
        Thread caller = Thread.currentThread();
        if (caller != kernelThread && caller != runningThread) {
            throw new IllegalStateException("cannot " + operation + " from thread '" + caller.getName()
                    + "': only tasks of the running simulation can");
        }
    }

    private void linkLive(SimTask task) {
        task.live = true;
        task.prevLive = liveTail;
        if (liveTail == null) {
            liveHead = task;
        } else {
            liveTail.nextLive = task;
        }
        liveTail = task;
        liveCount++;
    }

    private void unlinkLive(SimTask task) {
        if (!task.live) {
            return;
        }
        task.live = false;
        if (task.group != null) {
            task.group.unlink(task);
        }
        if (task.prevLive == null) {
            liveHead = task.nextLive;
        } else {
            task.prevLive.nextLive = task.nextLive;
        }
        if (task.nextLive == null) {
            liveTail = task.prevLive;
        } else {
            task.nextLive.prevLive = task.prevLive;
        }
        task.prevLive = null;
        task.nextLive = null;
        liveCount--;
    }

    /** Folds {@code v} into the hash {@code h}: XOR, multiply, then fold the high bits down. */
    static long mix(long h, long v) {
        long x = (h ^ v) * TRACE_MULTIPLIER;
        return x ^ (x >>> 29);
    }
}
