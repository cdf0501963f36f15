package io.moonpool.sim.internal.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Work that leaves the simulation for threads it does not schedule, seen by the kernel at the end of the very
 * step that made it, in every run and without a second one: a platform thread created by a task, and work
 * submitted to {@link ForkJoinPool#commonPool()}.
 *
 * <p><b>Platform threads.</b> The kernel thread holds {@link #OWNER}, an inheritable thread-local that every
 * task inherits. The JDK calls its {@code childValue} in the creating thread, while a new thread is being
 * constructed, so a task that creates a platform thread ({@code new Thread}, {@code Thread.ofPlatform()}, an
 * {@code Executors} pool or {@code Timer} making its first thread, {@code CompletableFuture}'s thread per task
 * on a JDK whose common pool is too small) is seen synchronously, in its own step, with the stack of the
 * creating call. Costs nothing per step (a field read); only thread creation pays. The kernel's own virtual
 * threads are told apart by the kernel's spawning flag, a user's virtual threads by their constructor on the
 * stack (those are {@code UNMANAGED_THREAD} when started). Not seen: a thread made with
 * {@code inheritInheritableThreadLocals(false)}, and threads that JDK services start for themselves (the
 * virtual-thread unblocker and unparker, the I/O pollers, the common pool's workers: all innocuous threads
 * that inherit nothing), which is also why none of them is a false positive; JIT and GC threads are not Java
 * threads at all. A new thread inherits {@code null}, never the kernel, so nothing of the iteration stays
 * reachable from a thread that outlives it.
 *
 * <p><b>The common pool.</b> The pool's steal count plus its queued submissions changes when anything is
 * submitted to it from outside its workers (it is queued, then taken: a steal) and not otherwise, so the kernel
 * compares it at each step's end with its value at the previous step's end; a change is the work of the step
 * in between. While the pool has no thread the comparison is skipped ({@link #commonPoolHasNoThread()}). The pool is the JVM's: work that something outside the simulation submits to it while a
 * simulation runs would be blamed on the step running then, and the previous iteration's escaped work is
 * given a moment to finish before the next iteration takes its mark ({@link #quietCommonPoolMark()}); if work
 * from before keeps moving the pool's mark after that, the iteration does not check the pool
 * ({@link #commonPoolBusyFromBefore()}).
 */
final class Escapes {

    /** How long an iteration waits, at its start, for work an earlier one left in the common pool. */
    private static final long QUIET_WAIT_MILLIS = 2_000;

    /** An iteration of this JVM escaped to the common pool, and no iteration has waited for that work since. */
    private static volatile boolean poolWorkLeftBehind;

    /**
     * Held by the kernel thread and inherited by every task; its {@code childValue} reports each thread a task
     * constructs to the kernel ({@link Kernel#threadCreated()}).
     */
    static final InheritableThreadLocal<Kernel> OWNER = new InheritableThreadLocal<>() {
        @Override
        protected Kernel childValue(Kernel kernel) {
            return kernel == null ? null : kernel.threadCreated();
        }
    };

    private Escapes() {}

    /**
     * The common pool's mark: its steal count plus its queued submissions, which only work submitted from
     * outside its workers moves. Two plain scans of the pool's queues, a few nanoseconds.
     *
     * @return the mark now
     */
    static long commonPoolMark() {
        ForkJoinPool pool = ForkJoinPool.commonPool();
        return pool.getStealCount() + pool.getQueuedSubmissionCount();
    }

    /**
     * Whether the common pool has no thread: then nothing can have been submitted to it since it had none, as
     * a submission to a pool without threads starts one, counted before the submitting call returns. One read
     * of the pool's control word, so that a JVM in which nothing uses the common pool pays for no scan.
     *
     * @return true when the pool has no thread now
     */
    static boolean commonPoolHasNoThread() {
        return ForkJoinPool.commonPool().getPoolSize() == 0;
    }

    /** How long an iteration that follows an escape watches the common pool for work that keeps running. */
    private static final long STILL_MILLIS = 20;

    /** How many such windows the pool gets to be still in before the iteration gives up checking it. */
    private static final int STILL_WINDOWS = 3;

    /**
     * Waits, in real time and briefly, until work an earlier iteration left in the common pool is done, so that
     * its steals are not blamed on this iteration's first step; then takes the mark.
     *
     * @return the mark to compare each step's end with
     */
    static long quietCommonPoolMark() {
        ForkJoinPool pool = ForkJoinPool.commonPool();
        boolean busyLastTime = busyFromBefore;
        busyFromBefore = false;
        if (poolWorkLeftBehind) { // only then: a JVM whose other code keeps the pool busy must not wait every time
            poolWorkLeftBehind = false;
            // work that resubmits itself (a polling loop on a delayed executor) keeps moving the mark while no
            // simulation runs: then the pool's changes cannot be told from this iteration's own. A last straggler
            // (a delayed task that fires once more) moves it once: a few windows tell the two apart
            boolean still = false;
            // the long wait once: while work keeps running, each later iteration only looks
            for (int window = 0; window < (busyLastTime ? 1 : STILL_WINDOWS) && !still; window++) {
                if (window == 0 && !busyLastTime && !pool.isQuiescent()) {
                    pool.awaitQuiescence(QUIET_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                }
                long before = commonPoolMark();
                try {
                    Thread.sleep(STILL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                still = commonPoolMark() == before;
            }
            if (!still) {
                busyFromBefore = true;
                poolWorkLeftBehind = true; // look again at the next iteration
                org.slf4j.LoggerFactory.getLogger(Escapes.class)
                        .warn("the common pool keeps running work from before this iteration (an earlier seed's"
                                + " escape that resubmits itself, or code outside the simulation): this iteration"
                                + " does not check for escapes to it, rather than blame an innocent step");
            }
        }
        return commonPoolMark();
    }

    /**
     * Whether the last {@link #quietCommonPoolMark()} found the pool running work from before the iteration, which
     * then does not check the pool: the seed that escaped has failed already.
     *
     * @return whether the pool's changes cannot be attributed in this iteration
     */
    static boolean commonPoolBusyFromBefore() {
        return busyFromBefore;
    }

    /** What the last {@link #quietCommonPoolMark()} found; read on the same kernel thread right after. */
    private static volatile boolean busyFromBefore;

    /** Notes that an iteration escaped to the common pool, so that the next one waits for what it left there. */
    static void leftWorkInCommonPool() {
        poolWorkLeftBehind = true;
    }

    /** Whether {@code frames}, taken while a thread is being constructed, show a virtual thread's constructor. */
    static boolean constructsVirtualThread(StackTraceElement[] frames) {
        for (StackTraceElement f : frames) {
            if ("<init>".equals(f.getMethodName())
                    && ("java.lang.VirtualThread".equals(f.getClassName())
                            || "java.lang.BaseVirtualThread".equals(f.getClassName()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The index of the first frame of the code that created the thread: the one after the JDK's thread
     * construction at the top of {@code frames} (this hook, thread-locals, {@code Thread} and its builders).
     */
    static int creatingFrame(StackTraceElement[] frames) {
        int i = 0;
        while (i < frames.length - 1 && isConstruction(frames[i].getClassName())) {
            i++;
        }
        return i;
    }

    private static boolean isConstruction(String c) {
        return c.startsWith("java.lang.Thread")
                || c.startsWith("java.lang.ThreadLocal")
                || c.startsWith("java.lang.InheritableThreadLocal")
                || c.startsWith(Escapes.class.getName())
                || c.equals(Kernel.class.getName());
    }

    /**
     * The platform threads a task has just created, best effort for the report: live platform threads made by
     * a virtual thread (so in the virtual threads' group) after the task itself, the newest first.
     *
     * @param task  the task that created them
     * @param count how many it created
     * @return each thread with its current stack
     */
    static List<Map.Entry<Thread, StackTraceElement[]>> createdBy(SimTask task, int count) {
        ThreadGroup virtualGroup = VirtualGroup.GROUP;
        long after = task.thread().threadId();
        List<Map.Entry<Thread, StackTraceElement[]>> found = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e :
                Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (!t.isVirtual() && t.getThreadGroup() == virtualGroup && t.threadId() > after) {
                found.add(e);
            }
        }
        found.sort(Comparator.comparingLong(
                        (Map.Entry<Thread, StackTraceElement[]> e) -> e.getKey().threadId())
                .reversed());
        return found.subList(0, Math.min(count, found.size()));
    }

    /** The group of every virtual thread, and of every platform thread a virtual thread makes in no group. */
    private static final class VirtualGroup {
        static final ThreadGroup GROUP = Thread.ofVirtual().unstarted(() -> {}).getThreadGroup();
    }
}
