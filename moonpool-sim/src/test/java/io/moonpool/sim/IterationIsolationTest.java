package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Workload;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** Nothing of one iteration (tasks, threads, memory) survives into the next. */
class IterationIsolationTest {

    /** Leaves a parked task, a task holding a lock, and a sleeping task behind on every iteration. */
    private static final class Litterbug implements Workload {
        final List<WeakReference<Thread>> leftovers = new ArrayList<>();
        boolean recordThreads;

        @Override
        public void run(io.moonpool.api.SimContext ctx) throws Exception {
            CountDownLatch never = new CountDownLatch(1);
            ReentrantLock lock = new ReentrantLock();
            byte[][] ballast = {new byte[16 * 1024]};
            ctx.tasks().spawn("parked", () -> {
                if (recordThreads) {
                    leftovers.add(new WeakReference<>(Thread.currentThread()));
                }
                never.await();
                return ballast.length;
            });
            ctx.tasks().spawn("lock-holder", () -> {
                lock.lock();
                never.await();
                return null;
            });
            ctx.tasks().spawn("sleeper", () -> {
                ctx.time().sleep(Duration.ofDays(365));
                return null;
            });
            ctx.time().sleep(Duration.ofMillis(1));
        }
    }

    @Test
    void tenThousandIterationsLeavingBlockedTasksBehindKeepHeapAndThreadsFlat() {
        Litterbug litterbug = new Litterbug();
        SimulationBuilder.create().workload(litterbug).iterations(1_000).run().assertPassed();
        long heapBefore = usedHeapAfterGc();
        int platformThreadsBefore = Thread.activeCount();

        litterbug.recordThreads = true;
        SimulationBuilder.create().workload(litterbug).iterations(10_000).run().assertPassed();
        long heapAfter = usedHeapAfterGc();

        // each iteration strands ~16 KiB of ballast plus three task stacks: a leak would hold >160 MiB
        long growth = heapAfter - heapBefore;
        assertTrue(growth < 32L * 1024 * 1024, "heap grew by " + growth / 1024 + " KiB over 10,000 iterations");
        assertEquals(platformThreadsBefore, Thread.activeCount(), "platform threads leaked");
        long alive = litterbug.leftovers.stream().filter(r -> r.get() != null).count();
        assertEquals(10_000, litterbug.leftovers.size());
        assertTrue(alive < 100, alive + " of 10,000 abandoned task threads are still reachable");
        for (WeakReference<Thread> r : litterbug.leftovers) {
            Thread t = r.get();
            if (t != null) {
                assertEquals(Thread.State.TERMINATED, t.getState(), "an abandoned task must be terminated");
            }
        }
    }

    /**
     * A process whose tasks serialise their work on one monitor: at any time one of them sleeps inside
     * {@code synchronized}, the others are blocked entering it, and one waits in {@code Object.wait}. Each
     * life records weak references to its tasks and to a ballast only its stacks hold.
     */
    private static final class MonitorUser implements io.moonpool.api.SimProcess {
        final List<WeakReference<Object>> leftovers;

        MonitorUser(List<WeakReference<Object>> leftovers) {
            this.leftovers = leftovers;
        }

        @Override
        public void run(io.moonpool.api.SimContext ctx) throws Exception {
            Object lock = new Object();
            byte[] ballast = new byte[64 * 1024];
            leftovers.add(new WeakReference<>(ballast));
            for (int i = 0; i < 3; i++) {
                ctx.tasks().spawn("writer-" + i, () -> {
                    leftovers.add(new WeakReference<>(Thread.currentThread()));
                    while (true) {
                        synchronized (lock) {
                            ctx.time().sleep(Duration.ofMillis(1 + ballast.length % 2));
                        }
                    }
                });
            }
            ctx.tasks().spawn("waiter", () -> {
                leftovers.add(new WeakReference<>(Thread.currentThread()));
                synchronized (lock) {
                    lock.wait();
                }
                return null;
            });
            ctx.shutdown().await();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void tasksKilledInsideOrWaitingOnMonitorsLeaveNothingReachable(boolean seedsFail) {
        List<WeakReference<Object>> leftovers = new ArrayList<>();
        int crashes = 20;
        SimulationReport report = SimulationBuilder.create()
                .processes(2, () -> new MonitorUser(leftovers))
                // failing seeds: the kernel ends them at its time limit, with every task still on its stack
                .workload(ctx -> ctx.time().sleep(seedsFail ? Duration.ofDays(1) : Duration.ofSeconds(2)))
                .maxSimulatedTime(seedsFail ? Duration.ofSeconds(3) : SimulationBuilder.DEFAULT_MAX_SIMULATED_TIME)
                .faultInjector(new ScriptedInjector("crasher", ctx -> {
                    for (int i = 0; i < crashes; i++) {
                        ctx.time().sleep(Duration.ofMillis(50 + ctx.random().nextInt(20)));
                        InetAddress ip = ctx.processIps().get(i % 2);
                        if (ctx.isAlive(ip)) {
                            ctx.reboot(ip, io.moonpool.api.fault.RebootKind.CRASH);
                        }
                    }
                }))
                .chaosDuration(Duration.ofSeconds(1))
                .iterations(20)
                .run();
        assertEquals(seedsFail ? 20 : 0, report.failedSeeds().size(), report::toString);
        usedHeapAfterGc();
        long reachable = leftovers.stream().filter(r -> r.get() != null).count();
        for (RunResult run : report.runs()) {
            assertTrue(run.reboots(io.moonpool.api.fault.RebootKind.CRASH) >= 1, "no crash in seed " + run.seed());
        }
        assertEquals(
                0,
                reachable,
                reachable + " of " + leftovers.size() + " tasks or ballasts of killed lives are still reachable");
    }

    @Test
    void aTaskKilledWhileAboutToRunIsUnwoundOnlyAfterTheIteration() {
        boolean[] unwound = {false};
        boolean[] unwoundDuringIteration = {false};
        SimulationReport report = SimulationBuilder.create()
                .processes(1, () -> ctx -> {
                    CountDownLatch go = new CountDownLatch(1);
                    Object lock = new Object();
                    ctx.tasks().spawn("worker", () -> {
                        synchronized (lock) {
                            try {
                                go.await();
                                ctx.time().sleep(Duration.ofDays(1));
                            } finally {
                                unwound[0] = true;
                            }
                        }
                        return null;
                    });
                    ctx.time().sleep(Duration.ofMillis(1));
                    go.countDown(); // the worker is runnable, then its process exits and it is killed
                })
                .workload(new io.moonpool.api.Workload() {
                    @Override
                    public void run(io.moonpool.api.SimContext ctx) throws Exception {
                        ctx.time().sleep(Duration.ofSeconds(1));
                    }

                    @Override
                    public void check(io.moonpool.api.SimContext ctx) {
                        unwoundDuringIteration[0] = unwound[0];
                    }
                })
                .seeds(1)
                .run();
        report.assertPassed();
        assertFalse(unwoundDuringIteration[0], "code of a killed task ran while the iteration went on");
        assertTrue(unwound[0], "a task killed while runnable was never unwound: its monitor stays held");
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
