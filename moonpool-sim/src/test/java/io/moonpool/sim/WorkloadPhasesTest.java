package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.FailureKind;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Setup of each workload in order, then all runs concurrently, then each check; failures per phase. */
class WorkloadPhasesTest {

    /** Records its phases into a shared log. */
    private static final class Recorder implements Workload {
        private final String name;
        private final List<String> log;
        private final Duration runFor;

        Recorder(String name, List<String> log, Duration runFor) {
            this.name = name;
            this.log = log;
            this.runFor = runFor;
        }

        @Override
        public void setup(SimContext ctx) throws Exception {
            ctx.time().sleep(Duration.ofMillis(1));
            log.add(name + ".setup@" + ctx.time().nanoTime());
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            log.add(name + ".run-start@" + ctx.time().nanoTime());
            ctx.time().sleep(runFor);
            log.add(name + ".run-end@" + ctx.time().nanoTime());
        }

        @Override
        public void check(SimContext ctx) {
            log.add(name + ".check@" + ctx.time().nanoTime());
        }

        @Override
        public String name() {
            return name;
        }
    }

    @Test
    void setupsRunInOrderThenRunsConcurrentlyThenChecksInOrder() {
        List<String> log = new ArrayList<>();
        SimulationBuilder.create()
                .buggify(false) // exact instants: a late sleep (time.sleep.late) would move them
                .workload(new Recorder("a", log, Duration.ofSeconds(2)))
                .workload(new Recorder("b", log, Duration.ofSeconds(1)))
                .seeds(5)
                .run()
                .assertPassed();
        long ms = 1_000_000;
        List<String> runs = log.subList(2, 4);
        assertEquals(List.of("a.setup@" + ms, "b.setup@" + 2 * ms), log.subList(0, 2));
        assertTrue(runs.containsAll(List.of("a.run-start@" + 2 * ms, "b.run-start@" + 2 * ms)), log::toString);
        assertEquals(
                List.of(
                        "b.run-end@" + 1002 * ms,
                        "a.run-end@" + 2002 * ms,
                        "a.check@" + 2002 * ms,
                        "b.check@" + 2002 * ms),
                log.subList(4, 8));
    }

    @Test
    void workloadsGetTheirOwnAddressesAndSeeTheTopology() throws Exception {
        List<String> seen = new ArrayList<>();
        // two instances: the builder rejects an instance added twice
        Supplier<Workload> probe = () -> new Workload() {
            @Override
            public void run(SimContext ctx) {
                seen.add(ctx.ip().getHostAddress() + " " + ctx.topology().workloadIps());
            }
        };
        SimulationBuilder.create()
                .workload(probe.get())
                .workload(probe.get())
                .seeds(1)
                .run()
                .assertPassed();
        List<InetAddress> ips = List.of(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("10.0.0.2"));
        assertEquals(2, seen.size());
        assertTrue(seen.containsAll(List.of("10.0.0.1 " + ips, "10.0.0.2 " + ips)), seen::toString);
    }

    @Test
    void anExceptionInEachPhaseFailsTheSeedWithPhaseWorkloadAndStack() {
        for (Phase phase : new Phase[] {Phase.SETUP, Phase.RUN, Phase.CHECK}) {
            Workload failing = new Workload() {
                @Override
                public void setup(SimContext ctx) throws IOException {
                    fail(Phase.SETUP);
                }

                @Override
                public void run(SimContext ctx) throws IOException {
                    fail(Phase.RUN);
                }

                @Override
                public void check(SimContext ctx) throws IOException {
                    fail(Phase.CHECK);
                }

                private void fail(Phase now) throws IOException {
                    if (now == phase) {
                        throw new IOException("disk on fire in " + now);
                    }
                }

                @Override
                public String name() {
                    return "Arsonist";
                }
            };
            RunFailure failure = Sims.failureOf(Sims.runOnce(99, failing));
            assertEquals(FailureKind.EXCEPTION, failure.kind());
            assertEquals(phase, failure.phase());
            assertEquals("Arsonist", failure.source());
            assertTrue(failure.message().contains("disk on fire in " + phase), failure.message());
            assertTrue(failure.stackTrace().contains("WorkloadPhasesTest"), failure.stackTrace());
            assertTrue(failure.exception().orElseThrow() instanceof IOException);
        }
    }

    @Test
    void aFailedRunPhaseDoesNotWaitForTheOtherWorkloads() {
        Workload forever = ctx -> {
            while (true) {
                ctx.time().sleep(Duration.ofSeconds(1));
            }
        };
        Workload failsSoon = ctx -> {
            ctx.time().sleep(Duration.ofSeconds(3));
            throw new IllegalStateException("boom");
        };
        RunFailure failure = Sims.failureOf(SimulationBuilder.create()
                .workload(forever)
                .workload(failsSoon)
                .seeds(1)
                .run()
                .runs()
                .getFirst());
        assertEquals(Duration.ofSeconds(3), failure.simTime());
        assertEquals(Phase.RUN, failure.phase());
    }

    @Test
    void assertPassedNamesEveryFailingSeedAndHowToReplayIt() {
        Workload oddFails = ctx -> {
            if (ctx.seed() % 2 == 1) {
                throw new IllegalStateException("odd seed " + ctx.seed());
            }
        };
        SimulationReport report = SimulationBuilder.create()
                .workload(oddFails)
                .seeds(10, 11, 12, 13)
                .run();
        AssertionError error = assertThrows(AssertionError.class, report::assertPassed);
        assertTrue(error.getMessage().contains("2 of 4 iteration(s) failed"), error.getMessage());
        assertTrue(error.getMessage().contains(".seeds(11L)"), error.getMessage());
        assertTrue(error.getMessage().contains(".seeds(13L)"), error.getMessage());
        assertTrue(error.getCause() instanceof IllegalStateException);
        String printed = report.toString();
        assertTrue(printed.contains("4 run, 2 passed, 2 failed"), printed);
        assertTrue(printed.contains("wall time per iteration"), printed);
        assertTrue(printed.contains("events per iteration"), printed);
    }

    @Test
    void aCheckThatDeadlocksAfterAQuickSettleIsReportedWhenItHappens() {
        RunResult run = SimulationBuilder.create()
                .workload(new Workload() {
                    @Override
                    public void run(SimContext ctx) throws Exception {
                        ctx.time().sleep(Duration.ofSeconds(1));
                    }

                    @Override
                    public void check(SimContext ctx) throws Exception {
                        new java.util.concurrent.CountDownLatch(1).await();
                    }
                })
                .seeds(1)
                .run()
                .runs()
                .getFirst();
        RunFailure failure = Sims.failureOf(run);
        assertEquals(FailureKind.DEADLOCK, failure.kind());
        assertEquals(Duration.ofSeconds(1), failure.simTime(), "the settle bound's event was left behind");
    }
}
