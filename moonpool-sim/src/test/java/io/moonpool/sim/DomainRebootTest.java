package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.FailureDomain;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.RebootKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Domain reboots through the real lifecycle, on 1 datacenter x 2 zones x 2 machines x 2 processes: machine
 * {@code dc1-z1-m2} is 10.0.1.3 and 10.0.1.4, zone {@code dc1-z2} is 10.0.1.5 to 10.0.1.8.
 */
class DomainRebootTest {

    private static final Layout LAYOUT = Layout.of(1, 2, 2, 2);

    /** A process that ignores its shutdown signal (so a graceful reboot runs its whole grace period), or not. */
    private static io.moonpool.api.SimProcess process(boolean honoursShutdown) {
        return ctx -> {
            if (honoursShutdown) {
                ctx.shutdown().await();
            } else {
                ctx.time().sleep(Duration.ofDays(1));
            }
        };
    }

    private static RunResult run(long seed, ScriptedInjector.Script script, boolean honoursShutdown) {
        RunResult r = SimulationBuilder.create()
                .buggify(false) // a late sleep (time.sleep.late) would move the injector off its instants
                .processes(LAYOUT, () -> process(honoursShutdown))
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(60)))
                .faultInjector(new ScriptedInjector("domains", script))
                .chaosDuration(Duration.ofSeconds(60))
                .seeds(seed)
                .traceAll()
                .run()
                .runs()
                .getFirst();
        r.assertPassed();
        return r;
    }

    /** The instants of one kind of lifecycle entry, by process. */
    private static Map<String, List<Long>> times(RunResult r, LifecycleEntry.Kind kind) {
        Map<String, List<Long>> at = new TreeMap<>();
        for (LifecycleEntry e : r.lifecycle()) {
            if (e.kind() == kind) {
                at.computeIfAbsent(e.ip().getHostAddress(), k -> new ArrayList<>())
                        .add(e.simTime().toNanos());
            }
        }
        return at;
    }

    private static Set<Long> distinct(Map<String, List<Long>> times, String... ips) {
        Set<Long> all = new TreeSet<>();
        for (String ip : ips) {
            all.addAll(times.get(ip));
        }
        return all;
    }

    @Test
    void aMachineCrashTakesItsProcessesDownAtOneInstantAndBringsThemBackAtOne() {
        for (long seed = 1; seed <= 5; seed++) {
            boolean[] checked = new boolean[1];
            RunResult r = run(
                    seed,
                    ctx -> {
                        ctx.time().sleep(Duration.ofSeconds(1));
                        assertTrue(ctx.isAlive(FailureDomain.MACHINE, "dc1-z1-m2"));
                        ctx.rebootMachine("dc1-z1-m2", RebootKind.CRASH);
                        assertFalse(ctx.isAlive(FailureDomain.MACHINE, "dc1-z1-m2"));
                        assertFalse(
                                ctx.isAlive(FailureDomain.ZONE, "dc1-z1"), "a zone with a dead machine is not alive");
                        assertTrue(ctx.isAlive(FailureDomain.ZONE, "dc1-z2"));
                        IllegalStateException again = assertThrows(
                                IllegalStateException.class, () -> ctx.rebootMachine("dc1-z1-m2", RebootKind.CRASH));
                        assertTrue(
                                again.getMessage().contains("no process of machine dc1-z1-m2 is alive"),
                                again.getMessage());
                        ctx.time().sleep(Duration.ofSeconds(15)); // past the longest recovery delay
                        assertTrue(ctx.isAlive(FailureDomain.MACHINE, "dc1-z1-m2"));
                        checked[0] = true;
                    },
                    true);
            assertTrue(checked[0]);
            Map<String, List<Long>> killed = times(r, LifecycleEntry.Kind.KILLED);
            Map<String, List<Long>> restarted = times(r, LifecycleEntry.Kind.RESTARTED);
            assertEquals(Set.of("10.0.1.3", "10.0.1.4"), killed.keySet(), "others untouched");
            assertEquals(Set.of(1_000_000_000L), distinct(killed, "10.0.1.3", "10.0.1.4"));
            assertEquals(Set.of("10.0.1.3", "10.0.1.4"), restarted.keySet());
            assertEquals(1, distinct(restarted, "10.0.1.3", "10.0.1.4").size(), "back at one instant: " + restarted);
            assertEquals(2, r.reboots(RebootKind.CRASH), "the report counts one reboot per process");
            assertEquals(
                    1,
                    r.timeline().stream()
                            .filter(e -> e.what().equals("machine reboot")
                                    && e.subject().equals("dc1-z1-m2 (CRASH)"))
                            .count());
        }
    }

    @Test
    void aGracefulMachineRebootSharesOneGracePeriodAndComesBackTogetherAfterIt() {
        RunResult r = run(
                3,
                ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    ctx.rebootMachine("dc1-z1-m2", RebootKind.GRACEFUL);
                },
                false);
        Map<String, List<Long>> begun = times(r, LifecycleEntry.Kind.SHUTDOWN_BEGUN);
        Map<String, List<Long>> over = times(r, LifecycleEntry.Kind.GRACE_PERIOD_OVER);
        Map<String, List<Long>> restarted = times(r, LifecycleEntry.Kind.RESTARTED);
        assertEquals(Set.of(1_000_000_000L), distinct(begun, "10.0.1.3", "10.0.1.4"));
        Set<Long> graceOver = distinct(over, "10.0.1.3", "10.0.1.4");
        assertEquals(1, graceOver.size(), "one grace period per machine: " + over);
        long grace = graceOver.iterator().next() - 1_000_000_000L;
        assertTrue(grace >= 2_000_000_000L && grace <= 5_000_000_000L, "grace " + grace);
        Set<Long> back = distinct(restarted, "10.0.1.3", "10.0.1.4");
        assertEquals(1, back.size());
        long recovery = back.iterator().next() - graceOver.iterator().next();
        assertTrue(recovery >= 1_000_000_000L && recovery <= 10_000_000_000L, "recovery after the grace: " + recovery);
        assertEquals(2, r.reboots(RebootKind.GRACEFUL));
    }

    @Test
    void aGracefulMachineWhoseProcessesStopEarlyStillComesBackAsOneAfterTheGracePeriod() {
        RunResult r = run(
                4,
                ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    ctx.rebootMachine("dc1-z1-m2", RebootKind.GRACEFUL);
                },
                true);
        Map<String, List<Long>> shutDown = times(r, LifecycleEntry.Kind.SHUT_DOWN);
        assertEquals(Set.of(1_000_000_000L), distinct(shutDown, "10.0.1.3", "10.0.1.4"), "they stop at once");
        Set<Long> back = distinct(times(r, LifecycleEntry.Kind.RESTARTED), "10.0.1.3", "10.0.1.4");
        assertEquals(1, back.size());
        // a grace period of at least 2 s, then a recovery delay of at least 1 s
        assertTrue(back.iterator().next() >= 4_000_000_000L, "back at " + back);
    }

    @Test
    void aZoneAndADatacenterGoDownAtOnceWithOneRecoveryDelayPerMachine() {
        boolean differed = false;
        for (long seed = 1; seed <= 6; seed++) {
            RunResult r = run(
                    seed,
                    ctx -> {
                        ctx.time().sleep(Duration.ofSeconds(1));
                        ctx.rebootZone("dc1-z2", RebootKind.CRASH_AND_WIPE);
                    },
                    true);
            Map<String, List<Long>> killed = times(r, LifecycleEntry.Kind.KILLED);
            assertEquals(Set.of("10.0.1.5", "10.0.1.6", "10.0.1.7", "10.0.1.8"), killed.keySet());
            assertEquals(Set.of(1_000_000_000L), distinct(killed, "10.0.1.5", "10.0.1.6", "10.0.1.7", "10.0.1.8"));
            assertEquals(4, times(r, LifecycleEntry.Kind.WIPED).size(), "every disk of the zone is wiped");
            Map<String, List<Long>> back = times(r, LifecycleEntry.Kind.RESTARTED);
            assertEquals(back.get("10.0.1.5"), back.get("10.0.1.6"), "machine dc1-z2-m1 comes back as one");
            assertEquals(back.get("10.0.1.7"), back.get("10.0.1.8"), "machine dc1-z2-m2 comes back as one");
            differed |= !back.get("10.0.1.5").equals(back.get("10.0.1.7"));
        }
        assertTrue(differed, "the machines of a zone never drew different recovery delays");

        RunResult dc = run(
                1,
                ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    ctx.rebootDatacenter("dc1", RebootKind.CRASH);
                    assertFalse(ctx.isAlive(FailureDomain.DATACENTER, "dc1"));
                },
                true);
        assertEquals(8, times(dc, LifecycleEntry.Kind.KILLED).size());
        assertEquals(8, dc.reboots(RebootKind.CRASH));
    }

    @Test
    void processesAlreadyDownAreLeftAsTheyAreAndProcessScopeIsAPlainReboot() {
        RunResult r = run(
                2,
                ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    ctx.reboot(FailureDomain.PROCESS, "10.0.1.3", RebootKind.CRASH);
                    assertFalse(ctx.isAlive(FailureDomain.PROCESS, "10.0.1.3"));
                    ctx.time().sleep(Duration.ofMillis(100));
                    ctx.rebootMachine("dc1-z1-m2", RebootKind.CRASH); // 10.0.1.3 is still down: only .4 goes
                },
                true);
        Map<String, List<Long>> killed = times(r, LifecycleEntry.Kind.KILLED);
        assertEquals(List.of(1_000_000_000L), killed.get("10.0.1.3"));
        assertEquals(List.of(1_100_000_000L), killed.get("10.0.1.4"));
        assertEquals(2, r.reboots(RebootKind.CRASH));
    }

    @Test
    void unknownIdsAndNullsFailNamingTheKnownIds() {
        run(
                1,
                ctx -> {
                    IllegalArgumentException e = assertThrows(
                            IllegalArgumentException.class, () -> ctx.rebootMachine("dc1-z1-m9", RebootKind.CRASH));
                    assertTrue(
                            e.getMessage().contains("no machine of this simulation has the id 'dc1-z1-m9'"),
                            e.getMessage());
                    assertTrue(e.getMessage().contains("[dc1-z1-m1, dc1-z1-m2, dc1-z2-m1, dc1-z2-m2]"), e.getMessage());
                    e = assertThrows(IllegalArgumentException.class, () -> ctx.isAlive(FailureDomain.ZONE, "dc2-z1"));
                    assertTrue(e.getMessage().contains("[dc1-z1, dc1-z2]"), e.getMessage());
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> ctx.reboot(FailureDomain.PROCESS, "10.0.0.1", RebootKind.CRASH));
                    assertThrows(NullPointerException.class, () -> ctx.rebootZone(null, RebootKind.CRASH));
                    assertThrows(NullPointerException.class, () -> ctx.reboot(null, "dc1", RebootKind.CRASH));
                    FaultContext c = ctx;
                    assertEquals(io.moonpool.api.FailureDomain.values().length, 4);
                    assertTrue(c.topology().myLocality().isEmpty());
                    assertTrue(c.topology().myTags().isEmpty());
                },
                true);
        // the first 20 ids only, on a larger cluster
        SimulationBuilder.create()
                .processes(30, () -> ctx -> ctx.shutdown().await())
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(1)))
                .faultInjector(new ScriptedInjector("domains", ctx -> {
                    IllegalArgumentException e = assertThrows(
                            IllegalArgumentException.class, () -> ctx.rebootMachine("m", RebootKind.CRASH));
                    assertTrue(e.getMessage().contains("(the first 20 of 30)"), e.getMessage());
                }))
                .chaosDuration(Duration.ofSeconds(1))
                .seeds(1)
                .run()
                .assertPassed();
    }
}
