package io.moonpool.sim.internal.kernel;

import io.moonpool.api.ConfigurationException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

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

    /** The JDK whose {@code java.lang.VirtualThread} fields and state values this class reads. */
    private static final int SUPPORTED_JDK = 25;

    private static final String OPENS_JAVA_LANG = "--add-opens=java.base/java.lang=";

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
     * The flag for Moonpool loaded as {@code module}: its name on the module path, {@code ALL-UNNAMED} on the
     * class path.
     */
    static String requiredFlag(String module) {
        return OPENS_JAVA_LANG + (module == null ? "ALL-UNNAMED" : module);
    }

    /**
     * Fails unless the kernel can create and control virtual threads.
     *
     * @throws ConfigurationException naming the JVM flag to add for the layout this JVM runs Moonpool in
     */
    static void requireAccess() {
        if (ACCESS_FAILURE != null) {
            Module module = VirtualThreads.class.getModule();
            throw new ConfigurationException(List.of(missingFlagMessage(
                    module.isNamed() ? module.getName() : null,
                    ManagementFactory.getRuntimeMXBean().getInputArguments(),
                    name -> ModuleLayer.boot().findModule(name).isPresent(),
                    System.getProperty("surefire.test.class.path") != null,
                    ACCESS_FAILURE)));
        }
    }

    /**
     * What {@link #requireAccess()} says when the flag is missing: the flag for the layout Moonpool runs in (its
     * module's name on the module path, {@code ALL-UNNAMED} on the class path), why that layout, the flag the JVM
     * was given instead if any, and under Surefire the {@code argLine} to write.
     *
     * @param module       the name of Moonpool's module, {@code null} when it is on the class path
     * @param jvmArguments the JVM's input arguments, where the launcher has written each {@code --add-opens} as
     *                     {@code --add-opens=module/package=targets}
     * @param moduleExists whether the boot layer has a module of that name
     * @param surefire     whether Maven Surefire (or Failsafe) started this JVM
     * @param failure      why the access was refused
     */
    static String missingFlagMessage(
            String module,
            List<String> jvmArguments,
            Predicate<String> moduleExists,
            boolean surefire,
            Throwable failure) {
        String flag = requiredFlag(module);
        String target = module == null ? "ALL-UNNAMED" : module;
        List<String> given = givenTargets(jvmArguments);
        if (given.contains(target)) {
            return "the simulation kernel runs tasks as virtual threads on its own scheduler and needs deep access to"
                    + " java.lang.VirtualThread; the JVM has the flag for it (`" + flag + "`), but this JDK's"
                    + " internals are not the ones Moonpool knows (" + failure + "): run the tests on JDK "
                    + SUPPORTED_JDK + ".";
        }
        StringBuilder message = new StringBuilder("the simulation kernel runs tasks as virtual threads on its own"
                + " scheduler and needs deep access to java.lang, which this JVM does not grant (" + failure + "). ");
        if (module == null) {
            message.append("Moonpool is on the class path in this JVM (the unnamed module: the usual layout, also when"
                    + " only src/main/java has a module-info.java, since Surefire then runs the tests inside your module"
                    + " but leaves on the class path the test dependencies it does not require), so the flag is `"
                    + flag + "`.");
        } else {
            message.append("Moonpool is on the module path in this JVM (the module " + module + "; Surefire puts it"
                    + " there when src/test/java has a module-info.java, or when your module requires " + module
                    + "), so the flag is `" + flag + "`.");
        }
        for (String other : given) {
            String why;
            if (other.equals("ALL-UNNAMED")) {
                why = "opens java.lang to the class path only";
            } else if (moduleExists.test(other)) {
                why = "opens java.lang to the module " + other + ", not to Moonpool's";
            } else {
                why = "names no module this JVM has (it printed \"WARNING: Unknown module: " + other
                        + " specified to --add-opens\")";
            }
            message.append(" The JVM was started with `" + OPENS_JAVA_LANG + other + "`, which " + why + ": use `"
                    + flag + "` instead.");
        }
        if (surefire) {
            message.append(" For Maven Surefire: <argLine>@{argLine} " + flag + "</argLine> in the plugin's"
                    + " <configuration>, with <argLine></argLine> in the pom's <properties> unless JaCoCo's"
                    + " prepare-agent sets it (see the README, \"Using it in your Maven build\").");
        } else {
            message.append(" Start the JVM with `" + flag + "` (from an IDE: the run configuration's VM options).");
        }
        return message.toString();
    }

    /** The targets that the {@code --add-opens} arguments open java.base/java.lang to, in order, each once. */
    private static List<String> givenTargets(List<String> jvmArguments) {
        List<String> targets = new ArrayList<>();
        for (String argument : jvmArguments) {
            if (argument.startsWith(OPENS_JAVA_LANG)) {
                for (String target :
                        argument.substring(OPENS_JAVA_LANG.length()).split(",", -1)) {
                    if (!target.isEmpty() && !targets.contains(target)) {
                        targets.add(target);
                    }
                }
            }
        }
        return targets;
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
