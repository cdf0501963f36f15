package io.moonpool.sim.internal.kernel;

import io.moonpool.api.FailureKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The failures the kernel declares, each worded to name the tasks involved, their stacks and the fix. Only
 * builds the values; the kernel decides when a run fails. Kernel thread only, never on the hot path.
 */
final class FailureReports {

    private FailureReports() {}

    static KernelFailure foreignWake(SimTask task) {
        return new KernelFailure(
                FailureKind.FOREIGN_WAKE,
                "task '" + task.name()
                        + "' was woken by thread '" + task.foreignWaker + "', which is outside the simulation"
                        + " (real time, real I/O, or a thread the simulation does not schedule). Use ctx.time()"
                        + " for waiting and ctx.tasks() for concurrency." + TaskStacks.of(task),
                List.of(task.name()));
    }

    static KernelFailure threadJoin(SimTask task) {
        String joined = MonitorOwners.snapshot().threadAwaitedBy(task);
        return new KernelFailure(
                FailureKind.FOREIGN_WAKE,
                "task '" + task.name() + "' joined "
                        + (joined == null ? "a platform thread" : "platform thread '" + joined + "'")
                        + " with Thread.join: the"
                        + " simulation does not run that thread, so when it ends is up to real time and the verdict would"
                        + " depend on timing. Run such work as a task (ctx.tasks().spawn(name, body)) and join its handle."
                        + TaskStacks.of(task),
                List.of(task.name()));
    }

    static KernelFailure unmanagedThread(SimTask spawner) {
        return new KernelFailure(
                FailureKind.UNMANAGED_THREAD,
                "task '" + spawner.name()
                        + "' started a virtual thread without ctx.tasks(); the simulation cannot schedule it."
                        + " Use ctx.tasks().spawn(name, body) or ctx.tasks().executor().",
                List.of(spawner.name()));
    }

    /**
     * A task created platform threads in its last step: they run at real time, beside the simulated world.
     *
     * @param created how many it created
     * @param site    the stack of the first creation, as taken then
     * @param threads the threads found for it, with their current stacks (best effort: may be fewer)
     */
    static KernelFailure platformThreads(
            SimTask task,
            int created,
            StackTraceElement[] site,
            List<java.util.Map.Entry<Thread, StackTraceElement[]>> threads) {
        StringBuilder sb = new StringBuilder("task '")
                .append(task.name())
                .append("'")
                .append(onNode(task))
                .append(created == 1 ? " created a platform thread" : " created " + created + " platform threads");
        if (!threads.isEmpty()) {
            sb.append(" (");
            for (int i = 0; i < threads.size(); i++) {
                sb.append(i == 0 ? "" : ", ")
                        .append("'")
                        .append(threads.get(i).getKey().getName())
                        .append("'");
            }
            sb.append(")");
        }
        sb.append(", which the simulation does not schedule: it runs at real time, beside the simulated world, so")
                .append(" what it does and when would differ from run to run of the same seed. Run such work as a")
                .append(" task: ctx.tasks().spawn(name, body), or ctx.tasks().executor() where an ExecutorService")
                .append(" is wanted; wait with ctx.time(), draw randomness from ctx.random(). It was created at:");
        int from = Escapes.creatingFrame(site);
        sb.append(TaskStacks.format(site, from, TaskStacks.FRAMES_IN_REPORT));
        for (java.util.Map.Entry<Thread, StackTraceElement[]> t : threads) {
            String stack = TaskStacks.format(t.getValue(), 0, 4);
            if (!stack.isEmpty()) {
                sb.append(System.lineSeparator())
                        .append("  thread '")
                        .append(t.getKey().getName())
                        .append("' runs:")
                        .append(stack);
            }
        }
        return new KernelFailure(FailureKind.ESCAPE, sb.toString(), List.of(task.name()));
    }

    /** A task submitted work to {@code ForkJoinPool.commonPool()} in its last step. */
    static KernelFailure commonPool(SimTask task) {
        String stack = task.thread().getState() == Thread.State.TERMINATED ? "" : TaskStacks.of(task);
        return new KernelFailure(
                FailureKind.ESCAPE,
                "task '" + task.name() + "'" + onNode(task)
                        + " submitted work to ForkJoinPool.commonPool() (a parallelStream(),"
                        + " CompletableFuture.supplyAsync/runAsync or a ...Async stage without an executor,"
                        + " ForkJoinTask.fork() outside a pool, ...): the pool's threads run it at real time, outside"
                        + " the simulation, so the seed's result would depend on timing. Pass ctx.tasks().executor()"
                        + " as the executor (CompletableFuture.supplyAsync(supplier, ctx.tasks().executor())), or use"
                        + " a sequential stream; wait with ctx.time(), draw randomness from ctx.random()."
                        + (stack.isEmpty() ? "" : " The task, at the end of that step:" + stack),
                List.of(task.name()));
    }

    /** Where a task runs, for messages: " on 10.0.1.1" for a process life, " of workload 'w'" and so on. */
    private static String onNode(SimTask task) {
        Object owner = task.owner();
        if (owner == null || String.valueOf(owner).equals(task.name())) {
            return "";
        }
        return " (" + owner + ")";
    }

    /**
     * A deadlock: nothing runnable, no event pending, and these tasks blocked.
     *
     * @param blocked  the tasks that cannot go on
     * @param suspects every task that may hold a monitor they wait for: live and killed
     */
    static KernelFailure deadlock(long now, List<SimTask> blocked, List<SimTask> suspects) {
        return new KernelFailure(
                FailureKind.DEADLOCK,
                "deadlock at simulated time "
                        + Duration.ofNanos(now) + ": no task can run and no event is pending, but "
                        + blocked.size() + " task(s) are blocked: " + describeTasks(blocked, suspects),
                names(blocked));
    }

    /**
     * The simulated time limit reached while these tasks still ran.
     *
     * @param running  the tasks still running
     * @param suspects every task that may hold a monitor they wait for: live and killed
     */
    static KernelFailure timeLimit(long limitNanos, List<SimTask> running, List<SimTask> suspects) {
        return new KernelFailure(
                FailureKind.TIME_LIMIT,
                "the iteration reached its simulated time limit of "
                        + Duration.ofNanos(limitNanos) + " with tasks still running: "
                        + describeTasks(running, suspects)
                        + ". Raise the limit with .maxSimulatedTime(...) if the workload"
                        + " legitimately runs longer.",
                names(running));
    }

    /**
     * A livelock: too many steps at one instant; names the busiest tasks at {@code now}.
     *
     * @param live             the live tasks, in spawn order; those that stepped at {@code now} are the busy ones
     * @param stepsThisInstant the steps taken at {@code now}, the one over the limit included
     */
    static KernelFailure livelock(long now, List<SimTask> live, long stepsThisInstant, long maxStepsPerInstant) {
        List<SimTask> busy = new ArrayList<>();
        for (SimTask t : live) {
            if (t.stepInstant == now) {
                busy.add(t);
            }
        }
        int stepped = busy.size();
        busy.sort(Comparator.comparingLong((SimTask t) -> t.stepsAtInstant)
                .reversed()
                .thenComparingLong(SimTask::id));
        // tasks that took a few steps at this instant are bystanders, not the cause; unless all are (many
        // tasks taking a step or two each): then the busiest are named all the same
        List<SimTask> culprits = new ArrayList<>(busy);
        culprits.removeIf(t -> t.stepsAtInstant * 100 < stepsThisInstant);
        if (culprits.isEmpty()) {
            culprits = busy;
        }
        List<SimTask> top = culprits.subList(0, Math.min(5, culprits.size()));
        StringBuilder sb = new StringBuilder("livelock at simulated time ")
                .append(Duration.ofNanos(now))
                .append(": ")
                .append(stepsThisInstant - 1)
                .append(" task steps without time advancing, by ")
                .append(stepped)
                .append(" task(s) (a task that stays runnable, such as a Thread.yield() loop, keeps")
                .append(" time from moving; wait with ctx.time() or a JDK primitive instead). If this much work at")
                .append(" one instant is legitimate, raise the limit of ")
                .append(maxStepsPerInstant)
                .append(" steps with SimulationBuilder.maxStepsPerInstant(n). The busiest tasks:");
        for (SimTask t : top) {
            sb.append(System.lineSeparator())
                    .append("  '")
                    .append(t.name())
                    .append("' (")
                    .append(t.stepsAtInstant)
                    .append(" steps)");
        }
        if (culprits.size() > top.size()) {
            sb.append(System.lineSeparator())
                    .append("  ... and ")
                    .append(culprits.size() - top.size())
                    .append(" more");
        }
        return new KernelFailure(FailureKind.LIVELOCK, sb.toString(), names(top));
    }

    static KernelFailure realTimeWait(SimTask task) {
        return new KernelFailure(
                FailureKind.REAL_TIME_WAIT,
                "task '" + task.name()
                        + "' made a real-time wait (Thread.sleep, a timed park, or a JDK wait with a timeout), which would"
                        + " be woken by a thread outside the simulation. Use ctx.time().sleep(...) or"
                        + " ctx.time().timeout(...) instead." + TaskStacks.of(task),
                List.of(task.name()));
    }

    /**
     * The failure of a task that has just parked in the JDK's real I/O.
     *
     * @return the failure, or null if the task is not in real I/O
     */
    static KernelFailure realIoIfIn(SimTask task) {
        StackTraceElement[] frames = task.thread().getStackTrace();
        int call = RealIo.ioCallFrame(frames);
        if (call < 0) {
            return null;
        }
        return new KernelFailure(
                FailureKind.REAL_IO,
                "task '" + task.name() + "' blocked in real I/O ("
                        + frames[call].getClassName() + "." + frames[call].getMethodName() + "): a JDK socket or NIO"
                        + " channel, which only the real network can complete, at a real time the simulation does not"
                        + " control. Use ctx.network() for connections between simulated nodes (moonpool-net)."
                        + TaskStacks.format(frames, call, TaskStacks.FRAMES_IN_REPORT),
                List.of(task.name()));
    }

    private static String describeTasks(List<SimTask> tasks, List<SimTask> suspects) {
        MonitorOwners owners = null;
        for (SimTask t : tasks) {
            if (VirtualThreads.state(t.thread()) == VirtualThreads.BLOCKED) {
                owners = MonitorOwners.snapshot();
                break;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (SimTask t : tasks) {
            sb.append(System.lineSeparator())
                    .append("  '")
                    .append(t.name())
                    .append("' ")
                    .append(describeState(t));
            if (owners != null && VirtualThreads.state(t.thread()) == VirtualThreads.BLOCKED) {
                sb.append(owners.ownerOf(t, suspects));
            }
            sb.append(TaskStacks.of(t).replace(System.lineSeparator(), System.lineSeparator() + "  "));
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

    private static List<String> names(List<SimTask> tasks) {
        List<String> names = new ArrayList<>(tasks.size());
        for (SimTask t : tasks) {
            names.add(t.name());
        }
        return names;
    }
}
