package io.moonpool.sim.internal.kernel;

import io.moonpool.api.ConfigurationException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The JDK internals the kernel needs: virtual threads on a scheduler of its own, their internal state (to
 * tell a timed wait and a monitor hand-off in flight from a plain park), and a way to end one without
 * running any more of its code.
 *
 * <p>All of it is in {@code java.lang}, which the JVM must open to this module. The handles are looked up
 * once; when that fails, {@link #requireAccess()} says which flag to add.
 */
final class VirtualThreads {

    // java.lang.VirtualThread state values (JDK 21 to 25)
    static final int PARKED = 4;
    static final int TIMED_PARKED = 7;
    static final int UNPARKED = 9;
    static final int BLOCKED = 13;
    static final int UNBLOCKED = 14;
    static final int WAIT = 16;
    static final int TIMED_WAIT = 18;
    static final int TERMINATED = 99;
    private static final int SUSPENDED = 1 << 8;

    private static final MethodHandle NEW_BUILDER;
    private static final MethodHandle AFTER_DONE;
    private static final VarHandle STATE;
    private static final VarHandle ON_WAITING_LIST;
    private static final VarHandle BLOCK_PERMIT;
    private static final VarHandle TIMEOUT_TASK;
    private static final Throwable ACCESS_FAILURE;

    static {
        MethodHandle newBuilder = null;
        MethodHandle afterDone = null;
        VarHandle state = null;
        VarHandle onWaitingList = null;
        VarHandle blockPermit = null;
        VarHandle timeoutTask = null;
        Throwable failure = null;
        try {
            Class<?> vthread = Class.forName("java.lang.VirtualThread");
            Class<?> builder = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            MethodHandles.Lookup vt = MethodHandles.privateLookupIn(vthread, MethodHandles.lookup());
            MethodHandles.Lookup vb = MethodHandles.privateLookupIn(builder, MethodHandles.lookup());
            newBuilder = vb.findConstructor(builder, MethodType.methodType(void.class, Executor.class))
                    .asType(MethodType.methodType(Thread.Builder.OfVirtual.class, Executor.class));
            afterDone = vt.findVirtual(vthread, "afterDone", MethodType.methodType(void.class, boolean.class))
                    .asType(MethodType.methodType(void.class, Thread.class, boolean.class));
            state = vt.findVarHandle(vthread, "state", int.class);
            onWaitingList = vt.findVarHandle(vthread, "onWaitingList", boolean.class);
            blockPermit = vt.findVarHandle(vthread, "blockPermit", boolean.class);
            timeoutTask = vt.findVarHandle(vthread, "timeoutTask", java.util.concurrent.Future.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            failure = e;
        }
        NEW_BUILDER = newBuilder;
        AFTER_DONE = afterDone;
        STATE = state;
        ON_WAITING_LIST = onWaitingList;
        BLOCK_PERMIT = blockPermit;
        TIMEOUT_TASK = timeoutTask;
        ACCESS_FAILURE = failure;
    }

    private VirtualThreads() {}

    /**
     * The JVM flag that gives this module the access it needs, for the module path or the class path.
     *
     * @return the exact {@code --add-opens} flag
     */
    static String requiredFlag() {
        Module module = VirtualThreads.class.getModule();
        return "--add-opens java.base/java.lang=" + (module.isNamed() ? module.getName() : "ALL-UNNAMED");
    }

    /**
     * Fails unless the kernel can create and control virtual threads.
     *
     * @throws ConfigurationException naming the JVM flag to add
     */
    static void requireAccess() {
        if (ACCESS_FAILURE != null) {
            throw new ConfigurationException(List.of(
                    "the simulation kernel runs tasks as virtual threads on its own scheduler and needs deep access"
                            + " to java.lang, which this JVM does not grant (" + ACCESS_FAILURE + "). Start the JVM"
                            + " with `" + requiredFlag() + "` (for Maven Surefire: <argLine>" + requiredFlag()
                            + "</argLine>)."));
        }
    }

    /** An unstarted virtual thread whose every scheduling goes through {@code scheduler}. */
    static Thread newThread(Executor scheduler, String name, Runnable body) {
        try {
            Thread.Builder.OfVirtual builder = (Thread.Builder.OfVirtual) NEW_BUILDER.invokeExact(scheduler);
            return builder.name(name).unstarted(body);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create a virtual thread on the simulation scheduler", e);
        }
    }

    /** The internal state of an unmounted virtual thread, without the JVMTI suspend bit. */
    static int state(Thread thread) {
        return (int) STATE.getVolatile(thread) & ~SUSPENDED;
    }

    /**
     * Whether the thread made a timed park or wait in the step that just ended: the JDK then arms a
     * real-time timer, which it cancels only when the thread next runs. Seen even when that timer has
     * already fired and made the thread runnable again, which the thread's state alone would miss.
     */
    static boolean armedRealTimeTimer(Thread thread) {
        return TIMEOUT_TASK.getVolatile(thread) != null;
    }

    /**
     * Whether a thread that blocked on a monitor (or waits in {@code Object.wait}) has a wake-up on its way
     * from the JVM's unblocker thread: the monitor was released (or it was notified), but the scheduler has
     * not received it yet.
     */
    static boolean handoffInFlight(Thread thread) {
        int s = state(thread);
        if (s == WAIT) {
            return false;
        }
        return s != BLOCKED
                || (boolean) ON_WAITING_LIST.getVolatile(thread)
                || (boolean) BLOCK_PERMIT.getVolatile(thread);
    }

    /**
     * Whether the JDK's unblocker thread is idle, waiting for the next list of threads to unblock. Between
     * taking a thread off the JVM's list and marking it unblocked, the unblocker leaves a moment in which
     * the thread looks plainly blocked; checking that the unblocker is idle (after reading the thread's
     * fields) closes that gap. Costs a stack walk of the unblocker.
     */
    static boolean unblockerIdle() {
        Thread unblocker = Unblocker.THREAD;
        if (unblocker == null) {
            return true;
        }
        StackTraceElement[] frames = unblocker.getStackTrace();
        return frames.length > 0 && "takeVirtualThreadListToUnblock".equals(frames[0].getMethodName());
    }

    private static final class Unblocker {
        static final Thread THREAD = find();

        private static Thread find() {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if ("VirtualThread-unblocker".equals(t.getName())) {
                    return t;
                }
            }
            return null;
        }
    }

    /**
     * Ends an unmounted virtual thread at once: marks it terminated and releases it from the JDK's thread
     * container, without running any more of its code (no {@code finally} blocks, no interrupt handling).
     */
    static void terminate(Thread thread) {
        if (state(thread) == TERMINATED) {
            return;
        }
        try {
            AFTER_DONE.invokeExact(thread, true);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot terminate task thread " + thread.getName(), e);
        }
    }
}
