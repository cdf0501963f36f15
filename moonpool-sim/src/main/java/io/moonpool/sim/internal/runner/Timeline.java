package io.moonpool.sim.internal.runner;

import io.moonpool.api.spi.TimelineSink;
import io.moonpool.sim.TimelineEntry;
import io.moonpool.sim.internal.kernel.Kernel;
import io.moonpool.sim.internal.kernel.KernelObserver;
import io.moonpool.sim.internal.kernel.SimTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The timeline of one iteration: a bounded ring of what happened (tasks spawned, woken, blocked and ended, events
 * fired, what plugins and user logging record), kept as references and numbers and formatted only when a
 * failing seed's timeline is taken. With {@code keepAll} nothing is dropped.
 *
 * <p>Written only by the running task or the kernel thread, one at a time: no locks.
 */
final class Timeline implements TimelineSink, KernelObserver {

    /** Names of classes as the timeline shows them: simple, and without the JVM's per-launch lambda suffix. */
    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String name = type.getName();
            int lambda = name.indexOf("$$Lambda");
            if (lambda >= 0) {
                name = name.substring(0, lambda) + "$$Lambda";
            }
            return name.substring(name.lastIndexOf('.') + 1);
        }
    };

    /** The sink when the timeline is off: everything, user logging included, is dropped. */
    static final TimelineSink OFF = new TimelineSink() {
        @Override
        public void record(String what, Object subject, long value) {}

        @Override
        public void log(String level, String logger, String message, Throwable thrown) {}
    };

    private final Kernel kernel;
    private final boolean keepAll;
    private int capacity;
    private long[] times;
    private long[] values;
    private Object[] owners;
    private String[] tasks;
    private String[] whats;
    private Object[] subjects;
    private long count;
    private boolean failed;

    /**
     * A timeline.
     *
     * @param kernel   the iteration's kernel, for the time and the running task
     * @param capacity how many entries the ring keeps, at least 1
     * @param keepAll  keep every entry, growing past the capacity
     */
    Timeline(Kernel kernel, int capacity, boolean keepAll) {
        this.kernel = kernel;
        this.keepAll = keepAll;
        this.capacity = keepAll ? Math.min(capacity, 4096) : capacity;
        times = new long[this.capacity];
        values = new long[this.capacity];
        owners = new Object[this.capacity];
        tasks = new String[this.capacity];
        whats = new String[this.capacity];
        subjects = new Object[this.capacity];
    }

    /**
     * A class's name as entries show it: deterministic across JVM launches, unlike a lambda's.
     *
     * @param type the class
     * @return its simple name
     */
    static String nameOf(Class<?> type) {
        return NAMES.get(type);
    }

    private void add(Object owner, String task, String what, Object subject, long value) {
        if (count == capacity && keepAll) {
            grow();
        }
        int i = (int) (count % capacity);
        times[i] = kernel.now();
        owners[i] = owner;
        tasks[i] = task;
        whats[i] = what;
        subjects[i] = subject;
        values[i] = value;
        count++;
    }

    private void grow() {
        int n = capacity >= (1 << 29) ? capacity + (1 << 20) : capacity * 2;
        times = java.util.Arrays.copyOf(times, n);
        values = java.util.Arrays.copyOf(values, n);
        owners = java.util.Arrays.copyOf(owners, n);
        tasks = java.util.Arrays.copyOf(tasks, n);
        whats = java.util.Arrays.copyOf(whats, n);
        subjects = java.util.Arrays.copyOf(subjects, n);
        capacity = n;
    }

    @Override
    public void record(String what, Object subject, long value) {
        SimTask t = kernel.currentTask();
        if (t == null) {
            add(null, "kernel", what, subject, value);
        } else {
            add(t.owner(), t.name(), what, subject, value);
        }
    }

    @Override
    public void log(String level, String logger, String message, Throwable thrown) {
        String line = logger.substring(logger.lastIndexOf('.') + 1) + ": " + message;
        record("log " + level, thrown == null ? line : line + " (" + thrown + ")", 0);
    }

    /**
     * Marks the failure of the seed, once: the report prints the entries before it.
     *
     * @param summary what failed
     */
    void failed(String summary) {
        if (!failed) {
            failed = true;
            record(TimelineEntry.SEED_FAILED, summary, 0);
        }
    }

    boolean hasFailure() {
        return failed;
    }

    @Override
    public void spawned(SimTask task) {
        SimTask by = kernel.currentTask();
        add(task.owner(), by == null ? "kernel" : by.name(), "task spawned", task.name(), 0);
    }

    @Override
    public void stepBegins(SimTask task, boolean first) {
        add(task.owner(), task.name(), first ? "task started" : "task woken", null, 0);
    }

    @Override
    public void stepEnded(SimTask task, StepEnd end) {
        switch (end) {
            case ENDED -> add(task.owner(), task.name(), "task ended", null, 0);
            case PARKED -> {
                Object blocker = LockSupport.getBlocker(task.thread());
                if (blocker == kernel) {
                    add(task.owner(), task.name(), "task sleeping", null, 0);
                } else {
                    add(
                            task.owner(),
                            task.name(),
                            "task blocked",
                            blocker == null ? null : nameOf(blocker.getClass()),
                            0);
                }
            }
            case MONITOR -> add(task.owner(), task.name(), "task blocked", "a monitor", 0);
            case RUNNABLE -> add(task.owner(), task.name(), "task yielded", null, 0);
        }
    }

    @Override
    public void eventFires(Object action) {
        if (!(action instanceof SimTask)) { // a sleep's wake-up shows as the task's next step
            add(null, "kernel", "event fired", nameOf(action.getClass()), 0);
        }
    }

    @Override
    public void eventFired(Object action) {
        // the entry was made as it fired
    }

    /**
     * The entries kept, oldest first, formatted; preceded by a {@link TimelineEntry#DROPPED} entry when the ring
     * dropped older ones.
     *
     * @param nodeOf the node of a task's owner
     * @return the entries
     */
    List<TimelineEntry> entries(Function<Object, String> nodeOf) {
        long kept = Math.min(count, capacity);
        long first = count - kept;
        List<TimelineEntry> out = new ArrayList<>((int) kept + 1);
        if (first > 0) {
            int i = (int) (first % capacity);
            out.add(new TimelineEntry(Duration.ofNanos(times[i]), "-", "-", TimelineEntry.DROPPED, "", first));
        }
        for (long n = first; n < count; n++) {
            int i = (int) (n % capacity);
            Object owner = owners[i];
            out.add(new TimelineEntry(
                    Duration.ofNanos(times[i]),
                    owner == null ? "-" : nodeOf.apply(owner),
                    tasks[i],
                    whats[i],
                    subjects[i] == null ? "" : String.valueOf(subjects[i]),
                    values[i]));
        }
        return out;
    }
}
