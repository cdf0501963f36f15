package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.RebootKind;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Processes, their IPs and tags, and reboots observed by processes that record what they see. */
class ProcessLifecycleTest {

    /** A process whose lives record themselves: boot, ticks of a background task, and shutdown. */
    static final class Ticker implements SimProcess {
        private final boolean honoursShutdown;
        private final List<String> log;
        private final int instance;

        Ticker(boolean honoursShutdown, List<String> log, int instance) {
            this.honoursShutdown = honoursShutdown;
            this.log = log;
            this.instance = instance;
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            String me = ctx.ip().getHostAddress() + "/" + instance;
            log.add(ms(ctx) + " " + me + " boot " + ctx.topology().myTags());
            ctx.tasks().spawn("tick", () -> {
                while (true) {
                    ctx.time().sleep(Duration.ofMillis(500));
                    log.add(ms(ctx) + " " + me + " tick");
                }
            });
            ctx.shutdown().await();
            log.add(ms(ctx) + " " + me + " shutdown seen");
            if (!honoursShutdown) {
                ctx.time().sleep(Duration.ofDays(1));
            }
        }

        private static long ms(SimContext ctx) {
            return ctx.time().nanoTime() / 1_000_000;
        }
    }

    /** Reboots one process once, at a fixed time. */
    private record RebootOnce(InetAddress ip, RebootKind kind, Duration at) implements FaultInjector {
        @Override
        public String name() {
            return "once";
        }

        @Override
        public void inject(FaultContext ctx) throws Exception {
            ctx.time().sleep(at);
            ctx.reboot(ip, kind);
        }
    }

    private static long timeOf(String line) {
        return Long.parseLong(line.substring(0, line.indexOf(' ')));
    }

    // this test's own: each test method runs on a fresh instance of the class
    private final List<String> log = new ArrayList<>();
    private int instances;

    private RunResult run(RebootKind kind, boolean honoursShutdown) throws Exception {
        SimulationReport report = SimulationBuilder.create()
                .processes(2, () -> new Ticker(honoursShutdown, log, ++instances))
                .tags("role", "leader", "follower")
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(30)))
                .faultInjector(new RebootOnce(InetAddress.getByName("10.0.1.2"), kind, Duration.ofSeconds(5)))
                .chaosDuration(Duration.ofSeconds(10))
                .seeds(21)
                .run();
        report.assertPassed();
        return report.runs().getFirst();
    }

    @Test
    void processesBootWithTheirIpsAndRoundRobinTags() throws Exception {
        run(RebootKind.CRASH, true);
        assertTrue(log.contains("0 10.0.1.1/1 boot {role=leader}"), log::toString);
        assertTrue(log.contains("0 10.0.1.2/2 boot {role=follower}"), log::toString);
    }

    @Test
    void aCrashStopsEveryTaskOfTheProcessAtOnceAndAFreshInstanceBootsLater() throws Exception {
        RunResult r = run(RebootKind.CRASH, true);
        assertEquals(1, r.reboots(RebootKind.CRASH));
        long lastOldTick = 0;
        long reboot = -1;
        for (String line : log) {
            if (line.contains("10.0.1.2/2 tick")) {
                lastOldTick = timeOf(line);
            }
            if (line.contains("10.0.1.2/3 boot")) {
                reboot = timeOf(line);
            }
            assertTrue(!line.contains("10.0.1.2/2 shutdown"), "a crashed process must not see a shutdown: " + line);
        }
        assertTrue(lastOldTick <= 5000, "the crashed life ticked after the crash at 5 s: " + lastOldTick);
        assertTrue(reboot >= 5000 + 1000 && reboot <= 5000 + 10_000, "restart outside the 1..10 s recovery: " + reboot);
        assertTrue(log.stream().anyMatch(l -> l.contains("10.0.1.2/3 tick")), "the new life runs");
        LifecycleEntry first = r.lifecycle().getFirst();
        assertEquals(LifecycleEntry.Kind.KILLED, first.kind(), r.lifecycle()::toString);
        assertEquals("10.0.1.2", first.ip().getHostAddress());
        assertEquals(java.util.Optional.of(RebootKind.CRASH), first.reboot());
    }

    @Test
    void aGracefulRebootSignalsShutdownAndThenRestarts() throws Exception {
        RunResult r = run(RebootKind.GRACEFUL, true);
        assertEquals(1, r.reboots(RebootKind.GRACEFUL));
        assertTrue(log.contains("5000 10.0.1.2/2 shutdown seen"), log::toString);
        assertEquals(LifecycleEntry.Kind.SHUT_DOWN, r.lifecycle().get(1).kind(), r.lifecycle()::toString);
        assertEquals(LifecycleEntry.Kind.RESTARTED, r.lifecycle().get(2).kind(), r.lifecycle()::toString);
    }

    @Test
    void aProcessIgnoringShutdownIsKilledAtTheEndOfItsGracePeriod() throws Exception {
        RunResult r = run(RebootKind.GRACEFUL, false);
        LifecycleEntry killed = r.lifecycle().stream()
                .filter(e -> e.kind() == LifecycleEntry.Kind.KILLED
                        && e.reboot().equals(java.util.Optional.of(RebootKind.GRACEFUL)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(r.lifecycle().toString()));
        long at = killed.simTime().toMillis();
        assertTrue(at >= 5000 + 2000 && at <= 5000 + 5000, "killed outside the 2..5 s grace period: " + killed);
        long lastTick = log.stream()
                .filter(l -> l.contains("10.0.1.2/2 tick"))
                .mapToLong(ProcessLifecycleTest::timeOf)
                .max()
                .orElseThrow();
        assertTrue(lastTick <= at, "ticked after being killed");
    }

    @Test
    void aProcessThatThrowsFailsTheSeedNamingItsIp() {
        RunResult r = SimulationBuilder.create()
                .processes(2, () -> ctx -> {
                    if (ctx.ip().getHostAddress().equals("10.0.1.2")) {
                        throw new IllegalStateException("corrupt state");
                    }
                    ctx.shutdown().await();
                })
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(1)))
                .seeds(3)
                .run()
                .runs()
                .getFirst();
        RunFailure f = Sims.failureOf(r);
        assertTrue(f.source().contains("10.0.1.2"), f.source());
        assertTrue(f.message().contains("corrupt state"), f.message());
    }

    @Test
    void aProcessWhoseRunReturnsWhileItHasTasksIsExitedAndItsTasksEnd() throws Exception {
        List<Long> ticks = new ArrayList<>();
        SimulationReport report = SimulationBuilder.create()
                .buggify(false) // exact instants: a late sleep (time.sleep.late) would move them
                .processes(1, () -> ctx -> {
                    ctx.tasks().spawn("ticker", () -> {
                        while (true) {
                            ctx.time().sleep(Duration.ofMillis(100));
                            ticks.add(ctx.time().nanoTime());
                        }
                    });
                    ctx.time().sleep(Duration.ofMillis(350));
                })
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(2)))
                .seeds(1)
                .run();
        report.assertPassed();
        assertEquals(
                List.of(new LifecycleEntry(
                        Duration.ofMillis(350),
                        java.net.InetAddress.getByName("10.0.1.1"),
                        LifecycleEntry.Kind.EXITED,
                        java.util.Optional.empty())),
                report.runs().getFirst().lifecycle());
        assertEquals(3, ticks.size(), "the process's task ran on after its run() returned: " + ticks);
        assertTrue(
                report.toString()
                        .contains("processes EXITED (returned from run on their own, down for the rest"
                                + " of their iteration): 1"),
                report.toString());
    }

    @Test
    void rebootTimingAppliesToEveryInjectorsReboots() throws Exception {
        SimulationReport report = SimulationBuilder.create()
                .buggify(false) // exact instants: a late sleep (time.sleep.late) would move them
                .processes(1, () -> ctx -> ctx.shutdown().await())
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(3)))
                .rebootTiming(io.moonpool.api.fault.RebootTiming.of(
                        Duration.ofMillis(250), Duration.ofMillis(250), Duration.ZERO, Duration.ZERO))
                .faultInjector(new RebootOnce(
                        java.net.InetAddress.getByName("10.0.1.1"), RebootKind.CRASH, Duration.ofSeconds(1)))
                .chaosDuration(Duration.ofSeconds(2))
                .seeds(1)
                .run();
        report.assertPassed();
        List<LifecycleEntry> lifecycle = report.runs().getFirst().lifecycle();
        assertEquals(LifecycleEntry.Kind.KILLED, lifecycle.get(0).kind(), lifecycle::toString);
        assertEquals(Duration.ofSeconds(1), lifecycle.get(0).simTime());
        assertEquals(LifecycleEntry.Kind.RESTARTED, lifecycle.get(1).kind(), lifecycle::toString);
        assertEquals(Duration.ofMillis(1250), lifecycle.get(1).simTime(), "the reboot timing's recovery delay");
    }

    @Test
    void aBadRebootTimingIsRejectedNamingTheField() {
        io.moonpool.api.ConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.moonpool.api.ConfigurationException.class,
                () -> io.moonpool.api.fault.RebootTiming.of(
                        Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("recoveryDelay minimum"), e.getMessage());
    }
}
