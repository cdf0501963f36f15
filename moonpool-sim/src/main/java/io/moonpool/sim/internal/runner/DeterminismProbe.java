package io.moonpool.sim.internal.runner;

import io.moonpool.sim.Phase;
import io.moonpool.sim.internal.kernel.Kernel;
import io.moonpool.sim.internal.kernel.KernelObserver;
import io.moonpool.sim.internal.kernel.SimTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Watches one run for the determinism check: after every step and event it records a running fingerprint (the
 * kernel's trace hash, which covers scheduling, event times, data and random draws, mixed with a hash of the times
 * of the events scheduled so far, so that a step that sleeps for another duration differs at that step). Compared
 * with an earlier run's record, it captures what this run does at the first index where the two differ (the task,
 * its node, the simulated time and the task's stack), or at a given index.
 *
 * <p>Costs a multiply and an array store per step and event; a stack is taken once, at the capture.
 */
final class DeterminismProbe implements KernelObserver {

    /** Frames of a stack a capture keeps. */
    static final int FRAMES = 12;

    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final long[] reference;
    private final long stopAt;
    private long[] fingerprints = new long[1024];
    private int count;
    private long scheduled = 0x243F6A8885A308D3L;
    private long departure = -1;
    private DeterminismRecord.Capture capture;
    private Kernel kernel;
    private Function<Object, String> nodeOf;
    private Supplier<Phase> phase;

    private DeterminismProbe(long seed, long[] reference, long stopAt) {
        this.seed = seed;
        this.reference = reference;
        this.stopAt = stopAt;
    }

    /**
     * A probe that only records.
     *
     * @param seed the seed of the run
     * @return the probe
     */
    static DeterminismProbe recording(long seed) {
        return new DeterminismProbe(seed, null, -1);
    }

    /**
     * A probe that records and compares with an earlier run, capturing at the first index where they differ or at
     * {@code stopAt}, whichever comes first.
     *
     * @param reference the earlier run's record
     * @param stopAt    an index to capture at even if the runs agree there, or -1
     * @return the probe
     */
    static DeterminismProbe comparing(DeterminismRecord reference, long stopAt) {
        return new DeterminismProbe(reference.seed(), reference.fingerprints(), stopAt);
    }

    /** Called by the iteration once its kernel exists. */
    void attach(Kernel kernel, Function<Object, String> nodeOf, Supplier<Phase> phase) {
        this.kernel = kernel;
        this.nodeOf = nodeOf;
        this.phase = phase;
    }

    @Override
    public void spawned(SimTask task) {
        // its id is in the trace hash from its first step on
    }

    @Override
    public void stepBegins(SimTask task, boolean first) {
        // what counts is the state after the step
    }

    @Override
    public void stepEnded(SimTask task, StepEnd end) {
        long fp = next();
        if (reference != null && departsOrStops(fp) && capture == null) {
            String how = switch (end) {
                case ENDED -> "its body returned";
                case PARKED -> "parked";
                case MONITOR -> "blocked on a monitor";
                case RUNNABLE -> "yielded";
            };
            capture = captureOf(task, "step of task '" + task.name() + "' (" + how + ")");
        }
    }

    @Override
    public void eventFires(Object action) {
        // recorded once it has fired, with what it folded in
    }

    @Override
    public void eventFired(Object action) {
        long fp = next();
        if (reference != null && departsOrStops(fp) && capture == null) {
            if (action instanceof SimTask task) {
                capture = captureOf(task, "event: the sleep of task '" + task.name() + "' ended");
            } else {
                capture = new DeterminismRecord.Capture(
                        count - 1, "event: " + eventName(action), kernel.now(), "kernel", "", phase.get(), List.of());
            }
        }
    }

    @Override
    public void eventScheduled(long at) {
        scheduled = mix(scheduled, at);
    }

    /**
     * The record of the run, once it is over: a run that ended before the one it was compared with departs at its
     * end.
     *
     * @return the record
     */
    DeterminismRecord record() {
        if (reference != null && departure < 0 && count < reference.length) {
            departure = count;
        }
        if (reference != null && capture == null && (departure == count || stopAt == count)) {
            capture = new DeterminismRecord.Capture(
                    count,
                    "the run had ended, after " + count + " steps and events",
                    kernel == null ? 0 : kernel.now(),
                    "none",
                    "",
                    phase == null ? Phase.SETUP : phase.get(),
                    List.of());
        }
        return new DeterminismRecord(seed, Arrays.copyOf(fingerprints, count), departure, capture);
    }

    private long next() {
        long fp = mix(kernel.traceHash(), scheduled);
        if (count == fingerprints.length) {
            fingerprints = Arrays.copyOf(fingerprints, count * 2);
        }
        fingerprints[count++] = fp;
        return fp;
    }

    /**
     * Notes the first departure from the reference, and says whether to capture at the index just recorded, at
     * {@code count - 1}: at the first departure or at the stop, whichever comes first.
     */
    private boolean departsOrStops(long fp) {
        int i = count - 1;
        if (departure < 0 && (i >= reference.length || reference[i] != fp)) {
            departure = i;
        }
        return i == departure || i == stopAt;
    }

    private DeterminismRecord.Capture captureOf(SimTask task, String what) {
        return new DeterminismRecord.Capture(
                count - 1,
                what,
                kernel.now(),
                task.name(),
                nodeOf.apply(task.owner()),
                phase.get(),
                userFrames(task.thread().getStackTrace()));
    }

    private static String eventName(Object action) {
        String name = action.getClass().getName();
        int lambda = name.indexOf("$$Lambda");
        return lambda >= 0 ? "a lambda of " + name.substring(0, lambda) : name;
    }

    /**
     * The frames a report shows of a task's stack: the user's and the API's, innermost first, leaving out the
     * JDK's parking and continuation machinery and the framework's internals (the kernel, the runner, plugins'
     * {@code internal} packages), at most {@link #FRAMES}.
     *
     * @param frames the stack, innermost first
     * @return the frames kept, as {@link StackTraceElement#toString()} prints them
     */
    static List<String> userFrames(StackTraceElement[] frames) {
        List<String> kept = new ArrayList<>();
        for (StackTraceElement f : frames) {
            if (isMachinery(f.getClassName())) {
                continue;
            }
            if (kept.size() == FRAMES) {
                kept.add("...");
                break;
            }
            kept.add(f.toString());
        }
        return kept;
    }

    private static boolean isMachinery(String c) {
        return c.startsWith("java.lang.VirtualThread")
                || c.startsWith("java.lang.System$")
                || c.equals("java.lang.Thread")
                || c.startsWith("java.lang.invoke.")
                || c.startsWith("java.lang.ScopedValue")
                || c.startsWith("jdk.internal.")
                || c.startsWith("java.util.concurrent.locks.LockSupport")
                || c.startsWith("java.util.concurrent.CompletableFuture")
                || c.startsWith("java.util.concurrent.ForkJoin")
                || (c.startsWith("io.moonpool.") && c.contains(".internal."));
    }

    static long mix(long h, long v) {
        long x = (h ^ v) * MULTIPLIER;
        return x ^ (x >>> 29);
    }
}
