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
    private static final long FOREIGN_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int STACK_FRAMES_IN_REPORT = 8;

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
        this.schedulingRandom = schedulingRandom;
        this.maxStepsPerInstant = maxStepsPerInstant;
        this.timeLimitNanos = timeLimitNanos;
        this.kernelThread = Thread.currentThread();
    }

    /**
     * Fails at once, naming the JVM flag to add, if the kernel cannot control virtual threads here.
     *
     * @throws io.moonpool.api.ConfigurationException when the flag is missing
     */
    public static void requireAccess() {
        VirtualThreads.requireAccess();
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
        requireKernelContext("spawn a task");
        SimTask task = new SimTask(this, nextTaskId++, name, owner);
        task.bind(VirtualThreads.newThread(task, name, body));
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
     * Ends a task at once: none of its code runs again, not even {@code finally} blocks. The wake-up event
     * of its sleep, if it is sleeping, is cancelled.
     *
     * @param task the task to kill; the running task cannot kill itself
     * @throws IllegalStateException if {@code task} is the running task
     */
    public void kill(SimTask task) {
        if (!task.live) {
            return;
        }
        if (task == current) {
            throw new IllegalStateException("task '" + task.name() + "' cannot kill itself");
        }
        removeReady(task);
        if (task.monitorWaiting) {
            task.monitorWaiting = false;
            monitorWaiters.remove(task);
        }
        if (task.sleepEvent >= 0) {
            events.remove(task.sleepEvent);
            task.sleepEvent = -1;
        }
        unlinkLive(task);
        VirtualThreads.terminate(task.thread());
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
            } else if (!events.isEmpty()) {
                fireNextEvent();
            } else {
                declareDeadlock();
            }
        }
    }

    /**
     * Ends every remaining task and drops every pending event, so that nothing of this run survives it.
     */
    public void shutdown() {
        for (SimTask t = liveHead; t != null; ) {
            SimTask next = t.nextLive;
            kill(t);
            t = next;
        }
        events.clear();
        Arrays.fill(ready, 0, readyCount, null);
        readyCount = 0;
        monitorWaiters.clear();
        foreign.clear();
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
        if (failure == null) {
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
        try {
            task.continuation().run();
        } finally {
            runningThread = null;
            current = null;
        }
        steps++;
        trace = mix(mix(trace, now), task.id());
        countStep(task);
        int state = VirtualThreads.state(task.thread());
        if (state != VirtualThreads.TERMINATED && VirtualThreads.armedRealTimeTimer(task.thread())) {
            declareRealTimeWait(task);
            return;
        }
        switch (state) {
            case VirtualThreads.TERMINATED -> unlinkLive(task);
            case VirtualThreads.TIMED_PARKED, VirtualThreads.TIMED_WAIT -> declareRealTimeWait(task);
            case VirtualThreads.BLOCKED, VirtualThreads.WAIT -> {
                task.monitorWaiting = true;
                monitorWaiters.add(task);
            }
            default -> {
                // parked on a simulated or JDK primitive, or already runnable again
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
            ((Runnable) action).run();
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

    private void removeReady(SimTask task) {
        for (int i = 0; i < readyCount; i++) {
            if (ready[i] == task) {
                ready[i] = ready[--readyCount];
                ready[readyCount] = null;
                return;
            }
        }
    }

    private void drainForeign() {
        SimTask task;
        while ((task = foreign.relaxedPoll()) != null) {
            if (!task.live) {
                continue;
            }
            if (task.monitorWaiting) {
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
        while (failure == null) {
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

    private void declareDeadlock() {
        // A task woken from outside (real I/O, a platform thread) would look deadlocked; give such a wake-up
        // a moment of real time to arrive so that the report names the real cause. Either way the run fails.
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
            return;
        }
        List<SimTask> blocked = userTasks();
        fail(new KernelFailure(KernelFailure.Kind.DEADLOCK, "deadlock at simulated time "
                + java.time.Duration.ofNanos(now) + ": no task can run and no event is pending, but "
                + blocked.size() + " task(s) are blocked: " + describeTasks(blocked), names(blocked)));
    }

    private void declareLivelock() {
        List<SimTask> busy = new ArrayList<>();
        for (SimTask t = liveHead; t != null; t = t.nextLive) {
            if (t.stepInstant == now) {
                busy.add(t);
            }
        }
        // tasks that took a few steps at this instant are bystanders, not the cause
        busy.removeIf(t -> t.stepsAtInstant * 100 < stepsThisInstant);
        busy.sort(Comparator.comparingLong((SimTask t) -> t.stepsAtInstant).reversed()
                .thenComparingLong(SimTask::id));
        List<SimTask> top = busy.subList(0, Math.min(5, busy.size()));
        StringBuilder sb = new StringBuilder("livelock at simulated time ").append(java.time.Duration.ofNanos(now))
                .append(": ").append(stepsThisInstant - 1).append(" task steps without time advancing (a task that")
                .append(" stays runnable, such as a Thread.yield() loop, keeps time from moving; wait with")
                .append(" ctx.time() or a JDK primitive instead);")
                .append(" the busiest tasks:");
        for (SimTask t : top) {
            sb.append(System.lineSeparator()).append("  '").append(t.name()).append("' (").append(t.stepsAtInstant)
                    .append(" steps)");
        }
        fail(new KernelFailure(KernelFailure.Kind.LIVELOCK, sb.toString(), names(top)));
    }

    private void declareRealTimeWait(SimTask task) {
        fail(new KernelFailure(KernelFailure.Kind.REAL_TIME_WAIT, "task '" + task.name()
                + "' made a real-time wait (Thread.sleep, a timed park, or a JDK wait with a timeout), which would"
                + " be woken by a thread outside the simulation. Use ctx.time().sleep(...) or"
                + " ctx.time().timeout(...) instead." + stackOf(task), List.of(task.name())));
    }

    private String describeTasks(List<SimTask> tasks) {
        StringBuilder sb = new StringBuilder();
        for (SimTask t : tasks) {
            sb.append(System.lineSeparator()).append("  '").append(t.name()).append("' ").append(describeState(t))
                    .append(stackOf(t).replace(System.lineSeparator(), System.lineSeparator() + "  "));
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
        StackTraceElement[] frames = task.thread().getStackTrace();
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (StackTraceElement f : frames) {
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
