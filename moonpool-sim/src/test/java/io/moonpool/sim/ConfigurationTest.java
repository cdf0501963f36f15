package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.Workload;
import io.moonpool.api.config.ConfigurationProblems;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad configuration fails in run() with every problem named. */
class ConfigurationTest {

    @Test
    void noWorkloadIsRejected() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class, () -> SimulationBuilder.create().run());
        assertEquals(List.of("no workload: add at least one with .workload(w)"), e.problems());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .iterations(0)
                        .timeLimit(Duration.ofSeconds(-1))
                        .maxSimulatedTime(Duration.ZERO)
                        .maxStepsPerInstant(0)
                        .run());
        assertEquals(5, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("no workload"), e.getMessage());
        assertTrue(e.getMessage().contains("iterations must be at least 1, was 0"), e.getMessage());
        assertTrue(e.getMessage().contains("timeLimit must be positive"), e.getMessage());
        assertTrue(e.getMessage().contains("maxSimulatedTime must be positive"), e.getMessage());
        assertTrue(e.getMessage().contains("maxStepsPerInstant must be at least 1"), e.getMessage());
    }

    @Test
    void aFixedBaseSeedPicksTheSameSeedsEveryTimeAndExplicitSeedsWinOverIt() {
        List<Long> first =
                SimulationBuilder.create().workload(ctx -> {}).baseSeed(77).iterations(3).run().runs().stream()
                        .map(RunResult::seed)
                        .toList();
        SimulationReport again = SimulationBuilder.create()
                .workload(ctx -> {})
                .baseSeed(77)
                .iterations(3)
                .run();
        assertEquals(77, again.baseSeed());
        assertEquals(first, again.runs().stream().map(RunResult::seed).toList());
        SimulationReport seeded = SimulationBuilder.create()
                .workload(ctx -> {})
                .seeds(1)
                .baseSeed(2)
                .run();
        assertEquals(List.of(1L), seeded.runs().stream().map(RunResult::seed).toList());
    }

    @Test
    void explicitSeedsWinOverIterationsTimeLimitAndUntilCoverageSoTheReplayCallWorksAsGiven() {
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> {})
                .iterations(50)
                .timeLimit(Duration.ofMinutes(5))
                .seeds(7, 3)
                .run();
        assertEquals(
                List.of(7L, 3L), report.runs().stream().map(RunResult::seed).toList());
        SimulationReport coverage = SimulationBuilder.create()
                .workload(ctx -> {})
                .untilCoverage(500)
                .plateau(10)
                .seeds(9)
                .run();
        assertEquals(List.of(9L), coverage.runs().stream().map(RunResult::seed).toList());
        ConfigurationException empty = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create().workload(ctx -> {}).seeds().run());
        assertTrue(empty.getMessage().contains("no seed"), empty.getMessage());
    }

    @Test
    void theSeedPropertyReplaysExactlyThatSeedOverridingEveryOtherChoice() {
        withProperty(SimulationBuilder.SEED_PROPERTY, "1234", () -> {
            for (UnaryOperator<SimulationBuilder> config : List.<UnaryOperator<SimulationBuilder>>of(
                    b -> b.iterations(5),
                    b -> b.seeds(1, 2, 3),
                    b -> b.untilCoverage(500).plateau(10),
                    b -> b.timeLimit(Duration.ofMinutes(1)).baseSeed(8))) {
                SimulationReport report = config.apply(
                                SimulationBuilder.create().workload(new ChattyWorkload()))
                        .run();
                assertEquals(
                        List.of(1234L),
                        report.runs().stream().map(RunResult::seed).toList());
            }
            SimulationReport replay =
                    SimulationBuilder.create().workload(new ChattyWorkload()).run();
            SimulationReport again = SimulationBuilder.create()
                    .workload(new ChattyWorkload())
                    .seeds(1234)
                    .run();
            assertEquals(
                    again.runs().getFirst().traceHash(),
                    replay.runs().getFirst().traceHash());
            assertTrue(replay.toString().contains("seeds:       given explicitly"), replay.toString());
        });
        withProperty(
                SimulationBuilder.SEED_PROPERTY,
                " ",
                () -> SimulationBuilder.create()
                        .workload(ctx -> {})
                        .iterations(2)
                        .run()
                        .assertPassed()); // blank means unset
        withProperty(
                SimulationBuilder.SEED_PROPERTY,
                "0x10",
                () -> assertEquals(
                        List.of(16L),
                        SimulationBuilder.create().workload(ctx -> {}).run().runs().stream()
                                .map(RunResult::seed)
                                .toList()));
        withProperty(SimulationBuilder.SEED_PROPERTY, "not-a-number", () -> {
            ConfigurationException e = assertThrows(
                    ConfigurationException.class,
                    () -> SimulationBuilder.create().workload(ctx -> {}).run());
            assertTrue(e.getMessage().contains("moonpool.seed=not-a-number"), e.getMessage());
            assertTrue(e.getMessage().contains("e.g. -Dmoonpool.seed=12345"), e.getMessage());
        });
    }

    @Test
    void theIterationsPropertySetsTheCountButNotOfExplicitSeeds() {
        withProperty(SimulationBuilder.ITERATIONS_PROPERTY, "4", () -> {
            assertEquals(
                    4,
                    SimulationBuilder.create()
                            .workload(ctx -> {})
                            .iterations(100)
                            .baseSeed(3)
                            .run()
                            .runs()
                            .size());
            assertEquals(
                    4,
                    SimulationBuilder.create().workload(ctx -> {}).run().runs().size());
            assertEquals(
                    1,
                    SimulationBuilder.create()
                            .workload(ctx -> {})
                            .seeds(5)
                            .run()
                            .runs()
                            .size());
        });
        for (String bad : List.of("zero", "0", "-3", "99999999999")) {
            withProperty(SimulationBuilder.ITERATIONS_PROPERTY, bad, () -> {
                ConfigurationException e = assertThrows(
                        ConfigurationException.class,
                        () -> SimulationBuilder.create().workload(ctx -> {}).run());
                assertTrue(e.getMessage().contains("moonpool.iterations=" + bad), e.getMessage());
                assertTrue(e.getMessage().contains("e.g. -Dmoonpool.iterations=10000"), e.getMessage());
            });
        }
    }

    @Test
    void theReportNamesBothWaysToReplayAFailingSeedAndTheBaseSeedCallToRerunAll() {
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> io.moonpool.api.Assertions.always(ctx.random().nextInt(2) == 0, "heads"))
                .baseSeed(11)
                .iterations(8)
                .requireCoverage(false)
                .verifyFailures(false)
                .run();
        long failed = report.failedSeeds().getFirst();
        String text = report.toString();
        assertTrue(text.contains("replay: -Dmoonpool.seed=" + failed + " / .seeds(" + failed + "L)"), text);
        assertTrue(text.contains("(rerun all: .baseSeed(11L))"), text);
        assertEquals("-Dmoonpool.seed=" + failed + " / .seeds(" + failed + "L)", SimulationReport.replayLine(failed));
    }

    @Test
    void aProgressListenerSeesEveryIterationOfTheBatch() {
        List<Progress> seen = new java.util.ArrayList<>();
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> {
                    io.moonpool.api.Assertions.sometimes(true, "always true");
                    io.moonpool.api.Assertions.always(ctx.random().nextInt(2) == 0, "heads");
                })
                .baseSeed(11)
                .iterations(6)
                .verifyFailures(false)
                .progress(seen::add)
                .run();
        assertEquals(
                List.of(1L, 2L, 3L, 4L, 5L, 6L),
                seen.stream().map(Progress::iterations).toList());
        assertEquals(report.failedSeeds().size(), seen.getLast().failures());
        assertEquals(2, seen.getLast().assertions());
        assertEquals(0, seen.getLast().unsatisfied());
    }

    /** Runs the body with a system property set, restoring it after. */
    @Test
    void theBaseSeedPropertyFixesTheSeedSequenceAndABadOneIsRejected() {
        SimulationBuilder b = SimulationBuilder.create().workload(ctx -> {}).iterations(3);
        long[] fromCode =
                b.baseSeed(77).run().runs().stream().mapToLong(RunResult::seed).toArray();
        withProperty(SimulationBuilder.BASE_SEED_PROPERTY, "77", () -> {
            SimulationBuilder other =
                    SimulationBuilder.create().workload(ctx -> {}).iterations(3).baseSeed(5);
            long[] fromProperty =
                    other.run().runs().stream().mapToLong(RunResult::seed).toArray();
            assertArrayEquals(fromCode, fromProperty, "the property wins over .baseSeed(5)");
        });
        withProperty(SimulationBuilder.BASE_SEED_PROPERTY, "seventy", () -> {
            ConfigurationException e = assertThrows(
                    ConfigurationException.class,
                    () -> SimulationBuilder.create().workload(ctx -> {}).run());
            assertTrue(e.getMessage().contains("moonpool.baseSeed=seventy is not a seed"), e.getMessage());
        });
    }

    @Test
    void aShardWithoutABaseSeedIsRejectedNamingTheProperty() {
        withProperty("moonpool.shard", "1/4", () -> {
            ConfigurationException e = assertThrows(
                    ConfigurationException.class,
                    () -> SimulationBuilder.create()
                            .workload(ctx -> {})
                            .iterations(8)
                            .run());
            assertTrue(e.getMessage().contains("-Dmoonpool.baseSeed=N"), e.getMessage());
        });
    }

    private static void withProperty(String name, String value, Runnable body) {
        String old = System.getProperty(name);
        System.setProperty(name, value);
        try {
            body.run();
        } finally {
            if (old == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, old);
            }
        }
    }

    @Test
    void aTimeLimitRunsIterationsUntilItPasses() {
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(1)))
                .timeLimit(Duration.ofMillis(200))
                .run();
        report.assertPassed();
        assertTrue(report.runs().size() > 1, "only " + report.runs().size() + " iteration(s) ran");
    }

    @Test
    void withoutTheKernelFlagRunFailsAtOnceNamingIt() throws Exception {
        ForkedJvm.Result r = ForkedJvm.run(TraceHashMain.class, false, List.of("1"));
        assertTrue(r.exitCode() != 0, r.output());
        assertTrue(r.output().contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), r.output());
        assertTrue(r.output().contains(ConfigurationException.class.getName()), r.output());
    }

    /** Each simulated duration of the builder set too long: beyond nanoseconds, or just beyond the bound. */
    static Stream<Arguments> tooLongSimulatedDurations() {
        Duration beyondNanos = Duration.ofSeconds(Long.MAX_VALUE);
        Duration justAbove = ConfigurationProblems.MAX_DURATION.plusNanos(1);
        return Stream.of(
                setting("maxSimulatedTime", b -> b.maxSimulatedTime(beyondNanos)),
                setting("maxSimulatedTime", b -> b.maxSimulatedTime(justAbove)),
                setting("chaosDuration", b -> b.chaosDuration(beyondNanos)),
                setting("chaosDuration", b -> b.chaosDuration(justAbove)));
    }

    private static Arguments setting(String field, UnaryOperator<SimulationBuilder> set) {
        return Arguments.of(field, set);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tooLongSimulatedDurations")
    void aSimulatedDurationTooLongIsRejectedNamingTheFieldAndTheLimit(
            String field, UnaryOperator<SimulationBuilder> set) {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> set.apply(SimulationBuilder.create().workload(ctx -> {})).run());
        assertTrue(
                e.problems().stream()
                        .anyMatch(p -> p.startsWith(field + " must be at most 18250 days (about"
                                + " 50 years, ConfigurationProblems.MAX_DURATION), was PT")),
                e.getMessage());
    }

    @Test
    void theLongestAcceptedSimulatedDurationsRun() {
        Duration max = ConfigurationProblems.MAX_DURATION;
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> ctx.time().sleep(max.minusDays(1)))
                .maxSimulatedTime(max)
                .chaosDuration(max)
                .seeds(1)
                .run();
        report.assertPassed();
        // the sleep happened: simulated time reached its end
        assertTrue(report.runs().getFirst().simTime().compareTo(max.minusDays(1)) >= 0, report::toString);
    }

    @Test
    void aChaosDurationLongerThanTheSimulatedTimeLimitIsRejectedNamingBoth() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .workload(ctx -> {})
                        .faultInjector(new ScriptedInjector("idle", ctx -> {}))
                        .chaosDuration(Duration.ofHours(2))
                        .maxSimulatedTime(Duration.ofHours(1))
                        .run());
        assertEquals(
                List.of("chaosDuration (PT2H) is longer than maxSimulatedTime (PT1H): every iteration would"
                        + " reach its simulated time limit before chaos ends; shorten .chaosDuration(d) or raise"
                        + " .maxSimulatedTime(d)"),
                e.problems());
        SimulationBuilder.create()
                .workload(ctx -> {})
                .faultInjector(new ScriptedInjector("idle", ctx -> {}))
                .chaosDuration(Duration.ofHours(1))
                .maxSimulatedTime(Duration.ofHours(2))
                .seeds(1)
                .run()
                .assertPassed();
    }

    @Test
    void theSameWorkloadInstanceAddedTwiceIsRejectedNamingItAndTheFix() {
        Workload once = new ChattyWorkload();
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .workload(once)
                        .workload(new ChattyWorkload())
                        .workload(once)
                        .run());
        assertEquals(1, e.problems().size(), e.getMessage());
        String m = e.problems().getFirst();
        assertTrue(
                m.startsWith("the same workload instance (io.moonpool.sim.ChattyWorkload) was added 2 times, as"
                        + " workloads [1, 3]"),
                m);
        assertTrue(m.contains("add a separate instance each time"), m);
        SimulationBuilder.create()
                .workload(new ChattyWorkload())
                .workload(new ChattyWorkload())
                .seeds(1)
                .run()
                .assertPassed();
    }

    @Test
    void aWallTimeLimitTooLongForNanosecondsMeansNoLimit() {
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> {})
                .timeLimit(Duration.ofSeconds(Long.MAX_VALUE))
                .iterations(3)
                .run();
        report.assertPassed();
        assertEquals(3, report.runs().size());
    }
}
