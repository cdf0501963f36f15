package io.moonpool.sim.internal.kernel;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

/**
 * The deterministic kernel of one simulation run: simulated time, one event queue, and a scheduler that
 * runs one task at a time on the thread that calls {@link #run(SimTask)}.
 *
 * <p>When several tasks are runnable, the next is drawn from the scheduling stream. Time advances only when
 * none is runnable, and jumps to the next event. Everything here is touched by the kernel thread only,
 * except {@link #submit}, which a thread outside the simulation may call (a real-time wake-up, or the JDK's
 * monitor unblocker): that goes through a lock-free queue and is checked on the kernel thread.
 */
public final class Kernel {

    /** Steps at one simulated instant after which the run is declared livelocked. */
    public static final long DEFAULT_MAX_STEPS_PER_INSTANT = 1_000_000;

    private static final Comparator<SimTask> BY_ID = Comparator.comparingLong(SimTask::id);
    private static final long HANDOFF_WATCHDOG_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long UNWIND_HANDOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long FOREIGN_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int STACK_FRAMES_IN_REPORT = 8;
    /** Simulation calls an abandoned task may make (each throwing) before it is parked for good. */
    private static final int MAX_CALLS_AFTER_END = 16;
    /** Rounds of interrupts that unwind abandoned tasks, and steps each may take, before giving up. */
    private static final int UNWIND_ROUNDS = 8;
    private static final int UNWIND_STEPS_PER_TASK = 64;
    /** Killed tasks kept before the first look for those that need no unwinding. */
    private static final int PRUNE_KILLED_FIRST = 1024;

    // an EventAction or a plain Runnable: plugins schedule Runnables, and wrapping each would allocate per event
    private final EventQueue<Object> events = new EventQueue<>(256);
    private final RandomGenerator schedulingRandom;
    private final MessagePassingQueue<SimTask> foreign = new MpscUnboundedAtomicArrayQueue<>(64);
    private final Thread kernelThread;
    private final long maxStepsPerInstant;
    private final long timeLimitNanos;

    private Thread runningThread;
    private SimTask current;
    private SimTask[] ready = new SimTask[16];
    private int readyCount;
    private final List<SimTask> monitorWaiters = new ArrayList<>();
    private SimTask liveHead;
    private SimTask liveTail;
    private int liveCount;

    private long now;
    private long nextTaskId;
    private long steps;
    private long eventsFired;
    private long trace = 0x6A09E667F3BCC909L;
    private long instantOfLastStep = -1;
    private long handoffsSettledAtStep = -1;
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
    private boolean foreignGraceTaken;
    private java.util.function.BooleanSupplier idleCondition;
    private Runnable idleAction;

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
        this.schedulingRandom = schedulingRandom;
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
        SimTask task = new SimTask(this, nextTaskId++, name, owner);
        task.bind(VirtualThreads.newThread(task, name, () -> {
            try {
                body.run();
            } catch (IterationEnded unwound) {
                // the iteration is over and this task was unwound: nothing to report
            }
        }));
        linkLive(task);
        task.thread().start();
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
        if (removeReady(task)) {
            task.wokenWhileKilled = true; // it was about to run: its continuation waits for the unwinding
        }
        if (task.monitorWaiting) {
            task.monitorWaiting = false;
            monitorWaiters.remove(task);
        }
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
     * Frees the killed tasks that need no unwinding, so that a long iteration with many reboots does not keep
     * every killed life: one that neither holds a monitor nor waits in a monitor's queue (only those keep
     * anything reachable from the JVM itself) is terminated now, running nothing. Costs a thread dump, so it
     * runs when the killed tasks have doubled since the last time.
     */
    private void pruneKilled() {
        MonitorOwners owners = MonitorOwners.snapshot();
        killed.removeIf(t -> {
            int state = VirtualThreads.state(t.thread());
            if (state == VirtualThreads.BLOCKED || state == VirtualThreads.WAIT || state == VirtualThreads.TIMED_WAIT
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
        try {
            loop(root);
        } finally {
            StuckStepWatchdog.unwatch(this);
        }
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
            int readyBeforeHandoffs = readyCount;
            if (!foreign.isEmpty()) {
                drainForeign();
            }
            if (!monitorWaiters.isEmpty()) {
                awaitMonitorHandoffs();
            }
            if (readyCount - readyBeforeHandoffs > 1) {
                // the JDK's unblocker hands tasks over in an order of its own: put them in spawn order
                Arrays.sort(ready, readyBeforeHandoffs, readyCount, BY_ID);
            }
            if (failure != null) {
                break;
            }
            if (readyCount > 0) {
                step(takeReady());
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
        for (int i = 0; i < readyCount; i++) {
            ready[i].wokenWhileKilled = true; // runs first in the unwinding
        }
        Arrays.fill(ready, 0, readyCount, null);
        readyCount = 0;
        monitorWaiters.clear();
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
            Arrays.fill(ready, 0, readyCount, null);
            readyCount = 0;
            monitorWaiters.clear();
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
            if (!monitorWaiters.isEmpty()) {
                awaitMonitorHandoffs();
            }
            if (readyCount > 0) {
                step(takeReady());
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
                    if (!t.monitorWaiting) {
                        t.monitorWaiting = true;
                        monitorWaiters.add(t);
                    }
                }
                case VirtualThreads.WAIT, VirtualThreads.TIMED_WAIT -> {
                    if (!t.monitorWaiting) {
                        t.monitorWaiting = true;
                        monitorWaiters.add(t);
                    }
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
                        addReady(t);
                        woken++;
                    } else if (state == VirtualThreads.UNBLOCKED && !t.monitorWaiting && readyIndex(t) < 0) {
                        // a monitor hand-off from the JDK's unblocker on its way: wait for it
                        t.monitorWaiting = true;
                        monitorWaiters.add(t);
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
            if (task.monitorWaiting) {
                task.monitorWaiting = false;
                monitorWaiters.remove(task);
            }
            addReady(task);
        } else {
            task.foreignWaker = caller.getName();
            foreign.offer(task);
        }
    }

    void unmanagedThread(SimTask spawner) {
        if (Thread.currentThread() == runningThread || Thread.currentThread() == kernelThread) {
            fail(new KernelFailure(KernelFailure.Kind.UNMANAGED_THREAD, "task '" + spawner.name()
                    + "' started a virtual thread without ctx.tasks(); the simulation cannot schedule it."
                    + " Use ctx.tasks().spawn(name, body) or ctx.tasks().executor().", List.of(spawner.name())));
        }
    }

    private void step(SimTask task) {
        current = task;
        runningThread = task.thread();
        task.ran = true;
        try {
            task.continuation().run();
        } finally {
            runningThread = null;
            current = null;
        }
        steps++;
        trace = mix(mix(trace, now), task.id());
        if (!ended) {
            countStep(task);
        }
        int state = VirtualThreads.state(task.thread());
        if (state != VirtualThreads.TERMINATED && !ended && VirtualThreads.armedRealTimeTimer(task.thread())) {
            declareRealTimeWait(task);
            return;
        }
        switch (state) {
            case VirtualThreads.TERMINATED -> unlinkLive(task);
            case VirtualThreads.TIMED_PARKED, VirtualThreads.TIMED_WAIT -> declareRealTimeWait(task);
            case VirtualThreads.BLOCKED, VirtualThreads.WAIT -> {
                if (!ended && (state == VirtualThreads.WAIT || foreignWakeMayCome(platformThreadsAtStart,
                        THREADS.getTotalStartedThreadCount())) && joinsAThread(task)) {
                    declareThreadJoin(task);
                    return;
                }
                task.monitorWaiting = true;
                monitorWaiters.add(task);
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
            declareLivelock();
        }
    }

    private void fireNextEvent() {
        long at = events.peekTime();
        if (at > timeLimitNanos) {
            fail(new KernelFailure(KernelFailure.Kind.TIME_LIMIT, "the iteration reached its simulated time limit of "
                    + java.time.Duration.ofNanos(timeLimitNanos) + " with tasks still running: "
                    + describeTasks(userTasks()) + ". Raise the limit with .maxSimulatedTime(...) if the workload"
                    + " legitimately runs longer.", names(userTasks())));
            return;
        }
        if (at > now) {
            now = at;
        }
        Object action = events.poll();
        eventsFired++;
        trace = mix(mix(trace, at), events.polledSeq());
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
    }

    private void addReady(SimTask task) {
        if (readyCount == ready.length) {
            ready = Arrays.copyOf(ready, readyCount * 2);
        }
        ready[readyCount++] = task;
    }

    private SimTask takeReady() {
        int i = readyCount == 1 ? 0 : schedulingRandom.nextInt(readyCount);
        SimTask task = ready[i];
        ready[i] = ready[--readyCount];
        ready[readyCount] = null;
        return task;
    }

    private int readyIndex(SimTask task) {
        for (int i = 0; i < readyCount; i++) {
            if (ready[i] == task) {
                return i;
            }
        }
        return -1;
    }

    private boolean removeReady(SimTask task) {
        for (int i = 0; i < readyCount; i++) {
            if (ready[i] == task) {
                ready[i] = ready[--readyCount];
                ready[readyCount] = null;
                return true;
            }
        }
        return false;
    }

    private void drainForeign() {
        SimTask task;
        while ((task = foreign.relaxedPoll()) != null) {
            if (!task.live) {
                task.wokenWhileKilled = true;
                continue;
            }
            if (task.monitorWaiting || ended) {
                // the JDK's unblocker thread hands over a task blocked on a monitor: legitimate
                task.monitorWaiting = false;
                monitorWaiters.remove(task);
                addReady(task);
            } else {
                fail(new KernelFailure(KernelFailure.Kind.FOREIGN_WAKE, "task '" + task.name()
                        + "' was woken by thread '" + task.foreignWaker + "', which is outside the simulation"
                        + " (real time, real I/O, or a thread the simulation does not schedule). Use ctx.time()"
                        + " for waiting and ctx.tasks() for concurrency." + stackOf(task), List.of(task.name())));
            }
        }
    }

    /**
     * Waits until every monitor hand-off the JDK has decided on has reached the scheduler, so that the next
     * scheduling decision does not depend on how fast the JDK's unblocker thread is. Hand-offs are decided
     * only when a task releases a monitor, so one check per step suffices.
     */
    private void awaitMonitorHandoffs() {
        if (handoffsSettledAtStep == steps) {
            return;
        }
        long started = 0;
        int i = 0;
        // unwinding goes on after a failed iteration too: its abandoned tasks hold monitors all the same
        while (failure == null || ended) {
            if (i < monitorWaiters.size()) {
                if (!VirtualThreads.handoffInFlight(monitorWaiters.get(i).thread())) {
                    i++;
                    continue;
                }
            } else if (allInObjectWait() || VirtualThreads.unblockerIdle()) {
                drainForeign();
                break;
            }
            if (started == 0) {
                started = System.nanoTime();
            } else if (ended && System.nanoTime() - started > UNWIND_HANDOFF_NANOS) {
                break; // unwinding: a hand-off that does not come leaves its task to be terminated
            } else if (System.nanoTime() - started > HANDOFF_WATCHDOG_NANOS) {
                throw new IllegalStateException("the JDK's unblocker did not hand tasks back from monitors within"
                        + " 30 s of real time: " + monitorWaiters);
            }
            Thread.onSpinWait();
            drainForeign();
            i = 0;
        }
        handoffsSettledAtStep = steps;
    }

    /**
     * Whether every waiter is still in {@code Object.wait()}: a notify turns a waiter into a blocked one
     * during the notifier's step, so such waiters have no hand-off the unblocker could be carrying.
     */
    private boolean allInObjectWait() {
        for (SimTask t : monitorWaiters) {
            if (VirtualThreads.state(t.thread()) != VirtualThreads.WAIT) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a task that waits in {@code Object.wait} does so inside {@code Thread.join}: of a platform
     * thread, since a virtual one the simulation does not run is refused at its start. Only steps ending in
     * {@code Object.wait} pay for the stack walk.
     */
    private static boolean joinsAThread(SimTask task) {
        StackTraceElement[] frames = task.thread().getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 8); i++) {
            if (frames[i].getClassName().equals("java.lang.Thread") && frames[i].getMethodName().equals("join")) {
                return true;
            }
        }
        return false;
    }

    private void declareThreadJoin(SimTask task) {
        String joined = MonitorOwners.snapshot().threadAwaitedBy(task);
        fail(new KernelFailure(KernelFailure.Kind.FOREIGN_WAKE, "task '" + task.name() + "' joined "
                + (joined == null ? "a platform thread" : "platform thread '" + joined + "'") + " with Thread.join: the"
                + " simulation does not run that thread, so when it ends is up to real time and the verdict would"
                + " depend on timing. Run such work as a task (ctx.tasks().spawn(name, body)) and join its handle."
                + stackOf(task), List.of(task.name())));
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
        if (failure != null || readyCount > 0) {
            return;
        }
        if (foreignWakeMayCome(platformThreadsAtStart, THREADS.getTotalStartedThreadCount())) {
            awaitForeignWake();
            if (failure != null || readyCount > 0) {
                return;
            }
        }
        List<SimTask> blocked = userTasks();
        fail(new KernelFailure(KernelFailure.Kind.DEADLOCK, "deadlock at simulated time "
                + java.time.Duration.ofNanos(now) + ": no task can run and no event is pending, but "
                + blocked.size() + " task(s) are blocked: " + describeTasks(blocked), names(blocked)));
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
            if (failure != null || readyCount > 0) {
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

    private void declareLivelock() {
        List<SimTask> busy = new ArrayList<>();
        for (SimTask t = liveHead; t != null; t = t.nextLive) {
            if (t.stepInstant == now) {
                busy.add(t);
            }
        }
        int stepped = busy.size();
        busy.sort(Comparator.comparingLong((SimTask t) -> t.stepsAtInstant).reversed()
                .thenComparingLong(SimTask::id));
        // tasks that took a few steps at this instant are bystanders, not the cause; unless all are (many
        // tasks taking a step or two each): then the busiest are named all the same
        List<SimTask> culprits = new ArrayList<>(busy);
        culprits.removeIf(t -> t.stepsAtInstant * 100 < stepsThisInstant);
        if (culprits.isEmpty()) {
            culprits = busy;
        }
        List<SimTask> top = culprits.subList(0, Math.min(5, culprits.size()));
        StringBuilder sb = new StringBuilder("livelock at simulated time ").append(java.time.Duration.ofNanos(now))
                .append(": ").append(stepsThisInstant - 1).append(" task steps without time advancing, by ")
                .append(stepped).append(" task(s) (a task that stays runnable, such as a Thread.yield() loop, keeps")
                .append(" time from moving; wait with ctx.time() or a JDK primitive instead). If this much work at")
                .append(" one instant is legitimate, raise the limit of ").append(maxStepsPerInstant)
                .append(" steps with SimulationBuilder.maxStepsPerInstant(n). The busiest tasks:");
        for (SimTask t : top) {
            sb.append(System.lineSeparator()).append("  '").append(t.name()).append("' (").append(t.stepsAtInstant)
                    .append(" steps)");
        }
        if (culprits.size() > top.size()) {
            sb.append(System.lineSeparator()).append("  ... and ").append(culprits.size() - top.size()).append(" more");
        }
        fail(new KernelFailure(KernelFailure.Kind.LIVELOCK, sb.toString(), names(top)));
    }

    private void declareRealTimeWait(SimTask task) {
        if (RealIo.mayBeInRealIo(task.thread()) && declareRealIoIfIn(task)) {
            return; // a socket with a timeout: the real I/O is the cause worth naming
        }
        fail(new KernelFailure(KernelFailure.Kind.REAL_TIME_WAIT, "task '" + task.name()
                + "' made a real-time wait (Thread.sleep, a timed park, or a JDK wait with a timeout), which would"
                + " be woken by a thread outside the simulation. Use ctx.time().sleep(...) or"
                + " ctx.time().timeout(...) instead." + stackOf(task), List.of(task.name())));
    }

    /** Fails the run if {@code task} has just parked in the JDK's real I/O, and says whether it did. */
    private boolean declareRealIoIfIn(SimTask task) {
        StackTraceElement[] frames = task.thread().getStackTrace();
        int call = RealIo.ioCallFrame(frames);
        if (call < 0) {
            return false;
        }
        fail(new KernelFailure(KernelFailure.Kind.REAL_IO, "task '" + task.name() + "' blocked in real I/O ("
                + frames[call].getClassName() + "." + frames[call].getMethodName() + "): a JDK socket or NIO"
                + " channel, which only the real network can complete, at a real time the simulation does not"
                + " control. Use ctx.network() for connections between simulated nodes (moonpool-net)."
                + stackOf(frames, call), List.of(task.name())));
        return true;
    }

    private String describeTasks(List<SimTask> tasks) {
        MonitorOwners owners = null;
        for (SimTask t : tasks) {
            if (VirtualThreads.state(t.thread()) == VirtualThreads.BLOCKED) {
                owners = MonitorOwners.snapshot();
                break;
            }
        }
        List<SimTask> suspects = new ArrayList<>(liveTasks());
        suspects.addAll(killed);
        StringBuilder sb = new StringBuilder();
        for (SimTask t : tasks) {
            sb.append(System.lineSeparator()).append("  '").append(t.name()).append("' ").append(describeState(t));
            if (owners != null && VirtualThreads.state(t.thread()) == VirtualThreads.BLOCKED) {
                sb.append(owners.ownerOf(t, suspects));
            }
            sb.append(stackOf(t).replace(System.lineSeparator(), System.lineSeparator() + "  "));
        }
        return sb.toString();
    }

    private static String describeState(SimTask t) {
        return switch (VirtualThreads.state(t.thread())) {
            case VirtualThreads.BLOCKED -> "blocked entering a synchronized block";
            case VirtualThreads.WAIT -> "waiting in Object.wait()";
            case VirtualThreads.PARKED -> "parked";
            default -> "in state " + t.thread().getState();
        };
    }

    private static String stackOf(SimTask task) {
        return stackOf(task.thread().getStackTrace(), 0);
    }

    private static String stackOf(StackTraceElement[] frames, int from) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (int i = from; i < frames.length; i++) {
            StackTraceElement f = frames[i];
            if (shown == 0 && (f.getClassName().equals("java.lang.VirtualThread")
                    || f.getClassName().startsWith("java.lang.System$"))) {
                continue; // the JDK's parking machinery says nothing about the task
            }
            if (shown == STACK_FRAMES_IN_REPORT) {
                sb.append(System.lineSeparator()).append("    ...");
                break;
            }
            sb.append(System.lineSeparator()).append("    at ").append(f);
            shown++;
        }
        return sb.toString();
    }

    private static List<String> names(List<SimTask> tasks) {
        List<String> names = new ArrayList<>(tasks.size());
        for (SimTask t : tasks) {
            names.add(t.name());
        }
        return names;
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

    static long mix(long h, long v) {
        long x = (h ^ v) * 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 29);
    }
}
