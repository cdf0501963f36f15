package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.FailureKind;
import io.moonpool.api.TaskHandle;
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
import org.junit.jupiter.api.Test;

/** Simulated time and tasks as user code sees them. */
class TimeAndTasksTest {

    private static void inSimulation(io.moonpool.api.Workload body) {
        SimulationBuilder.create().workload(body).seeds(11).run().assertPassed();
    }

    @Test
    void sleepAdvancesSimulatedTimeExactly() {
        SimulationBuilder.create()
                .maxSimulatedTime(Duration.ofDays(30))
                .seeds(11)
                .workload(ctx -> {
                    Instant start = ctx.time().now();
                    assertEquals(Instant.parse("2020-01-01T00:00:00Z"), start);
                    ctx.time().sleep(Duration.ofDays(3));
                    assertEquals(Duration.ofDays(3).toNanos(), ctx.time().nanoTime());
                    assertEquals(start.plus(Duration.ofDays(3)), ctx.time().now());
                    assertEquals(ctx.time().now(), ctx.time().clock().instant());
                })
                .run()
                .assertPassed();
    }

    @Test
    void sleepRejectsANegativeDuration() {
        inSimulation(ctx ->
                assertThrows(IllegalArgumentException.class, () -> ctx.time().sleep(Duration.ofMillis(-1))));
    }

    @Test
    void timeoutThrowsWhenTheBodyOverrunsAndInterruptsIt() {
        inSimulation(ctx -> {
            long before = ctx.time().nanoTime();
            TimeoutException e = assertThrows(
                    TimeoutException.class,
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
            boolean[] interrupted = {false};
            TaskHandle<Void> blocked = ctx.tasks().spawn("blocked", () -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    interrupted[0] = true;
                    throw e;
                }
                return null;
            });
            ctx.time().sleep(Duration.ofSeconds(1));
            blocked.cancel();
            assertThrows(java.util.concurrent.CancellationException.class, blocked::join);
            ctx.time().sleep(Duration.ofMillis(1));
            assertTrue(interrupted[0], "the cancelled task was not interrupted");
            assertTrue(blocked.isDone());
        });
    }

    @Test
    void aTaskCancelledBeforeItFirstRanNeverRunsAndJoinSaysCancelled() {
        inSimulation(ctx -> {
            boolean[] ran = {false};
            TaskHandle<Integer> never = ctx.tasks().spawn("never", () -> {
                ran[0] = true;
                return 1;
            });
            never.cancel();
            assertThrows(java.util.concurrent.CancellationException.class, never::join);
            ctx.time().sleep(Duration.ofMillis(1));
            assertFalse(ran[0], "a task cancelled before it ran must not run");
        });
    }

    @Test
    void theExecutorsTimedOperationsWaitInSimulatedTime() {
        inSimulation(ctx -> {
            ExecutorService executor = ctx.tasks().executor();
            java.util.concurrent.Callable<String> slow = () -> {
                ctx.time().sleep(Duration.ofHours(1));
                return "slow";
            };
            java.util.concurrent.Callable<String> quick = () -> {
                ctx.time().sleep(Duration.ofSeconds(1));
                return "quick";
            };
            long start = ctx.time().nanoTime();
            assertEquals("quick", executor.invokeAny(List.of(slow, quick), 1, TimeUnit.MINUTES));
            assertThrows(TimeoutException.class, () -> executor.invokeAny(List.of(slow), 1, TimeUnit.MINUTES));
            List<Future<String>> all = executor.invokeAll(List.of(quick, slow), 1, TimeUnit.MINUTES);
            assertEquals("quick", all.get(0).get());
            assertTrue(all.get(1).isCancelled());
            Future<String> later = executor.submit(slow);
            assertThrows(TimeoutException.class, () -> later.get(10, TimeUnit.SECONDS));
            assertEquals("slow", later.get(2, TimeUnit.HOURS));
            executor.shutdown();
            assertTrue(executor.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS));
            // 1 s (invokeAny) + 1 min (timed out) + 1 min (invokeAll) + 1 h (the slow one's get)
            assertEquals(
                    Duration.ofHours(1).plusMinutes(2).plusSeconds(1).toNanos() + 2_000_000,
                    ctx.time().nanoTime() - start,
                    1_000_000_000L);
        });
    }

    @Test
    void spawningAfterTheSimulationEndedFailsFromAnyThread() throws Exception {
        io.moonpool.api.Tasks[] kept = new io.moonpool.api.Tasks[1];
        inSimulation(ctx -> kept[0] = ctx.tasks());
        IllegalStateException here = assertThrows(IllegalStateException.class, () -> kept[0].spawn("late", () -> 1));
        assertTrue(here.getMessage().contains("ended"), here.getMessage());
        IllegalStateException[] there = new IllegalStateException[1];
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                kept[0].spawn("late", () -> 1);
            } catch (IllegalStateException e) {
                there[0] = e;
            }
        });
        other.join();
        assertTrue(there[0] != null && there[0].getMessage().contains("ended"), String.valueOf(there[0]));
    }

    @Test
    void anExceptionEscapingATaskNobodyJoinsFailsTheSeedNamingTheTaskAndNode() {
        RunResult run = Sims.runOnce(3, ctx -> {
            ctx.tasks().spawn("forgotten", () -> {
                ctx.time().sleep(Duration.ofSeconds(1));
                throw new IllegalStateException("lost in the background");
            });
            ctx.time().sleep(Duration.ofSeconds(2));
        });
        RunFailure failure = Sims.failureOf(run);
        assertEquals(FailureKind.EXCEPTION, failure.kind());
        assertEquals("task 'forgotten' (10.0.0.1)", failure.source());
        assertEquals(Phase.RUN, failure.phase());
        assertEquals(Duration.ofSeconds(1), failure.simTime());
        assertTrue(
                failure.message().contains("lost in the background")
                        && failure.message().contains("expectFailure"),
                failure.message());
        assertTrue(failure.stackTrace().contains("IllegalStateException"), failure.stackTrace());
    }

    @Test
    void aJoinedOrExpectedTaskFailureFailsNothingElse() {
        RunResult run = Sims.runOnce(3, ctx -> {
            TaskHandle<Void> joinedLater = ctx.tasks().spawn("joined-later", () -> {
                throw new IllegalStateException("seen");
            });
            ctx.tasks()
                    .spawn("expected", () -> {
                        throw new IllegalStateException("expected");
                    })
                    .expectFailure();
            ctx.time().sleep(Duration.ofSeconds(1));
            assertThrows(ExecutionException.class, joinedLater::join);
        });
        run.assertPassed();
    }

    @Test
    void tasksAWorkloadSpawnedRunOnThroughSettleAndCheck() {
        int[] beats = {0};
        int[] atEndOfRun = {0};
        SimulationBuilder.create()
                .workload(new io.moonpool.api.Workload() {
                    @Override
                    public void run(io.moonpool.api.SimContext ctx) throws Exception {
                        ctx.tasks().spawn("heartbeat", () -> {
                            while (true) {
                                ctx.time().sleep(Duration.ofMillis(100));
                                beats[0]++;
                            }
                        });
                        ctx.time().sleep(Duration.ofSeconds(1));
                        atEndOfRun[0] = beats[0];
                    }

                    @Override
                    public void check(io.moonpool.api.SimContext ctx) throws Exception {
                        ctx.time().sleep(Duration.ofSeconds(1));
                        assertTrue(beats[0] >= atEndOfRun[0] + 9, "the heartbeat stopped: " + beats[0] + " beats");
                    }
                })
                .seeds(1)
                .run()
                .assertPassed();
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
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> leaked[0].time().sleep(Duration.ofSeconds(1)));
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
        Thread.ofVirtual()
                .start(() -> report[0] = SimulationBuilder.create()
                        .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(1)))
                        .seeds(1)
                        .run())
                .join();
        report[0].assertPassed();
    }

    @Test
    void aFutureOfASubmissionThatShutdownNowStoppedBeforeItRanSaysCancelled() {
        inSimulation(ctx -> {
            ExecutorService executor = ctx.tasks().executor();
            Future<Integer> never = executor.submit(() -> 42);
            List<Runnable> notRun = executor.shutdownNow();
            assertThrows(java.util.concurrent.CancellationException.class, never::get);
            assertEquals(List.of(never), notRun);
        });
    }

    @Test
    void awaitTerminationWaitsForACancelledTaskToStop() {
        inSimulation(ctx -> {
            ExecutorService executor = ctx.tasks().executor();
            executor.execute(() -> {
                try {
                    ctx.time().sleep(Duration.ofDays(1));
                } catch (InterruptedException e) {
                    try {
                        ctx.time().sleep(Duration.ofMillis(100)); // cleaning up
                    } catch (InterruptedException again) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            ctx.time().sleep(Duration.ofMillis(1));
            executor.shutdownNow();
            assertFalse(executor.awaitTermination(50, TimeUnit.MILLISECONDS));
            assertTrue(executor.awaitTermination(1, TimeUnit.MINUTES));
        });
    }

    @Test
    void aJoinThatTimedOutBeforeTheTaskFailedDidNotSeeTheFailure() {
        RunResult run = Sims.runOnce(3, ctx -> {
            TaskHandle<Void> late = ctx.tasks().spawn("late", () -> {
                ctx.time().sleep(Duration.ofSeconds(2));
                throw new IllegalStateException("nobody saw this");
            });
            assertThrows(TimeoutException.class, () -> ctx.time().timeout(Duration.ofSeconds(1), late::join));
            ctx.time().sleep(Duration.ofSeconds(3));
        });
        assertTrue(
                Sims.failureOf(run).message().contains("nobody saw this"),
                Sims.failureOf(run).message());
    }

    @Test
    void timedInvokeAllWithANullTaskStartsNone() {
        inSimulation(ctx -> {
            int[] ran = {0};
            ExecutorService executor = ctx.tasks().executor();
            java.util.concurrent.Callable<Integer> counted = () -> ++ran[0];
            assertThrows(
                    NullPointerException.class,
                    () -> executor.invokeAll(java.util.Arrays.asList(counted, null), 1, TimeUnit.MINUTES));
            ctx.time().sleep(Duration.ofSeconds(1));
            assertEquals(0, ran[0]);
        });
    }
}
