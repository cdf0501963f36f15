package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Assertions;
import io.moonpool.api.FailureKind;
import io.moonpool.api.spi.AssertionSink.Kind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The assertions count; an always-like violation fails its seed; an unsatisfied sometimes is a coverage failure. */
class AssertionsTest {

    private static AssertionResult find(SimulationReport report, String message) {
        return report.assertions().stream()
                .filter(a -> a.message().equals(message))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no assertion '" + message + "' in " + report.assertions()));
    }

    @Test
    void aFalseAlwaysFailsItsSeedNamingTheCallSiteTimeNodeAndTaskAndTheIterationGoesOn() {
        boolean[] after = {false};
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    Assertions.always(1 + 1 == 3, "arithmetic holds");
                    after[0] = true;
                    Assertions.sometimes(true, "the run went on");
                })
                .seeds(7)
                .run();
        RunFailure failure = report.runs().getFirst().failure().orElseThrow();
        assertEquals(FailureKind.ASSERTION, failure.kind());
        assertEquals("assertion 'arithmetic holds'", failure.source());
        assertTrue(failure.message().contains("AssertionsTest.lambda$"), failure.message());
        assertTrue(failure.message().contains("AssertionsTest.java:"), failure.message());
        assertTrue(failure.message().contains("simulated time PT1S"), failure.message());
        assertTrue(failure.message().contains("10.0.0.1"), failure.message());
        assertTrue(failure.message().contains("task 'workload.run'"), failure.message());
        assertTrue(failure.message().contains("seed 7"), failure.message());
        assertTrue(after[0], "the iteration must go on after a violation");
        AssertionResult always = find(report, "arithmetic holds");
        assertEquals(List.of(7L), always.seedsViolated());
        assertEquals(1, always.checks());
        assertEquals(0, always.trues());
        assertTrue(find(report, "the run went on").satisfied());
        assertFalse(report.passed());
    }

    @Test
    void stopOnFirstViolationEndsTheIterationAtOnce() {
        boolean[] after = {false};
        SimulationBuilder.create()
                .workload(ctx -> {
                    Assertions.unreachable("never here");
                    ctx.time().sleep(Duration.ofSeconds(1));
                    after[0] = true;
                })
                .stopOnFirstViolation(true)
                .seeds(1)
                .run();
        assertFalse(after[0], "the iteration went on past the first violation");
    }

    @Test
    void aSometimesNeverTrueIsACoverageFailureUnlessCoverageIsNotRequired() {
        SimulationReport strict = SimulationBuilder.create()
                .workload(ctx -> Assertions.sometimes(false, "a rare thing happens"))
                .seeds(1, 2, 3)
                .run();
        assertTrue(strict.failedSeeds().isEmpty(), "coverage is not a seed failure");
        assertFalse(strict.passed());
        assertEquals(1, strict.coverageFailures().size());
        assertEquals(3, strict.coverageFailures().getFirst().checks());
        assertTrue(strict.toString().contains("never satisfied"), strict.toString());
        SimulationReport lenient = SimulationBuilder.create()
                .workload(ctx -> Assertions.sometimes(false, "a rare thing happens"))
                .requireCoverage(false)
                .seeds(1)
                .run();
        assertTrue(lenient.passed());
        assertEquals(1, lenient.coverageFailures().size(), "still reported, as a warning");
    }

    @Test
    void anExpectedAssertionWhoseCodeNeverRanIsACoverageFailure() {
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> Assertions.reachable("the common path"))
                .expect("the common path", "the failover path")
                .seeds(1)
                .run();
        assertFalse(report.passed());
        assertEquals(
                List.of("the failover path"),
                report.coverageFailures().stream().map(AssertionResult::message).toList());
        assertTrue(find(report, "the common path").satisfied());
    }

    @Test
    void numericForms() {
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> {
                    for (int i = 0; i < 10; i++) {
                        Assertions.alwaysLessThan(i, 100, "i stays small");
                        Assertions.sometimesGreaterThan(i, 50, "i gets big");
                        Assertions.alwaysGreaterThanOrEqual(i, 5, "i is at least 5");
                    }
                })
                .requireCoverage(false)
                .seeds(1)
                .run();
        assertTrue(find(report, "i stays small").satisfied());
        AssertionResult big = find(report, "i gets big");
        assertFalse(big.satisfied());
        assertEquals(9.0, big.best().orElseThrow(), "the closest it came");
        assertEquals(List.of(1L), find(report, "i is at least 5").seedsViolated());
        assertEquals(5, find(report, "i is at least 5").trues());
    }

    @Test
    void sometimesAllKeepsTheMostAtOnceAndSometimesEachCountsBuckets() {
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> {
                    for (int i = 0; i < 6; i++) {
                        Map<String, Boolean> conditions = new LinkedHashMap<>();
                        conditions.put("even", i % 2 == 0);
                        conditions.put("small", i < 3);
                        conditions.put("three", i == 3);
                        Assertions.sometimesAll("all at once", conditions);
                        Assertions.sometimesEach("parity", i % 2 == 0 ? "even" : "odd");
                    }
                })
                .requireCoverage(false)
                .seeds(1)
                .run();
        AssertionResult all = find(report, "all at once");
        assertEquals(Kind.SOMETIMES_ALL, all.kind());
        assertFalse(all.satisfied());
        assertEquals(2.0, all.best().orElseThrow());
        assertEquals(Map.of("even", 3L, "odd", 3L), find(report, "parity").buckets());
        assertTrue(find(report, "parity").satisfied());
    }

    @Test
    void outsideASimulationEveryCallIsANoOp() {
        Assertions.always(false, "outside");
        Assertions.unreachable("outside");
        Assertions.sometimesEach("outside", 1);
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> Assertions.reachable("inside"))
                .seeds(1)
                .run();
        assertEquals(
                List.of("inside"),
                report.assertions().stream().map(AssertionResult::message).toList());
    }

    @Test
    void twoSimulationsOnTwoThreadsKeepTheirAssertionsApart() throws Exception {
        SimulationReport[] reports = new SimulationReport[2];
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int me = t;
            threads[t] = Thread.ofPlatform()
                    .start(() -> reports[me] = SimulationBuilder.create()
                            .workload(ctx -> {
                                for (int i = 0; i < 200; i++) {
                                    Assertions.sometimesEach("thread", me);
                                    ctx.time().sleep(Duration.ofMillis(1));
                                }
                            })
                            .seeds(1, 2)
                            .run());
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        for (int t = 0; t < 2; t++) {
            assertEquals(
                    Map.of(String.valueOf(t), 400L), find(reports[t], "thread").buckets());
        }
    }
}
