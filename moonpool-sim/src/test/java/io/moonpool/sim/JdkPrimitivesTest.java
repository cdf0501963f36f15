package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.SimContext;
import io.moonpool.api.TaskHandle;
import io.moonpool.api.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * JDK blocking primitives between simulated tasks: they work, they give the right answers, and the same
 * seed always gives the same interleaving.
 */
class JdkPrimitivesTest {

    private static final int SEEDS = 20;

    /** Runs every seed twice and checks both runs agree, then checks the seeds explore more than one order. */
    private static void assertDeterministicAndVaried(Workload workload, List<String> order) {
        Set<List<String>> orders = new HashSet<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            order.clear();
            RunResult first = Sims.runOnce(seed, workload);
            first.assertPassed();
            List<String> firstOrder = List.copyOf(order);
            order.clear();
            RunResult second = Sims.runOnce(seed, workload);
            assertEquals(first.traceHash(), second.traceHash(), "seed " + seed + " replays with another trace");
            assertEquals(firstOrder, order, "seed " + seed + " replays in another order");
            orders.add(firstOrder);
        }
        assertTrue(orders.size() > 1, "every seed gave the same interleaving: " + orders);
    }

    /** Runs a critical section under some mutual exclusion: a lock, a monitor. */
    @FunctionalInterface
    private interface Guard {
        void exclusively(java.util.concurrent.Callable<Void> section) throws Exception;
    }

    /**
     * Four workers each increment a shared counter five times, sleeping inside the critical section so that the
     * others must wait for the guard; a lost update shows two of them inside at once.
     */
    private static void assertCounterStaysConsistent(Guard guard) {
        List<String> order = new ArrayList<>();
        int[] counter = new int[1];
        Workload workload = new Workload() {
            @Override
            public void setup(SimContext ctx) {
                counter[0] = 0;
            }

            @Override
            public void run(SimContext ctx) throws Exception {
                List<TaskHandle<Void>> workers = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    String name = "worker-" + w;
                    workers.add(ctx.tasks().spawn(name, () -> {
                        for (int i = 0; i < 5; i++) {
                            guard.exclusively(() -> {
                                order.add(name);
                                int seen = counter[0];
                                ctx.time()
                                        .sleep(Duration.ofMillis(
                                                1 + ctx.random().nextInt(3)));
                                counter[0] = seen + 1;
                                return null;
                            });
                            ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(2)));
                        }
                        return null;
                    }));
                }
                for (TaskHandle<Void> w : workers) {
                    w.join();
                }
            }

            @Override
            public void check(SimContext ctx) {
                assertEquals(20, counter[0], "a lost update means two tasks were inside at once");
            }
        };
        assertDeterministicAndVaried(workload, order);
    }

    @Test
    void reentrantLockKeepsCountersConsistentAcrossSleeps() {
        ReentrantLock lock = new ReentrantLock();
        assertCounterStaysConsistent(section -> {
            lock.lock();
            try {
                section.call();
            } finally {
                lock.unlock();
            }
        });
    }

    @Test
    void synchronizedBlocksHandOverTheMonitorDeterministically() {
        Object monitor = new Object();
        // holding the monitor while parked: the others block entering it and come back through the unblocker
        assertCounterStaysConsistent(section -> {
            synchronized (monitor) {
                section.call();
            }
        });
    }

    @Test
    void objectWaitAndNotifyAllPassItemsInOrder() {
        List<String> order = new ArrayList<>();
        Workload workload = new Workload() {
            private final Object monitor = new Object();
            private final List<Integer> buffer = new ArrayList<>();

            @Override
            public void setup(SimContext ctx) {
                buffer.clear();
            }

            @Override
            public void run(SimContext ctx) throws Exception {
                List<TaskHandle<Void>> consumers = new ArrayList<>();
                for (int c = 0; c < 3; c++) {
                    String name = "consumer-" + c;
                    consumers.add(ctx.tasks().spawn(name, () -> {
                        for (int i = 0; i < 4; i++) {
                            int item;
                            synchronized (monitor) {
                                while (buffer.isEmpty()) {
                                    monitor.wait();
                                }
                                item = buffer.removeFirst();
                            }
                            order.add(name + ":" + item);
                        }
                        return null;
                    }));
                }
                for (int i = 0; i < 12; i++) {
                    ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(3)));
                    synchronized (monitor) {
                        buffer.add(i);
                        monitor.notifyAll();
                    }
                }
                for (TaskHandle<Void> c : consumers) {
                    c.join();
                }
            }

            @Override
            public void check(SimContext ctx) {
                List<Integer> items = new ArrayList<>();
                for (String entry : order) {
                    items.add(Integer.parseInt(entry.substring(entry.indexOf(':') + 1)));
                }
                assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), items);
            }
        };
        assertDeterministicAndVaried(workload, order);
    }

    @Test
    void countDownLatchReleasesTheWaiterWhenTheLastTaskCountsDown() {
        List<String> order = new ArrayList<>();
        Workload workload = ctx -> {
            CountDownLatch latch = new CountDownLatch(3);
            long[] latest = new long[1];
            for (int i = 0; i < 3; i++) {
                String name = "counter-" + i;
                ctx.tasks().spawn(name, () -> {
                    long ms = 1 + ctx.random().nextInt(100);
                    ctx.time().sleep(Duration.ofMillis(ms));
                    latest[0] = Math.max(latest[0], ctx.time().nanoTime());
                    order.add(name);
                    latch.countDown();
                    return null;
                });
            }
            latch.await();
            assertEquals(latest[0], ctx.time().nanoTime(), "released later than the last count-down");
        };
        assertDeterministicAndVaried(workload, order);
    }

    @Test
    void blockingQueueHandsOverEveryItemThroughABoundedBuffer() {
        List<String> order = new ArrayList<>();
        Workload workload = ctx -> {
            BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(1);
            for (int p = 0; p < 2; p++) {
                int base = p * 100;
                ctx.tasks().spawn("producer-" + p, () -> {
                    for (int i = 0; i < 5; i++) {
                        queue.put(base + i);
                        if (ctx.random().nextBoolean()) {
                            ctx.time().sleep(Duration.ofMillis(1));
                        }
                    }
                    return null;
                });
            }
            int sum = 0;
            for (int i = 0; i < 10; i++) {
                int item = queue.take();
                order.add(Integer.toString(item));
                sum += item;
            }
            assertEquals(2 * (0 + 1 + 2 + 3 + 4) + 5 * 100, sum);
        };
        assertDeterministicAndVaried(workload, order);
    }

    @Test
    void completableFutureJoinWaitsForTheCompletingTask() {
        List<String> order = new ArrayList<>();
        Workload workload = ctx -> {
            List<CompletableFuture<String>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                CompletableFuture<String> f = new CompletableFuture<>();
                futures.add(f);
                String name = "completer-" + i;
                ctx.tasks().spawn(name, () -> {
                    ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(5)));
                    order.add(name);
                    return f.complete(name);
                });
            }
            for (int i = 0; i < 3; i++) {
                assertEquals("completer-" + i, futures.get(i).join());
            }
        };
        assertDeterministicAndVaried(workload, order);
    }
}
