package io.moonpool.sim;

import io.moonpool.api.TaskHandle;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Simulated time and tasks as user code sees them. */
class TimeAndTasksTest {

    private static void inSimulation(io.moonpool.api.Workload body) {
        SimulationBuilder.create().workload(body).seeds(11).run().assertPassed();
    }

    @Test
    void sleepAdvancesSimulatedTimeExactly() {
        SimulationBuilder.create().maxSimulatedTime(Duration.ofDays(30)).seeds(11).workload(ctx -> {
            Instant start = ctx.time().now();
            assertEquals(Instant.parse("2020-01-01T00:00:00Z"), start);
            ctx.time().sleep(Duration.ofDays(3));
            assertEquals(Duration.ofDays(3).toNanos(), ctx.time().nanoTime());
            assertEquals(start.plus(Duration.ofDays(3)), ctx.time().now());
            assertEquals(ctx.time().now(), ctx.time().clock().instant());
        }).run().assertPassed();
    }

    @Test
    void sleepRejectsANegativeDuration() {
        inSimulation(ctx -> assertThrows(IllegalArgumentException.class,
                () -> ctx.time().sleep(Duration.ofMillis(-1))));
    }

    @Test
    void timeoutThrowsWhenTheBodyOverrunsAndInterruptsIt() {
        inSimulation(ctx -> {
            long before = ctx.time().nanoTime();
            TimeoutException e = assertThrows(TimeoutException.class,
                    () -> ctx.time().timeout(Duration.ofSeconds(2), () -> {
                        ctx.time().sleep(Duration.ofSeconds(10));
                        return "late";
                    }));
            assertTrue(e.getCause() instanceof InterruptedException, String.valueOf(e.getCause()));
            assertEquals(Duration.ofSeconds(2).toNanos(), ctx.time().nanoTime() - before);
            assertFalse(Thread.currentThread().isInterrupted(), "the timeout's interrupt must not leak");
            assertEquals("quick", ctx.time().timeout(Duration.ofSeconds(2), () -> "quick"));
            // a timer left behind by the completed timeout must not interrupt later work
            ctx.time().sleep(Duration.ofSeconds(5));
        });
    }

    @Test
    void sleepingTasksWakeInTimeOrder() {
        inSimulation(ctx -> {
            List<Integer> woke = new ArrayList<>();
            List<TaskHandle<Void>> handles = new ArrayList<>();
            for (int delay : new int[] {30, 10, 20}) {
                handles.add(ctx.tasks().spawn("sleeper-" + delay, () -> {
                    ctx.time().sleep(Duration.ofMillis(delay));
                    woke.add(delay);
                    return null;
                }));
            }
            for (TaskHandle<Void> h : handles) {
                h.join();
            }
            assertEquals(List.of(10, 20, 30), woke);
        });
    }

    @Test
    void aTaskHandleGivesTheResultOrTheException() {
        inSimulation(ctx -> {
            TaskHandle<Integer> ok = ctx.tasks().spawn("ok", () -> 6 * 7);
            TaskHandle<Integer> bad = ctx.tasks().spawn("bad", () -> {
                throw new IllegalStateException("nope");
            });
            assertEquals(42, ok.join());
            ExecutionException e = assertThrows(ExecutionException.class, bad::join);
            assertEquals("nope", e.getCause().getMessage());
            assertTrue(ok.isDone());
            assertEquals("bad", bad.name());
        });
    }

    @Test
    void cancelInterruptsABlockedTask() {
        inSimulation(ctx -> {
            CountDownLatch never = new CountDownLatch(1);
            TaskHandle<Void> blocked = ctx.tasks().spawn("blocked", () -> {
                never.await();
                return null;
            });
            ctx.time().sleep(Duration.ofSeconds(1));
            blocked.cancel();
            ExecutionException e = assertThrows(ExecutionException.class, blocked::join);
            assertTrue(e.getCause() instanceof InterruptedException);
        });
    }

    @Test
    void theExecutorRunsSubmissionsAsTasksAndWaitsInSimulatedTime() {
        inSimulation(ctx -> {
            ExecutorService executor = ctx.tasks().executor();
            Future<String> quick = executor.submit(() -> "done");
            executor.submit(() -> {
                ctx.time().sleep(Duration.ofHours(1));
                return null;
            });
            assertEquals("done", quick.get());
            executor.shutdown();
            assertFalse(executor.awaitTermination(10, TimeUnit.MINUTES));
            assertEquals(Duration.ofMinutes(10).toNanos(), ctx.time().nanoTime());
            assertTrue(executor.awaitTermination(1, TimeUnit.HOURS));
            assertTrue(executor.isTerminated());
        });
    }

    @Test
    void calledFromOutsideASimulationTheProvidersSaySo() {
        io.moonpool.api.SimContext[] leaked = new io.moonpool.api.SimContext[1];
        inSimulation(ctx -> leaked[0] = ctx);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> leaked[0].time().sleep(Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("must be called from a task"), e.getMessage());
    }

    @Test
    void networkAndStorageNameTheModuleToAdd() {
        inSimulation(ctx -> {
            var net = assertThrows(io.moonpool.api.MoonpoolException.class, ctx::network);
            assertTrue(net.getMessage().contains("moonpool-net"), net.getMessage());
            var disk = assertThrows(io.moonpool.api.MoonpoolException.class, ctx::storage);
            assertTrue(disk.getMessage().contains("moonpool-storage"), disk.getMessage());
        });
    }

    @Test
    void aSimulationStartedFromAVirtualThreadRunsOnAPlatformThread() throws Exception {
        SimulationReport[] report = new SimulationReport[1];
        Thread.ofVirtual().start(() -> report[0] = SimulationBuilder.create()
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(1))).seeds(1).run()).join();
        report[0].assertPassed();
    }
}
