package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Assertions;
import io.moonpool.api.ConfigurationException;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code untilCoverage(max)}: runs seeds until every sometimes-like assertion is satisfied and no new site or
 * bucket appeared for the plateau's seeds, at most {@code max}; the report says what stopped the run.
 */
class CoverageDrivenRunTest {

    /** A workload that knows which iteration of the run it is in (the instance is shared by every iteration). */
    private abstract static class Counting implements Workload {
        private int iteration;

        @Override
        public final void run(SimContext ctx) {
            iteration++;
            inIteration(ctx, iteration);
        }

        abstract void inIteration(SimContext ctx, int n);
    }

    private static Counting counting(java.util.function.BiConsumer<SimContext, Integer> body) {
        return new Counting() {
            @Override
            void inIteration(SimContext ctx, int n) {
                body.accept(ctx, n);
            }
        };
    }

    @Test
    void stopsAtThePlateauOnceEverythingIsSatisfied() {
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> Assertions.sometimes(true, "the common path"))
                .untilCoverage(1_000)
                .plateau(5)
                .run();
        // the first seed adds the site; five more add nothing new
        assertEquals(6, report.runs().size());
        assertEquals(StopReason.COVERAGE_PLATEAU, report.stopReason());
        assertTrue(report.passed(), report::toString);
        assertTrue(report.toString().contains("stopped:     COVERAGE_PLATEAU"), report.toString());
    }

    @Test
    void theDefaultPlateauIsAHundredSeeds() {
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> Assertions.reachable("here"))
                .untilCoverage(1_000)
                .run();
        assertEquals(SimulationBuilder.DEFAULT_PLATEAU + 1, report.runs().size());
        assertEquals(StopReason.COVERAGE_PLATEAU, report.stopReason());
    }

    @Test
    void keepsGoingWhileARareSometimesIsUnsatisfiedAndStopsWhenItIsHit() {
        SimulationReport report = SimulationBuilder.create()
                .workload(counting((ctx, n) -> Assertions.sometimes(n == 30, "the thirtieth seed")))
                .untilCoverage(1_000)
                .plateau(5)
                .run();
        // nothing new appeared since the first seed, so the plateau is met the moment the assertion is
        assertEquals(30, report.runs().size());
        assertEquals(StopReason.COVERAGE_PLATEAU, report.stopReason());
        assertTrue(report.passed(), report::toString);
    }

    @Test
    void aRareRandomSometimesIsFoundAndTheSameBaseSeedStopsAtTheSameIteration() {
        List<Integer> hits = new java.util.ArrayList<>();
        Supplier<SimulationReport> run = () -> SimulationBuilder.create()
                .baseSeed(20_261_201L)
                .workload(counting((ctx, n) -> {
                    boolean rare = ctx.random().nextInt(200) == 0;
                    if (rare) {
                        hits.add(n);
                    }
                    Assertions.sometimes(rare, "a one in two hundred draw");
                }))
                .untilCoverage(10_000)
                .plateau(10)
                .run();
        SimulationReport first = run.get();
        List<Integer> firstHits = List.copyOf(hits);
        hits.clear();
        SimulationReport again = run.get();
        assertEquals(StopReason.COVERAGE_PLATEAU, first.stopReason(), first::toString);
        assertTrue(first.passed(), first::toString);
        assertEquals(1, firstHits.size(), "the run stops at the seed that satisfies it: " + firstHits);
        assertEquals(firstHits.getFirst(), first.runs().size());
        assertTrue(first.runs().size() > 11, "the draw was hit after the plateau, in seed " + firstHits);
        assertEquals(firstHits, hits);
        assertEquals(
                first.runs().stream().map(RunResult::seed).toList(),
                again.runs().stream().map(RunResult::seed).toList());
    }

    @Test
    void aNeverSatisfiableSometimesRunsToTheCapAndFailsCoverage() {
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> Assertions.sometimes(false, "an impossible thing"))
                .untilCoverage(25)
                .plateau(5)
                .run();
        assertEquals(25, report.runs().size());
        assertEquals(StopReason.MAX_ITERATIONS, report.stopReason());
        assertTrue(report.failedSeeds().isEmpty(), "coverage is not a seed failure");
        assertFalse(report.passed(), "the cap with an unsatisfied assertion is never a silent pass");
        assertEquals(
                List.of("an impossible thing"),
                report.coverageFailures().stream().map(AssertionResult::message).toList());
        assertTrue(report.toString().contains("stopped:     MAX_ITERATIONS"), report.toString());
        assertTrue(report.toString().contains("after untilCoverage's cap of 25 iteration(s)"), report.toString());
        AssertionError e = assertThrows(AssertionError.class, report::assertPassed);
        assertTrue(e.getMessage().contains("an impossible thing"), e.getMessage());
    }

    @Test
    void anExpectedAssertionWhoseCodeNeverRunsKeepsTheRunGoingToTheCap() {
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> Assertions.reachable("the common path"))
                .expect("the failover path")
                .untilCoverage(20)
                .plateau(3)
                .run();
        assertEquals(20, report.runs().size());
        assertEquals(StopReason.MAX_ITERATIONS, report.stopReason());
        assertFalse(report.passed());
        assertEquals(
                List.of("the failover path"),
                report.coverageFailures().stream().map(AssertionResult::message).toList());
    }

    @Test
    void anExpectedAssertionReachedLateEndsTheRunAtThePlateau() {
        SimulationReport report = SimulationBuilder.create()
                .workload(counting((ctx, n) -> {
                    if (n >= 12) {
                        Assertions.reachable("the failover path");
                    }
                }))
                .expect("the failover path")
                .untilCoverage(100)
                .plateau(3)
                .run();
        // seen first at seed 12 (the shape grows), then three seeds with nothing new
        assertEquals(15, report.runs().size());
        assertEquals(StopReason.COVERAGE_PLATEAU, report.stopReason());
        assertTrue(report.passed(), report::toString);
    }

    @Test
    void newSometimesEachBucketsExtendTheRun() {
        SimulationReport fixed = SimulationBuilder.create()
                .workload(ctx -> Assertions.sometimesEach("leader", "10.0.1.1"))
                .untilCoverage(100)
                .plateau(5)
                .run();
        assertEquals(6, fixed.runs().size());
        // a new bucket in each of the first ten seeds, then the same one
        SimulationReport growing = SimulationBuilder.create()
                .workload(counting((ctx, n) -> Assertions.sometimesEach("leader", "node-" + Math.min(n, 10))))
                .untilCoverage(100)
                .plateau(5)
                .run();
        assertEquals(15, growing.runs().size());
        assertEquals(StopReason.COVERAGE_PLATEAU, growing.stopReason());
        assertEquals(10, growing.assertions().getFirst().buckets().size());
    }

    @Test
    void aNewAssertionSiteResetsThePlateau() {
        SimulationReport report = SimulationBuilder.create()
                .workload(counting((ctx, n) -> {
                    Assertions.reachable("every seed");
                    if (n == 4) {
                        Assertions.sometimes(true, "only in the fourth seed");
                    }
                }))
                .untilCoverage(100)
                .plateau(5)
                .run();
        assertEquals(9, report.runs().size());
        assertEquals(StopReason.COVERAGE_PLATEAU, report.stopReason());
    }

    @Test
    void aFailingSeedDoesNotStopTheRun() {
        SimulationReport report = SimulationBuilder.create()
                .workload(counting((ctx, n) -> {
                    Assertions.always(n != 2, "not the second seed");
                    Assertions.sometimes(true, "ran");
                }))
                .untilCoverage(100)
                .plateau(4)
                .run();
        assertEquals(5, report.runs().size());
        assertEquals(StopReason.COVERAGE_PLATEAU, report.stopReason());
        assertEquals(1, report.failedSeeds().size());
        assertEquals(report.runs().get(1).seed(), report.failedSeeds().getFirst());
        assertFalse(report.passed());
    }

    @Test
    void theTimeLimitStillStopsACoverageDrivenRun() {
        // a budget of one nanosecond is spent by the first iteration, which always runs
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> Assertions.sometimes(false, "an impossible thing"))
                .untilCoverage(1_000)
                .timeLimit(Duration.ofNanos(1))
                .run();
        assertEquals(1, report.runs().size());
        assertEquals(StopReason.TIME_LIMIT, report.stopReason());
        assertFalse(report.passed(), "the time limit with an unsatisfied assertion is a coverage failure");
        assertTrue(report.toString().contains("when the time limit stopped the run"), report.toString());
    }

    @Test
    void otherRunsSayWhyTheyStopped() {
        assertEquals(
                StopReason.ITERATIONS_DONE,
                SimulationBuilder.create().workload(ctx -> {}).run().stopReason());
        assertEquals(
                StopReason.ITERATIONS_DONE,
                SimulationBuilder.create()
                        .workload(ctx -> {})
                        .iterations(3)
                        .run()
                        .stopReason());
        SimulationReport seeds =
                SimulationBuilder.create().workload(ctx -> {}).seeds(1, 2).run();
        assertEquals(StopReason.ITERATIONS_DONE, seeds.stopReason());
        assertTrue(seeds.toString().contains("stopped:     ITERATIONS_DONE"), seeds.toString());
        assertEquals(
                StopReason.TIME_LIMIT,
                SimulationBuilder.create()
                        .workload(ctx -> {})
                        .timeLimit(Duration.ofNanos(1))
                        .run()
                        .stopReason());
    }

    @Test
    void badValuesAreRejectedInRunNamingTheFix() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .workload(ctx -> {})
                        .untilCoverage(0)
                        .plateau(0)
                        .run());
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(
                e.getMessage().contains("untilCoverage(maxIterations) needs maxIterations >= 1, was 0"),
                e.getMessage());
        assertTrue(e.getMessage().contains("plateau must be at least 1, was 0"), e.getMessage());
    }

    @Test
    void aPlateauWithoutUntilCoverageIsRejected() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .workload(ctx -> {})
                        .iterations(5)
                        .plateau(10)
                        .run());
        assertEquals(
                List.of("plateau(10) only applies to a coverage-driven run: add .untilCoverage(maxIterations), or"
                        + " remove .plateau(n)"),
                e.problems());
    }

    @Test
    void aPlateauThatCannotBeReachedBelowTheCapIsRejected() {
        ConfigurationException byDefault = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .workload(ctx -> {})
                        .untilCoverage(50)
                        .run());
        assertTrue(byDefault.getMessage().contains("plateau (100, the default) must be below"), byDefault.getMessage());
        ConfigurationException explicit = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .workload(ctx -> {})
                        .untilCoverage(10)
                        .plateau(10)
                        .run());
        assertTrue(
                explicit.getMessage().contains("plateau (10) must be below untilCoverage's maxIterations (10)"),
                explicit.getMessage());
    }

    @Test
    void untilCoverageCannotBeCombinedWithIterationsAndExplicitSeedsWinOverIt() {
        ConfigurationException withIterations = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .workload(ctx -> {})
                        .untilCoverage(500)
                        .iterations(10)
                        .run());
        assertEquals(1, withIterations.problems().size(), withIterations.getMessage());
        assertTrue(
                withIterations.getMessage().contains("cannot be combined with iterations(n)"),
                withIterations.getMessage());
        SimulationReport withSeeds = SimulationBuilder.create()
                .workload(ctx -> {})
                .untilCoverage(500)
                .seeds(1, 2)
                .run();
        assertEquals(2, withSeeds.runs().size());
        assertEquals(StopReason.ITERATIONS_DONE, withSeeds.stopReason());
    }
}
