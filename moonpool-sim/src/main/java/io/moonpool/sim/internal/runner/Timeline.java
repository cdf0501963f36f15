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
            return TimelineNames.simple(type.getName());
        }
    };

    /** The most entries a timeline keeps, also under traceAll (about 60 MB of arrays). */
    static final int MAX_ENTRIES = 1 << 21;

    /** The sink when the timeline is off: everything, user logging included, is dropped. */
    static final TimelineSink OFF = new TimelineSink() {
        @Override
        public void record(String what, Object subject, long value) {}

        @Override
        public void log(String level, String logger, String message, Throwable thrown) {}
    };

    private static final String STARTED = "task started";
    private static final String WOKEN = "task woken";
    private static final String[] ALONE = {"task ended", "task sleeping", "task blocked", "task yielded"};
    private static final String[] STARTED_THEN = {
        "task started, ended", "task started, sleeping", "task started, blocked", "task started, yielded"
    };
    private static final String[] WOKEN_THEN = {
        "task woken, ended", "task woken, sleeping", "task woken, blocked", "task woken, yielded"
    };

    private final Kernel kernel;
    private final Ring ring;
    private final boolean keepAll;
    private final int shown;
    private final Function<Object, String> nodeOf;
    private long failedAt = -1;
    private List<TimelineEntry> excerpt = List.of();
    private long stepMark = -1;
    private long eventMark = -1;
    private int capacity;
    // one entry per index: the task is null for the kernel; its name and node are read when entries are taken
    private long[] times;
    private long[] values;
    private SimTask[] tasks;
    private String[] whats;
    private Object[] subjects;
    private int next;
    private long count;

    /**
     * A timeline.
     *
     * @param kernel   the iteration's kernel, for the time and the running task
     * @param capacity how many entries the ring keeps, at least 1
     * @param keepAll  keep every entry, growing past the capacity up to {@link #MAX_ENTRIES}
     * @param shown    how many entries up to the failure the report prints: kept even when the ring wraps
     * @param nodeOf   the node of a task's owner
     */
    Timeline(Kernel kernel, Ring ring, int capacity, boolean keepAll, int shown, Function<Object, String> nodeOf) {
        this.kernel = kernel;
        this.ring = ring;
        this.keepAll = keepAll;
        this.shown = shown;
        this.nodeOf = nodeOf;
        this.capacity = keepAll ? Math.min(capacity, 4096) : capacity;
        if (ring.times == null || ring.times.length < this.capacity) {
            ring.allocate(this.capacity);
        }
        times = ring.times;
        values = ring.values;
        tasks = ring.tasks;
        whats = ring.whats;
        subjects = ring.subjects;
    }

    /**
     * The arrays of a simulation's timelines, reused from one iteration to the next (they run one after another),
     * so that an iteration allocates none.
     */
    static final class Ring {
        private long[] times;
        private long[] values;
        private SimTask[] tasks;
        private String[] whats;
        private Object[] subjects;

        private void allocate(int n) {
            times = new long[n];
            values = new long[n];
            tasks = new SimTask[n];
            whats = new String[n];
            subjects = new Object[n];
        }
    }

    /**
     * Lets go of the references the iteration left in the ring, once its entries have been taken and its tasks
     * unwound: nothing of one iteration stays reachable from the next.
     */
    void release() {
        int used = (int) Math.min(count, capacity);
        java.util.Arrays.fill(tasks, 0, used, null);
        java.util.Arrays.fill(whats, 0, used, null);
        java.util.Arrays.fill(subjects, 0, used, null);
        count = 0;
        next = 0;
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

    private void add(SimTask task, String what, Object subject, long value) {
        int i = next;
        if (i == capacity) {
            if (keepAll && capacity < MAX_ENTRIES) {
                grow();
            } else {
                i = 0;
            }
        }
        times[i] = kernel.now();
        tasks[i] = task;
        whats[i] = what;
        subjects[i] = subject;
        values[i] = value;
        next = i + 1;
        count++;
    }

    private void grow() {
        int n = Math.min(MAX_ENTRIES, capacity * 2);
        if (times.length >= n) {
            capacity = n; // the arrays of an earlier iteration are large enough already
            return;
        }
        times = java.util.Arrays.copyOf(times, n);
        values = java.util.Arrays.copyOf(values, n);
        tasks = java.util.Arrays.copyOf(tasks, n);
        whats = java.util.Arrays.copyOf(whats, n);
        subjects = java.util.Arrays.copyOf(subjects, n);
        ring.times = times;
        ring.values = values;
        ring.tasks = tasks;
        ring.whats = whats;
        ring.subjects = subjects;
        capacity = n;
    }

    @Override
    public void record(String what, Object subject, long value) {
        add(kernel.currentTask(), what, subject, value);
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
        if (failedAt < 0) {
            record(TimelineEntry.SEED_FAILED, summary, 0);
            failedAt = count - 1;
            // the ring goes on after the failure and may wrap past it: keep what the report prints now
            excerpt = format(count - Math.min(count, Math.min(shown, capacity)), count);
        }
    }

    @Override
    public void spawned(SimTask task) {
        add(kernel.currentTask(), "task spawned", task.name(), 0);
    }

    @Override
    public void stepBegins(SimTask task, boolean first) {
        add(task, first ? STARTED : WOKEN, null, 0);
        stepMark = count;
    }

    @Override
    public void stepEnded(SimTask task, StepEnd end) {
        Object subject = null;
        int how; // 0 ended, 1 sleeping, 2 blocked, 3 yielded
        switch (end) {
            case ENDED -> how = 0;
            case PARKED -> {
                Object blocker = LockSupport.getBlocker(task.thread());
                how = blocker == kernel ? 1 : 2;
                // the class, never the object: its toString may carry an identity hash
                subject = blocker == null || blocker == kernel ? null : blocker.getClass();
            }
            case MONITOR -> {
                how = 2;
                subject = "a monitor";
            }
            default -> how = 3;
        }
        if (count == stepMark) {
            // nothing happened during the step: one entry tells both its start and its end
            int i = next - 1;
            whats[i] = (whats[i] == STARTED ? STARTED_THEN : WOKEN_THEN)[how];
            subjects[i] = subject;
        } else {
            add(task, ALONE[how], subject, 0);
        }
    }

    @Override
    public void eventFires(Object action) {
        eventMark = count;
    }

    @Override
    public void eventFired(Object action) {
        // an event that recorded entries of its own (a delivery, a reboot) is told by them; a sleep's wake-up
        // shows as the task's next step
        if (count == eventMark && !(action instanceof SimTask)) {
            add(null, "event fired", action.getClass(), 0);
        }
    }

    /**
     * The entries kept, oldest first, formatted; preceded by a {@link TimelineEntry#DROPPED} entry when the ring
     * dropped older ones, and by the entries up to the failure the report prints when the ring has wrapped past
     * the failure since.
     *
     * @return the entries
     */
    List<TimelineEntry> entries() {
        long first = count - Math.min(count, capacity);
        List<TimelineEntry> out = new ArrayList<>((int) (count - first) + excerpt.size() + 1);
        long dropped = first;
        if (failedAt >= 0 && failedAt < first) {
            // the failure has left the ring: what the report prints of it comes first, then what is left
            out.addAll(excerpt);
            dropped = first - failedAt - 1;
        }
        if (dropped > 0) {
            int i = (int) (first % capacity);
            out.add(new TimelineEntry(Duration.ofNanos(times[i]), "-", "-", TimelineEntry.DROPPED, "", dropped));
        }
        out.addAll(format(first, count));
        return out;
    }

    /** The entries from {@code from} (inclusive) to {@code to}, which must still be in the ring. */
    private List<TimelineEntry> format(long from, long to) {
        List<TimelineEntry> out = new ArrayList<>((int) (to - from));
        for (long n = from; n < to; n++) {
            int i = (int) (n % capacity);
            SimTask task = tasks[i];
            Object owner = task == null ? null : task.owner();
            out.add(new TimelineEntry(
                    Duration.ofNanos(times[i]),
                    owner == null ? "-" : nodeOf.apply(owner),
                    task == null ? "kernel" : task.name(),
                    whats[i],
                    describe(subjects[i]),
                    values[i]));
        }
        return out;
    }

    /** A subject as an entry shows it: a plugin's {@code toString} that throws still leaves the rest readable. */
    private static String describe(Object subject) {
        if (subject == null) {
            return "";
        }
        if (subject instanceof Class<?> c) {
            return nameOf(c);
        }
        try {
            return String.valueOf(subject);
        } catch (RuntimeException e) {
            return "<" + nameOf(subject.getClass()) + ".toString() threw " + e + ">";
        }
    }
}
