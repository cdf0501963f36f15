package io.moonpool.sim.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** {@link TaskGroup} and {@link Kernel#killGroup}: an owner's live tasks, ended without a walk of every task. */
class TaskGroupTest {

    private static final long MILLI = 1_000_000L;

    /** An owner whose tasks are grouped, as a process's life is. */
    private static final class Owner extends TaskGroup {
        private final String name;

        Owner(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void aGroupListsItsLiveTasksInSpawnOrderAndForgetsThoseThatEnd() {
        Owner a = new Owner("a");
        Owner b = new Owner("b");
        Kernel kernel = new Kernel(new SplittableRandom(1), Kernel.DEFAULT_MAX_STEPS_PER_INSTANT, Long.MAX_VALUE);
        List<String> seen = new ArrayList<>();
        SimTask root = kernel.spawn("root", null, () -> {
            SimTask a1 = kernel.spawn("a1", a, () -> sleep(kernel, 10 * MILLI));
            SimTask b1 = kernel.spawn("b1", b, () -> sleep(kernel, 10 * MILLI));
            SimTask a2 = kernel.spawn("a2", a, () -> {}); // ends at its first step
            SimTask a3 = kernel.spawn("a3", a, () -> sleep(kernel, 10 * MILLI));
            kernel.spawn("other", "not a group", () -> sleep(kernel, 10 * MILLI));
            seen.add(a.tasks() + " " + b.tasks());
            sleep(kernel, MILLI);
            seen.add(a.tasks() + " " + b.tasks());
            kernel.killGroup(a);
            seen.add(a.tasks() + " " + b.tasks());
            seen.add(a1.wasKilled() + " " + a3.wasKilled() + " " + a2.wasKilled() + " " + b1.wasKilled());
        });
        kernel.run(root);
        assertNull(kernel.failure(), () -> kernel.failure().message());
        assertEquals(
                List.of("[a1#1, a2#3, a3#4] [b1#2]", "[a1#1, a3#4] [b1#2]", "[] [b1#2]", "true true false false"),
                seen);
    }

    @Test
    void killGroupSparesTheRunningTask() {
        Owner life = new Owner("life");
        Kernel kernel = new Kernel(new SplittableRandom(1), Kernel.DEFAULT_MAX_STEPS_PER_INSTANT, Long.MAX_VALUE);
        List<SimTask> spawned = new ArrayList<>();
        SimTask main = kernel.spawn("main", life, () -> {
            spawned.add(kernel.spawn("helper", life, () -> sleep(kernel, 10 * MILLI)));
            sleep(kernel, MILLI);
            kernel.killGroup(life); // as a process's main task does when it returns
        });
        kernel.run(main);
        assertNull(kernel.failure(), () -> kernel.failure().message());
        assertTrue(spawned.getFirst().wasKilled());
        assertFalse(main.wasKilled());
        assertEquals(List.of(), life.tasks());
    }

    /**
     * Killing a ready task takes it out of the ready set, which moves another into its place: the order of the
     * kills reaches every later draw. {@code killGroup} must kill in the order of the walk over every live task
     * that it replaces, so that every seed keeps its trace.
     */
    @Test
    void killGroupKillsInTheOrderOfTheWalkOverEveryLiveTask() {
        for (long seed = 1; seed <= 50; seed++) {
            Run byWalk = run(seed, (kernel, group) -> {
                for (SimTask t : kernel.liveTasks()) {
                    if (t.owner() == group && t != kernel.currentTask()) {
                        kernel.kill(t);
                    }
                }
            });
            Run byGroup = run(seed, Kernel::killGroup);
            assertEquals(byWalk.order, byGroup.order, "seed " + seed);
            assertEquals(byWalk.trace, byGroup.trace, "seed " + seed);
        }
    }

    private record Run(List<String> order, long trace) {}

    /**
     * Twelve tasks of two groups and of no group, parked; the root makes them all ready in one step and, in the same
     * step, kills group {@code a}, whose tasks are then in the ready set; the survivors run in the order drawn.
     */
    private static Run run(long seed, BiConsumer<Kernel, TaskGroup> killA) {
        Owner a = new Owner("a");
        Owner b = new Owner("b");
        Kernel kernel = new Kernel(new SplittableRandom(seed), Kernel.DEFAULT_MAX_STEPS_PER_INSTANT, Long.MAX_VALUE);
        List<String> order = new ArrayList<>();
        SimTask root = kernel.spawn("root", null, () -> {
            List<SimTask> waiting = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String name = "t" + i;
                Object owner = i % 3 == 0 ? a : i % 3 == 1 ? b : "none";
                waiting.add(kernel.spawn(name, owner, () -> {
                    while (!Thread.interrupted()) {
                        LockSupport.park();
                    }
                    order.add(name);
                }));
            }
            sleep(kernel, MILLI); // every task has parked
            waiting.forEach(t -> t.thread().interrupt()); // each goes into the ready set, in this order
            killA.accept(kernel, a);
            sleep(kernel, MILLI);
        });
        kernel.run(root);
        assertNull(kernel.failure(), () -> kernel.failure().message());
        return new Run(order, kernel.traceHash());
    }

    private static void sleep(Kernel kernel, long nanos) {
        try {
            kernel.sleep(nanos);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
