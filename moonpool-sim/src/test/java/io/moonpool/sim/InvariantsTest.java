package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Assertions;
import io.moonpool.api.ConfigurationException;
import io.moonpool.api.FailureKind;
import io.moonpool.api.SimState;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.RebootKind;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Invariants read published state after every step and event of the run phase; the first violation fails the seed. */
class InvariantsTest {

    private static void nonNegative(SimState state) {
        long balance = state.getLong("balance", 0);
        if (balance < 0) {
            throw new AssertionError("balance went negative: " + balance);
        }
    }

    @Test
    void aViolatedInvariantFailsTheSeedNamingItTheStepThatBrokeItAndTheTime() {
        boolean[] after = {false};
        SimulationReport report = SimulationBuilder.create()
                .workload(ctx -> {
                    ctx.state().publish("balance", 10L);
                    ctx.time().sleep(Duration.ofSeconds(2));
                    ctx.state().publish("balance", -5L);
                    ctx.time().sleep(Duration.ofSeconds(1));
                    after[0] = true;
                })
                .invariant("balance never negative", InvariantsTest::nonNegative)
                .seeds(9)
                .run();
        RunFailure f = report.runs().getFirst().failure().orElseThrow();
        assertEquals(FailureKind.INVARIANT, f.kind());
        assertEquals(Phase.RUN, f.phase());
        assertEquals("invariant 'balance never negative'", f.source());
        assertEquals(Duration.ofSeconds(2), f.simTime());
        assertTrue(f.message().contains("after a step of task 'workload.run' on 10.0.0.1"), f.message());
        assertTrue(f.message().contains("balance went negative: -5"), f.message());
        assertTrue(f.message().contains("seed 9"), f.message());
        assertTrue(f.exception().orElseThrow() instanceof AssertionError);
        assertFalse(after[0], "the first violation ends the run phase");
        List<TimelineEntry> timeline = report.timeline(9);
        int failedAt = timeline.stream().map(TimelineEntry::what).toList().indexOf(TimelineEntry.SEED_FAILED);
        TimelineEntry broke = timeline.get(failedAt - 1);
        assertEquals("workload.run", broke.task(), "the failure follows the step that broke the invariant");
        assertTrue(broke.what().endsWith("sleeping"), broke.toString());
    }

    @Test
    void invariantsAreCheckedAfterEventsToo() {
        RunFailure f = SimulationBuilder.create()
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(5)))
                .invariant("time stays under 3 s", s -> {
                    if (s.now().compareTo(Duration.ofSeconds(3)) > 0) {
                        throw new IllegalStateException("too late: " + s.now());
                    }
                })
                .seeds(1)
                .run()
                .runs()
                .getFirst()
                .failure()
                .orElseThrow();
        assertEquals(FailureKind.INVARIANT, f.kind());
        assertTrue(f.message().contains("after the wake-up of task 'workload.run'"), f.message());
        assertEquals(Duration.ofSeconds(5), f.simTime());
    }

    @Test
    void invariantsAreOnlyCheckedDuringTheRunPhase() {
        int[] checks = {0};
        SimulationReport report = SimulationBuilder.create()
                .workload(new io.moonpool.api.Workload() {
                    @Override
                    public void setup(io.moonpool.api.SimContext ctx) {
                        ctx.state().publish("balance", 5L);
                    }

                    @Override
                    public void run(io.moonpool.api.SimContext ctx) throws Exception {
                        ctx.state().publish("balance", 1L);
                        ctx.time().sleep(Duration.ofSeconds(1));
                    }

                    @Override
                    public void check(io.moonpool.api.SimContext ctx) {
                        ctx.state().publish("balance", -1L);
                    }
                })
                .invariant("balance never negative", s -> {
                    checks[0]++;
                    nonNegative(s);
                })
                .seeds(2)
                .run();
        assertTrue(report.passed(), report::toString);
        assertTrue(checks[0] > 0, "the invariant ran in the run phase");
    }

    @Test
    void invariantsSeeWhichProcessesAreAliveAndTheirAssertionsCount() throws Exception {
        InetAddress second = InetAddress.getByName("10.0.1.2");
        List<Boolean> secondAlive = new ArrayList<>();
        SimulationReport report = SimulationBuilder.create()
                .processes(2, () -> ctx -> ctx.shutdown().await())
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(30)))
                .faultInjector(new FaultInjector() {
                    @Override
                    public String name() {
                        return "crash-second";
                    }

                    @Override
                    public void inject(FaultContext ctx) throws Exception {
                        ctx.time().sleep(Duration.ofSeconds(5));
                        ctx.reboot(second, RebootKind.CRASH);
                    }
                })
                .chaosDuration(Duration.ofSeconds(10))
                .invariant("liveness is visible", s -> {
                    assertEquals(2, s.processes().size());
                    boolean alive = s.isAlive(second);
                    if (secondAlive.isEmpty() || secondAlive.getLast() != alive) {
                        secondAlive.add(alive);
                    }
                    Assertions.sometimes(!alive, "an invariant saw the second process down");
                })
                .seeds(4)
                .run();
        assertTrue(report.passed(), report::toString);
        assertEquals(List.of(true, false, true), secondAlive, "up, crashed, restarted");
        assertTrue(report.assertions().stream()
                .anyMatch(a -> a.message().equals("an invariant saw the second process down") && a.satisfied()));
    }

    @Test
    void stateReadsAreTypedAndNameWhatIsMissing() {
        List<String> errors = new ArrayList<>();
        SimulationBuilder.create()
                .workload(ctx -> {
                    SimState s = ctx.state();
                    s.publish("leader", "10.0.1.1");
                    s.publish("term", 3);
                    assertEquals("10.0.1.1", s.get("leader", String.class));
                    assertEquals(3, s.getLong("term", -1));
                    assertEquals(-1, s.getLong("absent", -1));
                    assertTrue(s.find("absent", String.class).isEmpty());
                    assertEquals(List.of("leader", "term"), s.keys());
                    errors.add(assertThrows(IllegalStateException.class, () -> s.get("absent", String.class))
                            .getMessage());
                    errors.add(assertThrows(IllegalStateException.class, () -> s.get("term", String.class))
                            .getMessage());
                    errors.add(assertThrows(IllegalArgumentException.class, () -> s.publish(" ", 1))
                            .getMessage());
                    s.publish("leader", null);
                    assertEquals(List.of("term"), s.keys());
                })
                .seeds(1)
                .run()
                .assertPassed();
        assertTrue(errors.get(0).contains("'absent'") && errors.get(0).contains("[leader, term]"), errors.get(0));
        assertTrue(errors.get(1).contains("java.lang.Integer, not a java.lang.String"), errors.get(1));
        assertTrue(errors.get(2).contains("blank"), errors.get(2));
    }

    @Test
    void badInvariantsAreRejectedAtConfigurationTime() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .workload(ctx -> {})
                        .invariant(" ", s -> {})
                        .invariant("twice", s -> {})
                        .invariant("twice", s -> {})
                        .run());
        assertTrue(e.getMessage().contains("an invariant needs a name"), e.getMessage());
        assertTrue(e.getMessage().contains("two invariants are named 'twice'"), e.getMessage());
        assertThrows(
                NullPointerException.class, () -> SimulationBuilder.create().invariant("empty", null));
    }

    @Test
    void anInvariantChangesNoDecisionOfTheRun() {
        io.moonpool.api.Workload w = ctx -> {
            for (int i = 0; i < 20; i++) {
                ctx.state().publish("i", i);
                ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(1, 100)));
            }
        };
        RunResult without = Sims.runOnce(5, w);
        RunResult with = SimulationBuilder.create()
                .workload(w)
                .invariant("i small", s -> assertTrue(s.getLong("i", 0) < 20))
                .seeds(5)
                .run()
                .runs()
                .getFirst();
        assertTrue(with.passed());
        assertEquals(without.traceHash(), with.traceHash());
        assertEquals(without.simTime(), with.simTime());
    }
}
