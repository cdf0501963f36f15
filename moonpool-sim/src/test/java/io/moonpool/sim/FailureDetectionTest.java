package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.FailureKind;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the kernel detects on its own: each ends the run (not the JVM) with the seed and the task names.
 */
class FailureDetectionTest {

    @Test
    void threadSleepInATaskFailsTheRunAndSaysToUseSimulatedTime() {
        RunResult run = Sims.runOnce(7, ctx -> {
            ctx.tasks()
                    .spawn("napper", () -> {
                        Thread.sleep(10);
                        return null;
                    })
                    .join();
        });
        RunFailure failure = Sims.failureOf(run);
        assertEquals(FailureKind.REAL_TIME_WAIT, failure.kind());
        assertEquals("napper", failure.source());
        assertTrue(failure.message().contains("ctx.time()"), failure.message());
        assertTrue(
                failure.message().contains("Thread.sleep"), "the stack should show the culprit: " + failure.message());
    }

    @Test
    void aTimedJdkWaitFailsTheRun() {
        RunResult run = Sims.runOnce(7, ctx -> new ArrayBlockingQueue<Integer>(1).poll(1, TimeUnit.SECONDS));
        RunFailure failure = Sims.failureOf(run);
        assertEquals(FailureKind.REAL_TIME_WAIT, failure.kind());
        assertEquals("workload.run", failure.source());
    }

    @Test
    void aRealTimeParkWhoseTimerFiresAtOnceIsCaughtToo() {
        for (long seed = 1; seed <= 20; seed++) {
            RunResult run = Sims.runOnce(seed, ctx -> java.util.concurrent.locks.LockSupport.parkNanos(1));
            assertEquals(FailureKind.REAL_TIME_WAIT, Sims.failureOf(run).kind());
        }
    }

    @Test
    void aWakeUpFromAThreadOutsideTheSimulationFailsTheRun() {
        // made outside the simulation (a thread a task makes fails the seed as an ESCAPE at once), started inside
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicReference<Thread> waiter =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread outsider = new Thread(
                () -> {
                    while (waiter.get() == null || waiter.get().getState() != Thread.State.WAITING) {
                        Thread.onSpinWait();
                    }
                    answer.complete(42);
                },
                "outsider");
        outsider.setDaemon(true);
        RunResult run = Sims.runOnce(7, ctx -> {
            waiter.set(Thread.currentThread());
            outsider.start();
            answer.join();
        });
        RunFailure failure = Sims.failureOf(run);
        assertEquals(FailureKind.FOREIGN_WAKE, failure.kind());
        assertTrue(failure.message().contains("'outsider'"), failure.message());
        assertTrue(failure.message().contains("workload.run"), failure.message());
    }

    @Test
    void aDeadlockEndsTheRunNamingTheBlockedTasks() {
        RunResult run = Sims.runOnce(7, ctx -> {
            CountDownLatch never = new CountDownLatch(1);
            ctx.tasks().spawn("waiter-a", () -> {
                never.await();
                return null;
            });
            ctx.tasks().spawn("waiter-b", () -> {
                never.await();
                return null;
            });
            ctx.time().sleep(Duration.ofSeconds(5));
            never.await();
        });
        RunFailure failure = Sims.failureOf(run);
        assertEquals(FailureKind.DEADLOCK, failure.kind());
        assertEquals(Phase.RUN, failure.phase());
        assertEquals(Duration.ofSeconds(5), failure.simTime());
        for (String task : new String[] {"waiter-a", "waiter-b", "workload.run"}) {
            assertTrue(failure.message().contains("'" + task + "'"), failure.message());
        }
        assertTrue(failure.message().contains("CountDownLatch.await"), "stacks are shown: " + failure.message());
    }

    @Test
    void aTaskThatYieldsForeverIsReportedAsALivelock() {
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> {
                    ctx.tasks().spawn("spinner", () -> {
                        while (true) {
                            Thread.yield();
                        }
                    });
                    ctx.time().sleep(Duration.ofSeconds(1));
                })
                .maxStepsPerInstant(10_000)
                .seeds(3)
                .run();
        RunFailure failure = Sims.failureOf(report.runs().getFirst());
        assertEquals(FailureKind.LIVELOCK, failure.kind());
        assertTrue(failure.source().contains("spinner"), failure.source());
        assertEquals(Duration.ZERO, failure.simTime(), "time must not have advanced");
    }

    @Test
    void aVirtualThreadStartedWithoutTheTasksProviderFailsTheRun() {
        RunResult run = Sims.runOnce(7, ctx -> {
            try {
                Thread.ofVirtual().start(() -> {});
            } catch (java.util.concurrent.RejectedExecutionException expected) {
                // swallowing it must not hide the mistake
            }
        });
        RunFailure failure = Sims.failureOf(run);
        assertEquals(FailureKind.UNMANAGED_THREAD, failure.kind());
        assertTrue(failure.message().contains("ctx.tasks()"), failure.message());
    }

    @Test
    void anIterationThatOutrunsItsSimulatedTimeLimitFails() {
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> {
                    while (true) {
                        ctx.time().sleep(Duration.ofMinutes(1));
                    }
                })
                .maxSimulatedTime(Duration.ofHours(1))
                .seeds(1)
                .run();
        RunFailure failure = Sims.failureOf(report.runs().getFirst());
        assertEquals(FailureKind.TIME_LIMIT, failure.kind());
        assertTrue(failure.message().contains("maxSimulatedTime"), failure.message());
    }

    @Test
    void aFailingRunDoesNotStopTheNextIterations() {
        Workload flaky = new Workload() {
            @Override
            public void run(SimContext ctx) throws Exception {
                if (ctx.seed() % 2 == 0) {
                    Thread.sleep(1);
                }
                ctx.time().sleep(Duration.ofSeconds(1));
            }
        };
        SimulationReport report =
                SimulationBuilder.create().workload(flaky).seeds(1, 2, 3, 4, 5).run();
        assertFalse(report.passed());
        assertEquals(java.util.List.of(2L, 4L), report.failedSeeds());
        assertEquals(5, report.runs().size());
    }

    @Test
    void aDeadlockOnAMonitorHeldByAKilledTaskNamesTheOwnerAndThatItWasKilled() {
        // shared between a process and a workload, so that the workload outlives its holder; the test's own, so
        // that a monitor this test leaves held cannot block another
        Object shared = new Object();
        RunResult run = SimulationBuilder.create()
                .processes(1, () -> ctx -> {
                    synchronized (shared) {
                        ctx.time().sleep(Duration.ofDays(1));
                    }
                })
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(2));
                    synchronized (shared) {
                        ctx.time().sleep(Duration.ofMillis(1));
                    }
                })
                .faultInjector(new ScriptedInjector("crasher", ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    ctx.reboot(ctx.processIps().getFirst(), io.moonpool.api.fault.RebootKind.CRASH);
                }))
                .chaosDuration(Duration.ofMillis(1500))
                .seeds(3)
                .run()
                .runs()
                .getFirst();
        RunFailure failure = Sims.failureOf(run);
        assertTrue(
                failure.kind() == FailureKind.DEADLOCK || failure.kind() == FailureKind.TIME_LIMIT, failure.summary());
        assertTrue(
                failure.message()
                        .contains("'workload.run' blocked entering a synchronized block on a"
                                + " java.lang.Object held by task '10.0.1.1', which was killed at simulated time PT1S"),
                failure.message());
    }

    @Test
    void joiningAPlatformThreadFailsTheSameWayInEverySeedNamingTheThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> started = new java.util.ArrayList<>();
        try {
            for (long seed = 1; seed <= 5; seed++) {
                // made outside the simulation (a thread a task makes is an ESCAPE at once), started and joined inside
                Thread worker = Thread.ofPlatform().name("slow-worker").unstarted(() -> {
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                started.add(worker);
                RunResult run = Sims.runOnce(seed, ctx -> {
                    worker.start();
                    worker.join();
                });
                RunFailure failure = Sims.failureOf(run);
                assertEquals(FailureKind.FOREIGN_WAKE, failure.kind(), failure.summary());
                assertTrue(
                        failure.message().contains("joined platform thread 'slow-worker' with Thread.join"),
                        failure.message());
            }
        } finally {
            release.countDown();
            for (Thread t : started) {
                t.join(60_000);
            }
        }
    }

    @Test
    void manyTasksRunnableAtOneInstantAreNamedInTheLivelockReportWithTheWayToRaiseTheLimit() {
        RunResult run = SimulationBuilder.create()
                .workload(ctx -> {
                    for (int i = 0; i < 3_000; i++) {
                        ctx.tasks().spawn("quick-" + i, () -> 1);
                    }
                    ctx.time().sleep(Duration.ofSeconds(1));
                })
                .maxStepsPerInstant(1_000)
                .seeds(1)
                .run()
                .runs()
                .getFirst();
        RunFailure failure = Sims.failureOf(run);
        assertEquals(FailureKind.LIVELOCK, failure.kind());
        assertTrue(failure.message().contains("'quick-"), failure.message());
        assertTrue(failure.message().contains("maxStepsPerInstant(n)"), failure.message());
        assertFalse(failure.source().isEmpty() || failure.source().equals("kernel"), failure.source());
    }
}
