package io.moonpool.sim;

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
    void aFixedBaseSeedPicksTheSameSeedsEveryTimeAndCannotBeCombinedWithSeeds() {
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
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .workload(ctx -> {})
                        .seeds(1)
                        .baseSeed(2)
                        .run());
        assertTrue(e.getMessage().contains("baseSeed(2)"), e.getMessage());
    }

    @Test
    void seedsCannotBeCombinedWithIterations() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .workload(ctx -> {})
                        .seeds(1)
                        .iterations(3)
                        .run());
        assertTrue(e.getMessage().contains("cannot be combined"), e.getMessage());
        ConfigurationException empty = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create().workload(ctx -> {}).seeds().run());
        assertTrue(empty.getMessage().contains("no seed"), empty.getMessage());
    }

    @Test
    void iterationsDeriveSeedsFromTheBaseSeedProperty() {
        String old = System.getProperty(SimulationBuilder.SEED_PROPERTY);
        System.setProperty(SimulationBuilder.SEED_PROPERTY, "1234");
        try {
            SimulationReport first = SimulationBuilder.create()
                    .workload(new ChattyWorkload())
                    .iterations(5)
                    .run();
            SimulationReport again = SimulationBuilder.create()
                    .workload(new ChattyWorkload())
                    .iterations(5)
                    .run();
            assertEquals(1234L, first.baseSeed());
            assertEquals(1234L, first.runs().getFirst().seed(), "the first iteration uses the base seed itself");
            assertEquals(
                    5, first.runs().stream().map(RunResult::seed).distinct().count());
            for (int i = 0; i < 5; i++) {
                assertEquals(first.runs().get(i).seed(), again.runs().get(i).seed());
                assertEquals(
                        first.runs().get(i).traceHash(), again.runs().get(i).traceHash());
            }
            assertTrue(first.toString().contains("base seed:   1234"), first.toString());
            System.setProperty(SimulationBuilder.SEED_PROPERTY, " ");
            SimulationBuilder.create().workload(ctx -> {}).run().assertPassed(); // blank means unset
            System.setProperty(SimulationBuilder.SEED_PROPERTY, "0x10");
            assertEquals(
                    16L, SimulationBuilder.create().workload(ctx -> {}).run().baseSeed());
            System.setProperty(SimulationBuilder.SEED_PROPERTY, "not-a-number");
            ConfigurationException e = assertThrows(
                    ConfigurationException.class,
                    () -> SimulationBuilder.create().workload(ctx -> {}).run());
            assertTrue(e.getMessage().contains("moonpool.seed=not-a-number"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(SimulationBuilder.SEED_PROPERTY);
            } else {
                System.setProperty(SimulationBuilder.SEED_PROPERTY, old);
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
        SimulationBuilder.create()
                .workload(ctx -> ctx.time().sleep(max.minusDays(1)))
                .maxSimulatedTime(max)
                .chaosDuration(max)
                .seeds(1)
                .run()
                .assertPassed();
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
