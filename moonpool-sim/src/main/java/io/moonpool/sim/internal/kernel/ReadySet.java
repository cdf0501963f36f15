package io.moonpool.sim.internal.kernel;

import java.util.Arrays;
import java.util.Comparator;
import java.util.random.RandomGenerator;

/**
 * The runnable tasks, from which the scheduler draws the next one to run.
 *
 * <p>Invariant: {@code tasks[0 .. count)} holds each runnable task once, in no meaningful order, and
 * {@code tasks[count ..)} is null. {@link #take()} draws an index uniformly from the scheduling stream (drawing
 * nothing when one task is ready) and fills the hole with the last task, so the draw sequence, and with it
 * every seed's trace, depends only on the order of {@link #add} calls. Kernel thread only.
 */
final class ReadySet {

    private static final Comparator<SimTask> BY_ID = Comparator.comparingLong(SimTask::id);

    private final RandomGenerator random;
    private SimTask[] tasks = new SimTask[16];
    private int count;

    ReadySet(RandomGenerator random) {
        this.random = random;
    }

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    void add(SimTask task) {
        if (count == tasks.length) {
            tasks = Arrays.copyOf(tasks, count * 2);
        }
        tasks[count++] = task;
    }

    /** Removes and returns a task drawn from the scheduling stream; the set must not be empty. */
    SimTask take() {
        int i = count == 1 ? 0 : random.nextInt(count);
        SimTask task = tasks[i];
        tasks[i] = tasks[--count];
        tasks[count] = null;
        return task;
    }

    /** Removes {@code task} if it is ready, and says whether it was. */
    boolean remove(SimTask task) {
        for (int i = 0; i < count; i++) {
            if (tasks[i] == task) {
                tasks[i] = tasks[--count];
                tasks[count] = null;
                return true;
            }
        }
        return false;
    }

    boolean contains(SimTask task) {
        for (int i = 0; i < count; i++) {
            if (tasks[i] == task) {
                return true;
            }
        }
        return false;
    }

    /**
     * Puts the tasks added since the set held {@code from} tasks in spawn order: the JDK's unblocker hands
     * tasks over in an order of its own, which must not reach the draw.
     */
    void sortAddedSince(int from) {
        if (count - from > 1) {
            Arrays.sort(tasks, from, count, BY_ID);
        }
    }

    /** Empties the set, marking each task it held as woken while killed, so that it runs first in the unwinding. */
    void abandonAll() {
        for (int i = 0; i < count; i++) {
            tasks[i].wokenWhileKilled = true;
        }
        clear();
    }

    void clear() {
        Arrays.fill(tasks, 0, count, null);
        count = 0;
    }
}
