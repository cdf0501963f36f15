package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.FailureKind;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Work that leaves the simulation for threads it does not schedule fails the seed at the end of the step that
 * did it, in every run, with a message naming the task, the call and the fix: no second run needed.
 */
class EscapeDetectionTest {

    private static final long[] SEEDS = {1, 2, 3, 4, 5, 6, 7, 8};
    /** Lets the planted threads end once the test is over. */
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    @AfterAll
    static void releaseThePlantedThreads() {
        RELEASE.countDown();
    }

    /** Runs the planted workload for every seed, twice over, and returns every failure: one per run. */
    private static List<RunFailure> everyRunFails(Workload workload) {
        List<RunFailure> failures = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            SimulationReport report = SimulationBuilder.create()
                    .workload(workload)
                    .seeds(SEEDS)
                    .verifyFailures(false)
                    .run();
            for (RunResult run : report.runs()) {
                RunFailure f = Sims.failureOf(run);
                assertEquals(FailureKind.ESCAPE, f.kind(), "seed " + run.seed() + ": " + f.summary());
                failures.add(f);
            }
        }
        assertEquals(2 * SEEDS.length, failures.size());
        return failures;
    }

    private static void awaitRelease() {
        try {
            RELEASE.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aPlatformThreadStartedByATaskFailsEverySeedNamingTheTaskTheThreadAndWhereItWasCreated() {
        for (RunFailure f : everyRunFails(ctx -> {
            ctx.time().sleep(Duration.ofMillis(5));
            ctx.tasks()
                    .spawn("starter", () -> {
                        CompletableFuture<Integer> answer = new CompletableFuture<>();
                        new Thread(
                                        () -> {
                                            answer.complete(42);
                                            awaitRelease();
                                        },
                                        "rogue-thread")
                                .start();
                        return answer.join();
                    })
                    .join();
        })) {
            assertEquals("starter", f.source());
            assertEquals(Phase.RUN, f.phase());
            assertEquals(Duration.ofMillis(5), f.simTime());
            assertTrue(f.message().contains("task 'starter'"), f.message());
            assertTrue(f.message().contains("created a platform thread ('rogue-thread')"), f.message());
            assertTrue(f.message().contains("ctx.tasks().spawn(name, body)"), f.message());
            assertTrue(f.message().contains("ctx.time()") && f.message().contains("ctx.random()"), f.message());
            String site = f.message().substring(f.message().indexOf("created at:"));
            assertTrue(
                    site.lines().skip(1).findFirst().orElse("").contains("EscapeDetectionTest.lambda$aPlatformThread"),
                    "the creating line comes first: " + f.message());
        }
    }

    @Test
    void anExecutorsPoolMakingItsThreadsFromATaskFailsEverySeed() {
        for (RunFailure f : everyRunFails(ctx -> {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                pool.submit(() -> 1).get();
            } finally {
                pool.shutdown();
            }
        })) {
            assertEquals("workload.run", f.source());
            // the pool's thread may be gone by the step's end: the name is best effort, the creating call is not
            assertTrue(f.message().contains("created a platform thread"), f.message());
            assertTrue(
                    f.message().contains("at java.base/java.util.concurrent.Executors$DefaultThreadFactory"),
                    f.message());
        }
    }

    @Test
    void supplyAsyncWithoutAnExecutorFailsEverySeedNamingTheCommonPoolAndTheFix() {
        for (RunFailure f : everyRunFails(ctx -> {
            int answer = CompletableFuture.supplyAsync(() -> 42).join();
            ctx.time().sleep(Duration.ofSeconds(answer)); // never reached: the step that submitted fails
        })) {
            assertEquals("workload.run", f.source());
            assertEquals(Duration.ZERO, f.simTime());
            assertTrue(f.message().contains("submitted work to ForkJoinPool.commonPool()"), f.message());
            assertTrue(
                    f.message().contains("CompletableFuture.supplyAsync(supplier, ctx.tasks().executor())"),
                    f.message());
        }
    }

    @Test
    void aFireAndForgetRunAsyncFailsEverySeedToo() {
        for (RunFailure f : everyRunFails(ctx -> {
            ctx.tasks()
                    .spawn("notifier", () -> {
                        CompletableFuture.runAsync(() -> {});
                        return null;
                    })
                    .join();
        })) {
            assertEquals("notifier", f.source());
            assertTrue(f.message().contains("submitted work to ForkJoinPool.commonPool()"), f.message());
        }
    }

    @Test
    void aParallelStreamWhosePiecesThePoolRunsFailsEverySeed() {
        for (RunFailure f : everyRunFails(ctx -> {
            // one piece waits for another: whichever waits, a pool thread must run some piece
            CountDownLatch other = new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicInteger pieces = new java.util.concurrent.atomic.AtomicInteger();
            IntStream.range(0, 8).parallel().forEach(i -> {
                if (pieces.getAndIncrement() == 0) {
                    try {
                        other.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else {
                    other.countDown();
                }
            });
        })) {
            assertEquals("workload.run", f.source());
            assertTrue(f.message().contains("ForkJoinPool.commonPool()"), f.message());
            assertTrue(f.message().contains("sequential stream"), f.message());
        }
    }

    @Test
    void whatEscapedInOneSeedDoesNotFailTheNext() {
        // odd seeds leave a platform thread and common-pool work running past their end; even seeds escape nothing
        long[] seeds = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> {
                    if (ctx.seed() % 2 == 1) {
                        Thread.ofPlatform().daemon().start(EscapeDetectionTest::awaitRelease);
                        CompletableFuture.runAsync(() -> {
                            long until = System.nanoTime() + 20_000_000;
                            while (System.nanoTime() < until) {
                                Thread.onSpinWait();
                            }
                        });
                    }
                    ctx.time().sleep(Duration.ofMillis(10));
                })
                .seeds(seeds)
                .verifyFailures(false)
                .run();
        for (RunResult run : report.runs()) {
            if (run.seed() % 2 == 1) {
                assertEquals(FailureKind.ESCAPE, Sims.failureOf(run).kind());
            } else {
                assertTrue(
                        run.failure().isEmpty(),
                        () -> run.seed() + ": " + run.failure().get().summary());
            }
        }
    }

    @Test
    void workThatKeepsResubmittingItselfAfterItsSeedFailedBlamesNoLaterSeed() {
        // seed 1 starts a polling loop on the common pool that outlives it; seeds 2 to 6 escape nothing
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            SimulationReport report = SimulationBuilder.create()
                    .workload(ctx -> {
                        if (ctx.seed() == 1) {
                            Runnable[] poll = new Runnable[1];
                            poll[0] = () -> {
                                if (!stop.get()) {
                                    CompletableFuture.runAsync(
                                            poll[0], CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS));
                                } else {
                                    stopped.countDown();
                                }
                            };
                            CompletableFuture.runAsync(poll[0]);
                        }
                        ctx.time().sleep(Duration.ofMillis(10));
                    })
                    .seeds(1, 2, 3, 4, 5, 6)
                    .verifyFailures(false)
                    .run();
            assertEquals(
                    FailureKind.ESCAPE, Sims.failureOf(report.runs().getFirst()).kind());
            for (RunResult run : report.runs().subList(1, report.runs().size())) {
                assertTrue(
                        run.failure().isEmpty(),
                        () -> run.seed() + ": " + run.failure().get().summary());
            }
        } finally {
            // the loop's last turn, then the pool quiet: the next test starts with nothing of this one running
            stop.set(true);
            try {
                stopped.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            java.util.concurrent.ForkJoinPool.commonPool().awaitQuiescence(2, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCleanProgramWithThreadsOfItsOwnKindPassesEverySeed() {
        long[] seeds = new long[200];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = 1000 + i;
        }
        SimulationReport report = SimulationBuilder.create()
                .workload(EscapeDetectionTest::cleanWork)
                .seeds(seeds)
                .run();
        assertTrue(report.passed(), report::toString);
    }

    /** Concurrency the simulation schedules: tasks, its executor, futures on it, monitors, sequential streams. */
    private static void cleanWork(SimContext ctx) throws Exception {
        ExecutorService executor = ctx.tasks().executor();
        Object lock = new Object();
        int[] counter = {0};
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            futures.add(CompletableFuture.supplyAsync(
                    () -> {
                        synchronized (lock) {
                            counter[0]++;
                        }
                        return IntStream.range(0, 100).map(x -> x * n).sum();
                    },
                    executor));
        }
        var handle = ctx.tasks().spawn("sleeper", () -> {
            ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(1, 10)));
            return 1;
        });
        int total = 0;
        for (CompletableFuture<Integer> f : futures) {
            total += f.thenApplyAsync(x -> x + 1, executor).join();
        }
        total += handle.join();
        if (counter[0] != 4 || total != 4 * 1 + 0 + 4950 + 9900 + 14850 + 1) {
            throw new AssertionError("counter " + counter[0] + ", total " + total);
        }
    }
}
