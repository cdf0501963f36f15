package io.moonpool.benchmarks;

import io.moonpool.sim.internal.kernel.EventAction;
import io.moonpool.sim.internal.kernel.EventQueue;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The kernel's event queue under the classic <em>hold model</em>: each operation polls the earliest
 * event and schedules a new one at that event's time plus a pseudo-random increment, so the number of
 * pending events stays at {@link #pending}. One operation is one {@code poll} plus one {@code schedule}.
 *
 * <p>Subject: {@link EventQueue} (flat-array heap keyed by (time, sequence)). Baseline: a
 * {@link PriorityQueue} of small entry objects with the same keys, the same comparison and the same
 * increments; its {@code schedule} allocates an entry, as an event queue built on it would. Target: the
 * subject takes at most 1.2x the baseline's time per operation.
 */
public class EventQueueBenchmark extends AbstractBenchmark {

    /** Increments cycle through this many precomputed values (a power of two). */
    private static final int INCREMENTS = 1 << 16;

    /** Mean increment, in nanoseconds of simulated time. */
    private static final double MEAN_INCREMENT_NANOS = 100_000;

    /** Increments are whole microseconds, so that some events share an instant and ties go to the sequence. */
    private static final long GRANULE_NANOS = 1_000;

    private static final EventAction NO_OP = seq -> {};

    private static final Comparator<Entry> BY_TIME_THEN_SEQ = (a, b) -> {
        if (a.time != b.time) {
            return a.time < b.time ? -1 : 1;
        }
        return Long.compare(a.seq, b.seq);
    };

    /** Events pending at every moment of the measurement. */
    @Param({"10", "1000", "100000"})
    public int pending;

    private long[] increments;
    private int cursor;

    private EventQueue<EventAction> eventQueue;

    private PriorityQueue<Entry> priorityQueue;
    private long nextSeq;

    /** An event of the baseline queue: the same keys the subject keeps in its flat arrays. */
    private static final class Entry {
        final long time;
        final long seq;
        final EventAction action;

        Entry(long time, long seq, EventAction action) {
            this.time = time;
            this.seq = seq;
            this.action = action;
        }
    }

    /** Precomputes the increments from the fixed seed and fills both queues with the same events. */
    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(SEED);
        increments = new long[INCREMENTS];
        for (int i = 0; i < INCREMENTS; i++) {
            // exponentially distributed, as in the hold model, rounded down to whole granules
            double exponential = -Math.log(1.0 - random.nextDouble()) * MEAN_INCREMENT_NANOS;
            increments[i] = (long) (exponential / GRANULE_NANOS) * GRANULE_NANOS;
        }
        eventQueue = new EventQueue<>(pending);
        priorityQueue = new PriorityQueue<>(pending, BY_TIME_THEN_SEQ);
        nextSeq = 0;
        cursor = 0;
        for (int i = 0; i < pending; i++) {
            long time = nextIncrement();
            eventQueue.schedule(time, NO_OP);
            priorityQueue.add(new Entry(time, nextSeq++, NO_OP));
        }
    }

    private long nextIncrement() {
        long increment = increments[cursor];
        cursor = (cursor + 1) & (INCREMENTS - 1);
        return increment;
    }

    /**
     * Subject: poll the earliest event of the kernel's queue and schedule its successor.
     *
     * @return the polled event's time, so that the work is not dead code
     */
    @Benchmark
    public long eventQueue() {
        EventQueue<EventAction> q = eventQueue;
        EventAction action = q.poll();
        long time = q.polledTime();
        q.schedule(time + nextIncrement(), action);
        return time;
    }

    /**
     * Baseline: the same hold step on a {@link PriorityQueue} of entry objects.
     *
     * @return the polled event's time, so that the work is not dead code
     */
    @Benchmark
    public long baselinePriorityQueue() {
        PriorityQueue<Entry> q = priorityQueue;
        Entry earliest = q.poll();
        long time = earliest.time;
        q.add(new Entry(time + nextIncrement(), nextSeq++, earliest.action));
        return time;
    }
}
