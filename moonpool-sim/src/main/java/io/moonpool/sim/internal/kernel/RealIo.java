package io.moonpool.sim.internal.kernel;

import io.moonpool.api.ConfigurationException;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * What the kernel knows of the JDK's real I/O on virtual threads: the poller that socket and channel I/O
 * parks in, started outside any simulation, and a way to recognise a task parked in it.
 *
 * <p>A virtual thread that blocks on a socket or an NIO channel parks in {@code sun.nio.ch.Poller}, whose
 * static initialiser starts the JDK's poller threads, some of them virtual. A virtual thread started without
 * a scheduler takes the scheduler of the thread that starts it, so when the first blocking I/O of the JVM
 * happens in a simulated task, the pollers are started on that task's scheduler, which refuses them; the
 * class is then left uninitialised for good and every virtual thread in the JVM fails its I/O with
 * {@code NoClassDefFoundError}. {@link #requireReady()} initialises the class once, before any kernel
 * exists, so that the pollers are the JDK's own. The JDK internals named here are those of JDK 21 to 25.
 */
final class RealIo {

    private static final String POLLER = "sun.nio.ch.Poller";
    private static final Throwable POLLER_FAILURE = startPoller();

    private RealIo() {}

    /**
     * Initialises the JDK's I/O poller on the calling thread. That thread is never a simulated task: every
     * task is started by a kernel, whose constructor has called {@link #requireReady()} first.
     *
     * @return why the poller could not start, or null
     */
    private static Throwable startPoller() {
        try {
            // Class.forName checks no module access: the class need not be exported to initialise it
            Class.forName(POLLER, true, null);
            return null;
        } catch (ClassNotFoundException e) {
            return null; // a JDK whose virtual threads poll some other way: nothing of this kind to start
        } catch (LinkageError e) {
            return e;
        }
    }

    /**
     * Fails unless the JDK's I/O poller runs, started outside any simulation (the first call starts it).
     *
     * @throws ConfigurationException when the JDK could not start it
     */
    static void requireReady() {
        if (POLLER_FAILURE != null) {
            throw new ConfigurationException(
                    List.of("the JDK could not initialise its I/O poller for virtual threads (" + POLLER + ": "
                            + POLLER_FAILURE + "), so no virtual thread in this JVM can use a socket or an NIO"
                            + " channel. The kernel initialises it outside any simulation before the first"
                            + " iteration; a failure there comes from the JVM's environment (no file descriptors"
                            + " or threads left) or from an earlier failed initialisation in the same JVM: fix"
                            + " that and start a fresh JVM."));
        }
    }

    /**
     * Whether a task thread that has just parked may have parked in the JDK's real I/O: the poller parks
     * without a blocker object, which the simulation's and the JDK's own primitives always give, so this
     * cheap test leaves a stack walk ({@link #ioCallFrame}) to the rare blocker-less park.
     *
     * @param thread an unmounted task thread
     * @return false when it certainly did not park in real I/O
     */
    static boolean mayBeInRealIo(Thread thread) {
        return LockSupport.getBlocker(thread) == null;
    }

    /**
     * Where a parked thread entered the JDK's real I/O, if that is where it parked.
     *
     * @param stack the thread's stack, innermost frame first
     * @return the index of the outermost JDK frame of the I/O call (the one the task's own code called), or -1
     *         when the thread is not parked in the JDK's I/O poller
     */
    static int ioCallFrame(StackTraceElement[] stack) {
        int i = 0;
        while (i < stack.length && !stack[i].getClassName().equals(POLLER)) {
            if (!isJdk(stack[i])) {
                return -1; // code outside the JDK parked, with a bare LockSupport.park()
            }
            i++;
        }
        if (i == stack.length) {
            return -1;
        }
        while (i + 1 < stack.length && isJdk(stack[i + 1])) {
            i++;
        }
        return i;
    }

    private static boolean isJdk(StackTraceElement frame) {
        String module = frame.getModuleName();
        return module != null && (module.startsWith("java.") || module.startsWith("jdk."));
    }
}
