package io.moonpool.sim.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ready set draws exactly as the kernel drew before it was a class of its own: every seed's trace depends
 * on it, so it is checked against a copy of that code under a random model of adds, takes and removals.
 */
class ReadySetTest {

    /** The kernel's ready set as it was inline (commit 3c364ed), kept as the reference. */
    private static final class InlineReadySet {
        private final SplittableRandom random;
        private SimTask[] ready = new SimTask[16];
        private int readyCount;

        InlineReadySet(SplittableRandom random) {
            this.random = random;
        }

        void addReady(SimTask task) {
            if (readyCount == ready.length) {
                ready = Arrays.copyOf(ready, readyCount * 2);
            }
            ready[readyCount++] = task;
        }

        SimTask takeReady() {
            int i = readyCount == 1 ? 0 : random.nextInt(readyCount);
            SimTask task = ready[i];
            ready[i] = ready[--readyCount];
            ready[readyCount] = null;
            return task;
        }

        boolean removeReady(SimTask task) {
            for (int i = 0; i < readyCount; i++) {
                if (ready[i] == task) {
                    ready[i] = ready[--readyCount];
                    ready[readyCount] = null;
                    return true;
                }
            }
            return false;
        }
    }

    private static SimTask task(long id) {
        return new SimTask(null, id, "t" + id, null);
    }

    @Test
    void takeDrawsTheSameTasksAsTheInlineCodeForAFixedSeed() {
        SplittableRandom model = new SplittableRandom(42);
        ReadySet set = new ReadySet(new SplittableRandom(7));
        InlineReadySet reference = new InlineReadySet(new SplittableRandom(7));
        List<SimTask> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add(task(i));
        }
        List<SimTask> taken = new ArrayList<>();
        for (int op = 0; op < 100_000; op++) {
            int dice = model.nextInt(10);
            if (dice < 5) {
                SimTask t = all.get(model.nextInt(all.size()));
                set.add(t);
                reference.addReady(t);
            } else if (dice < 9) {
                if (!set.isEmpty()) {
                    SimTask t = set.take();
                    assertSame(reference.takeReady(), t, "take number " + taken.size());
                    taken.add(t);
                }
            } else {
                SimTask t = all.get(model.nextInt(all.size()));
                assertEquals(reference.removeReady(t), set.remove(t));
            }
            assertEquals(reference.readyCount, set.size());
        }
        assertTrue(taken.size() > 10_000, "the model took tasks: " + taken.size());
    }

    @Test
    void oneReadyTaskIsTakenWithoutDrawing() {
        SplittableRandom random = new SplittableRandom(3);
        ReadySet set = new ReadySet(random);
        SimTask only = task(0);
        set.add(only);
        assertSame(only, set.take());
        assertTrue(set.isEmpty());
        assertEquals(new SplittableRandom(3).nextLong(), random.nextLong(), "the stream was not touched");
    }

    @Test
    void tasksAddedSinceAMarkAreSortedIntoSpawnOrderAndTheOthersStay() {
        SimTask[] tasks = {task(9), task(5), task(3), task(1), task(2)};
        InlineReadySet reference = new InlineReadySet(new SplittableRandom(11));
        ReadySet sorted = new ReadySet(new SplittableRandom(11));
        for (SimTask t : new SimTask[] {tasks[0], tasks[1], tasks[3], tasks[4], tasks[2]}) {
            reference.addReady(t);
        }
        for (SimTask t : tasks) {
            sorted.add(t);
        }
        sorted.sortAddedSince(2);
        while (!sorted.isEmpty()) {
            assertSame(reference.takeReady(), sorted.take(), "sorted as if added in spawn order");
        }
    }

    @Test
    void abandoningMarksEveryReadyTaskAndEmptiesTheSet() {
        ReadySet set = new ReadySet(new SplittableRandom(1));
        SimTask a = task(0);
        SimTask b = task(1);
        set.add(a);
        set.add(b);
        set.abandonAll();
        assertTrue(set.isEmpty());
        assertTrue(a.wokenWhileKilled && b.wokenWhileKilled);
        assertFalse(set.contains(a));
        assertFalse(set.remove(b));
    }
}
