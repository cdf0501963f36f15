package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.FailureKind;
import io.moonpool.api.SimContext;
import io.moonpool.api.TaskHandle;
import io.moonpool.api.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * checkDeterminism(): every seed runs twice and the runs are compared step by step; planted bugs (an identity-hash
 * ordering, a wall-clock read) are named with the stacks of both runs, and a correct program passes.
 */
class DeterminismCheckTest {

    /** An item without hashCode: a HashSet of them iterates in the order of their identity hash codes. */
    private static final class Item {
        final int delayMs;

        Item(int delayMs) {
            this.delayMs = delayMs;
        }
    }

    /** Planted: sleeps in the order a HashSet of identity-hashed items iterates in, which differs from run to run. */
    private static final class IdentityOrderedWorkload implements Workload {
        private final boolean fail;

        IdentityOrderedWorkload(boolean fail) {
            this.fail = fail;
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            Set<Item> items = new HashSet<>();
            for (int i = 1; i <= 8; i++) {
                items.add(new Item(i));
            }
            for (Item item : items) {
                ctx.time().sleep(Duration.ofMillis(item.delayMs));
            }
            if (fail) {
                throw new IllegalStateException("planted failure");
            }
        }
    }

    /** Planted: picks its sleeps from the wall clock. */
    private static final class WallClockSleeper implements Workload {
        static volatile int plantedLine;

        @Override
        public void run(SimContext ctx) throws Exception {
            for (int i = 0; i < 3; i++) {
                plantedLine = new Throwable().getStackTrace()[0].getLineNumber() + 1;
                ctx.time().sleep(Duration.ofNanos(1 + System.nanoTime() % 1_000_000));
            }
        }
    }

    /** Planted: state kept from one run to the next; every other run sleeps for another duration. */
    private static final class AlternatingWorkload implements Workload {
        private int runs;

        @Override
        public void run(SimContext ctx) throws Exception {
            ctx.time().sleep(Duration.ofMillis(1));
            ctx.time().sleep(Duration.ofMillis(runs++ % 2 == 0 ? 10 : 20));
        }
    }

    /** Planted: whether check() fails is decided by state outside the simulation, and nothing else differs. */
    private static final class FailsEveryOtherCheck implements Workload {
        private int checks;

        @Override
        public void run(SimContext ctx) throws Exception {
            ctx.time().sleep(Duration.ofMillis(1));
        }

        @Override
        public void check(SimContext ctx) {
            if (checks++ % 2 == 0) {
                throw new IllegalStateException("planted");
            }
        }
    }

    /** Correct: tasks that sleep for random durations and fill an ordered map; fails on some seeds. */
    private static final class CorrectWorkload implements Workload {
        @Override
        public void run(SimContext ctx) throws Exception {
            TreeMap<Integer, Long> seen = new TreeMap<>();
            List<TaskHandle<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int me = t;
                tasks.add(ctx.tasks().spawn("worker-" + t, () -> {
                    for (int i = 0; i < 5; i++) {
                        ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(1, 50)));
                        seen.merge(me, ctx.time().nanoTime(), Long::sum);
                    }
                    return null;
                }));
            }
            for (TaskHandle<?> h : tasks) {
                h.join();
            }
            if (seen.firstEntry().getValue() % 3 == 0) {
                throw new IllegalStateException("planted failure of some seeds");
            }
        }
    }

    @Test
    void anIdentityHashOrderingIsNamedWithTheStacksOfBothRuns() {
        SimulationReport report = SimulationBuilder.create()
                .workload(new IdentityOrderedWorkload(false))
                .checkDeterminism()
                .seeds(1, 2, 3)
                .run();
        // each seed's runs differ unless both happened to iterate the set alike (about 1 in 8! per seed)
        assertFalse(report.divergences().isEmpty(), report::toString);
        for (Divergence d : report.divergences()) {
            RunFailure f = report.runs().stream()
                    .filter(r -> r.seed() == d.seed())
                    .findFirst()
                    .orElseThrow()
                    .failure()
                    .orElseThrow();
            assertEquals(FailureKind.NONDETERMINISM, f.kind());
            assertEquals(2, d.runs().size(), d::describe);
            assertEquals("second run", d.runs().getFirst().run());
            for (Divergence.Run run : d.runs()) {
                assertTrue(run.what().startsWith("step of task 'IdentityOrderedWorkload.run'"), d::describe);
                assertTrue(
                        run.stack().stream().anyMatch(frame -> frame.contains("IdentityOrderedWorkload.run(")),
                        d::describe);
                assertTrue(run.stack().stream().noneMatch(frame -> frame.contains(".internal.")), d::describe);
            }
            assertTrue(f.message().contains("is not deterministic"), f::message);
            assertTrue(report.toString().contains("NONDETERMINISM"), report::toString);
            assertTrue(report.toJson().contains("\"nondeterminism\""), report::toJson);
            assertEquals(
                    Reproduction.Status.NOT_REPRODUCIBLE,
                    report.reproduction(d.seed()).orElseThrow().status());
        }
    }

    @Test
    void withoutTheCheckAFailingSeedOfThatProgramIsNotReproducible() {
        SimulationReport report = SimulationBuilder.create()
                .workload(new IdentityOrderedWorkload(true))
                .seeds(1, 2, 3)
                .run();
        assertEquals(3, report.reproductions().size());
        // the re-run iterates the set in another order, unless by chance it is the same (about 1 in 8!)
        assertTrue(
                report.reproductions().stream().anyMatch(r -> r.status() == Reproduction.Status.NOT_REPRODUCIBLE),
                report::toString);
        assertTrue(report.divergences().isEmpty());
    }

    @Test
    void aWallClockReadIsNamedWithTheLineThatMadeIt() {
        SimulationReport report = SimulationBuilder.create()
                .workload(new WallClockSleeper())
                .checkDeterminism()
                .seeds(7)
                .run();
        Divergence d = report.divergence(7).orElseThrow(() -> new AssertionError(report.toString()));
        String line = "DeterminismCheckTest.java:" + WallClockSleeper.plantedLine + ")";
        assertEquals(2, d.runs().size(), d::describe);
        for (Divergence.Run run : d.runs()) {
            assertTrue(run.stack().stream().anyMatch(frame -> frame.contains("WallClockSleeper.run(")), d::describe);
            assertTrue(run.stack().stream().anyMatch(frame -> frame.contains(line)), () -> line + d.describe());
        }
        assertTrue(report.toString().contains(line), report::toString);
        assertFalse(report.passed());
        assertEquals(
                List.of(),
                ParsedJson.problems(
                        ParsedJson.parse(SimulationReport.jsonSchema()), ParsedJson.parse(report.toJson())));
        assertTrue(report.toJson().contains(line), report::toJson);
    }

    @Test
    void whenTheThirdRunRepeatsTheFirstItsStackIsTheFirstRuns() {
        SimulationReport report = SimulationBuilder.create()
                .workload(new AlternatingWorkload())
                .checkDeterminism()
                .seeds(5)
                .run();
        Divergence d = report.divergence(5).orElseThrow(() -> new AssertionError(report.toString()));
        assertEquals(2, d.runs().size(), d::describe);
        assertEquals("second run", d.runs().get(0).run());
        assertEquals(
                "first run (repeated up to here by a third run)",
                d.runs().get(1).run());
        for (Divergence.Run run : d.runs()) {
            assertEquals(Duration.ofMillis(1), run.simTime(), d::describe);
            assertTrue(run.stack().getFirst().contains("AlternatingWorkload.run("), d::describe);
        }
        assertTrue(d.summary().contains("the first run passed, the second passed"), d::summary);
    }

    @Test
    void runsOnTheSamePathThatEndOtherwiseDiverge() {
        SimulationReport report = SimulationBuilder.create()
                .workload(new FailsEveryOtherCheck())
                .checkDeterminism()
                .seeds(9)
                .run();
        Divergence d = report.divergence(9).orElseThrow(() -> new AssertionError(report.toString()));
        assertTrue(d.summary().contains("both runs took the same"), d::summary);
        assertTrue(d.summary().contains("the second passed"), d::summary);
        assertTrue(d.runs().isEmpty());
        assertEquals(
                FailureKind.NONDETERMINISM,
                report.runs().getFirst().failure().orElseThrow().kind());
    }

    @Test
    void aCorrectProgramPassesTheCheckAndItsFailingSeedsAreReproduced() {
        SimulationReport report = SimulationBuilder.create()
                .workload(new CorrectWorkload())
                .checkDeterminism()
                .seeds(1, 2, 3, 4, 5, 6)
                .run();
        assertTrue(report.divergences().isEmpty(), report::toString);
        long failing = report.runs().stream().filter(r -> !r.passed()).count();
        assertTrue(failing > 0 && failing < 6, report::toString);
        assertEquals(failing, report.reproductions().size());
        for (Reproduction r : report.reproductions()) {
            assertEquals(Reproduction.Status.REPRODUCED, r.status(), r.divergence());
        }
        for (RunResult r : report.runs()) {
            r.failure().ifPresent(f -> assertEquals(FailureKind.EXCEPTION, f.kind()));
        }
    }

    @Test
    void thePropertyTurnsTheCheckOnOrOffAndBadValuesAreRejected() {
        String property = SimulationBuilder.CHECK_DETERMINISM_PROPERTY;
        String old = System.getProperty(property);
        try {
            System.setProperty(property, " TRUE ");
            assertFalse(SimulationBuilder.create()
                    .workload(new WallClockSleeper())
                    .seeds(1)
                    .run()
                    .divergences()
                    .isEmpty());
            System.setProperty(property, "false");
            SimulationBuilder.create()
                    .workload(new WallClockSleeper())
                    .checkDeterminism()
                    .seeds(1)
                    .run()
                    .assertPassed();
            System.setProperty(property, "yes");
            ConfigurationException bad = assertThrows(
                    ConfigurationException.class,
                    () -> SimulationBuilder.create().workload(ctx -> {}).run());
            assertTrue(bad.getMessage().contains("moonpool.checkDeterminism=yes"), bad.getMessage());
            assertTrue(bad.getMessage().contains("true"), bad.getMessage());
            assertTrue(bad.getMessage().contains("false"), bad.getMessage());
            System.setProperty(property, "fork");
            ConfigurationException fork = assertThrows(
                    ConfigurationException.class,
                    () -> SimulationBuilder.create().workload(ctx -> {}).run());
            // fork replays in a worker JVM, which needs a recipe (moonpool-it's DeterminismForkIT runs it)
            assertTrue(fork.getMessage().contains("add .source(MyTest.class, \"simulation\")"), fork.getMessage());
            assertTrue(fork.getMessage().contains("-Dmoonpool.checkDeterminism=true"), fork.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, old);
            }
        }
    }
}
