package io.moonpool.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.config.ConfigurationProblems;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.sim.LifecycleEntry;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Attrition: maxDead holds, kinds follow their weights, bad configuration is rejected. */
class AttritionTest {

    /**
     * Processes that measure their own downtime: each beats every 5 ms of simulated time into a log of its
     * own, so a gap in the beats is a time it was down, seen without asking the framework.
     */
    static final long BEAT = 5_000_000;

    /** Beats every {@link #BEAT} while alive, into the list of its IP in the map it is given. */
    static final class Beater implements SimProcess {
        private final Map<InetAddress, List<Long>> allBeats;

        Beater(Map<InetAddress, List<Long>> allBeats) {
            this.allBeats = allBeats;
        }

        Beater() {
            this(new HashMap<>());
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            List<Long> beats = allBeats.computeIfAbsent(ctx.ip(), ip -> new ArrayList<>());
            while (!ctx.shutdown().isRequested()) {
                beats.add(ctx.time().nanoTime());
                ctx.time().sleep(Duration.ofNanos(BEAT));
            }
        }
    }

    /** Down intervals [from, to] of one process: gaps between beats longer than one beat. */
    static List<long[]> downIntervals(List<Long> beats) {
        List<long[]> down = new ArrayList<>();
        for (int i = 1; i < beats.size(); i++) {
            if (beats.get(i) - beats.get(i - 1) > BEAT) {
                down.add(new long[] {beats.get(i - 1), beats.get(i)});
            }
        }
        return down;
    }

    /** The most processes down at one instant, by a sweep over every interval's start and end. */
    static int maxDownAtOnce(Collection<List<Long>> allBeats) {
        TreeMap<Long, Integer> delta = new TreeMap<>();
        for (List<Long> beats : allBeats) {
            for (long[] d : downIntervals(beats)) {
                // a beat period of slack: the last beat before a death comes up to one period early
                delta.merge(d[0] + BEAT, 1, Integer::sum);
                delta.merge(d[1], -1, Integer::sum);
            }
        }
        int now = 0;
        int max = 0;
        for (int change : delta.values()) {
            now += change;
            max = Math.max(max, now);
        }
        return max;
    }

    private static long[] seeds(int count) {
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = 500 + i;
        }
        return seeds;
    }

    private static SimulationReport attrition(Attrition a, int processes, long... seeds) {
        return attrition(a, processes, new HashMap<>(), seeds);
    }

    private static SimulationReport attrition(
            Attrition a, int processes, Map<InetAddress, List<Long>> beats, long... seeds) {
        SimulationReport report = SimulationBuilder.create()
                .buggify(false) // a late sleep (time.sleep.late) would read as downtime in the beat logs
                .processes(processes, () -> new Beater(beats))
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(120)))
                .attrition(a)
                .chaosDuration(Duration.ofSeconds(120))
                .seeds(seeds)
                .run();
        report.assertPassed();
        return report;
    }

    @Test
    void maxDeadIsNeverExceededAsTheProcessesThemselvesMeasureIt() {
        for (int maxDead = 1; maxDead <= 2; maxDead++) {
            Attrition a = Attrition.builder()
                    .maxDead(maxDead)
                    .recoveryDelay(Duration.ofSeconds(1), Duration.ofSeconds(20))
                    .build();
            int reached = 0;
            int reboots = 0;
            for (long seed : seeds(15)) {
                Map<InetAddress, List<Long>> beats = new HashMap<>();
                RunResult r = attrition(a, 4, beats, seed).runs().getFirst();
                reboots += r.reboots(RebootKind.CRASH)
                        + r.reboots(RebootKind.GRACEFUL)
                        + r.reboots(RebootKind.CRASH_AND_WIPE);
                int down = maxDownAtOnce(beats.values());
                assertTrue(
                        down <= maxDead, "seed " + seed + ": " + down + " processes down at once, maxDead " + maxDead);
                reached = Math.max(reached, down);
            }
            assertTrue(reboots > 50, "too few reboots to tell: " + reboots);
            assertEquals(maxDead, reached, "maxDead " + maxDead + " was never reached: the test sees nothing");
        }
    }

    @Test
    void recoveryAndGraceTimesStayInsideTheirRanges() {
        Attrition a = Attrition.builder()
                .maxDead(1)
                .probGraceful(1)
                .probCrash(1)
                .probWipe(0)
                .recoveryDelay(Duration.ofSeconds(3), Duration.ofSeconds(4))
                .gracePeriod(Duration.ofMillis(500), Duration.ofMillis(700))
                .build();
        int checked = 0;
        for (long seed : seeds(20)) {
            // processes that ignore the signal: every graceful reboot runs its full grace period
            RunResult r = SimulationBuilder.create()
                    .processes(3, () -> ctx -> ctx.time().sleep(Duration.ofDays(1)))
                    .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(60)))
                    .attrition(a)
                    .chaosDuration(Duration.ofSeconds(60))
                    .seeds(seed)
                    .run()
                    .runs()
                    .getFirst();
            r.assertPassed();
            Map<String, Long> downAt = new HashMap<>();
            Map<String, Long> shutdownAt = new HashMap<>();
            for (LifecycleEntry e : r.lifecycle()) {
                long t = e.simTime().toNanos();
                String ip = e.ip().getHostAddress();
                if (e.kind() == LifecycleEntry.Kind.SHUTDOWN_BEGUN) {
                    shutdownAt.put(ip, t);
                } else if (e.kind() == LifecycleEntry.Kind.KILLED) {
                    if (e.reboot().equals(java.util.Optional.of(RebootKind.GRACEFUL))) {
                        long grace = t - shutdownAt.remove(ip);
                        assertTrue(grace >= 500_000_000L && grace <= 700_000_000L, "grace " + grace + " ns");
                    }
                    downAt.put(ip, t);
                } else if (e.kind() == LifecycleEntry.Kind.RESTARTED) {
                    long recovery = t - downAt.remove(ip);
                    assertTrue(recovery >= 3_000_000_000L && recovery <= 4_000_000_000L, "recovery " + recovery);
                    checked++;
                }
            }
        }
        assertTrue(checked > 50, "only " + checked + " restarts checked");
    }

    @Test
    void kindsOccurInProportionToTheirWeightsAndAZeroWeightNever() {
        Attrition a = Attrition.builder()
                .maxDead(1)
                .probGraceful(1)
                .probCrash(3)
                .probWipe(0)
                .build();
        SimulationReport report = attrition(a, 3, seeds(40));
        int graceful = 0;
        int crash = 0;
        for (RunResult r : report.runs()) {
            graceful += r.reboots(RebootKind.GRACEFUL);
            crash += r.reboots(RebootKind.CRASH);
            assertEquals(0, r.reboots(RebootKind.CRASH_AND_WIPE), "a zero weight occurred");
        }
        double share = crash / (double) (graceful + crash);
        assertTrue(graceful + crash > 200, "too few reboots: " + (graceful + crash));
        assertTrue(share > 0.65 && share < 0.85, "crash share " + share + " is far from 0.75");
        assertTrue(report.toString().contains("attrition: {GRACEFUL="), report.toString());
    }

    @Test
    void invalidAttritionIsRejectedWithEveryProblem() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> Attrition.builder()
                        .maxDead(0)
                        .probGraceful(-1)
                        .probCrash(0)
                        .probWipe(0)
                        .recoveryDelay(Duration.ofSeconds(5), Duration.ofSeconds(1))
                        .build());
        String m = e.getMessage();
        assertTrue(m.contains("maxDead must be at least 1"), m);
        assertTrue(m.contains("probGraceful must be a finite weight >= 0"), m);
        assertTrue(m.contains("recoveryDelay minimum PT5S is above its maximum PT1S"), m);
        assertThrows(
                ConfigurationException.class,
                () -> Attrition.builder()
                        .probGraceful(0)
                        .probCrash(0)
                        .probWipe(0)
                        .build());
    }

    @Test
    void attritionNeedsChaosProcessesAndRoomBelowMaxDead() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .workload(ctx -> {})
                        .attrition(Attrition.builder().maxDead(1).build())
                        .run());
        assertTrue(e.getMessage().contains("attrition needs a chaos duration"), e.getMessage());
        assertTrue(e.getMessage().contains("there are none: add .processes(n, factory)"), e.getMessage());
        ConfigurationException tooMany = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .workload(ctx -> {})
                        .processes(2, () -> ctx -> {})
                        .attrition(Attrition.builder().maxDead(2).build())
                        .chaosDuration(Duration.ofSeconds(1))
                        .run());
        assertTrue(
                tooMany.getMessage().contains("maxDead (2) must be below the number of processes (2)"),
                tooMany.getMessage());
    }

    @Test
    void aProcessThatExitsOnItsOwnDoesNotSwitchAttritionOff() {
        SimulationReport report = SimulationBuilder.create()
                .processes(3, () -> ctx -> {
                    if (ctx.ip().getHostAddress().equals("10.0.1.1")) {
                        return; // exits at once, for good
                    }
                    ctx.shutdown().await();
                })
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(300)))
                .attrition(Attrition.builder()
                        .maxDead(1)
                        .probGraceful(0)
                        .probCrash(1)
                        .probWipe(0)
                        .build())
                .chaosDuration(Duration.ofSeconds(300))
                .seeds(1)
                .run();
        report.assertPassed();
        RunResult run = report.runs().getFirst();
        assertTrue(run.reboots(RebootKind.CRASH) >= 10, "attrition stopped after the exit: " + run.rebootCounts());
        assertTrue(
                run.lifecycle().stream()
                        .anyMatch(e -> e.kind() == LifecycleEntry.Kind.EXITED
                                && e.simTime().isZero()
                                && e.ip().getHostAddress().equals("10.0.1.1")),
                run.lifecycle().toString());
        assertTrue(
                run.lifecycle().stream()
                        .noneMatch(e -> e.kind() == LifecycleEntry.Kind.KILLED
                                && e.ip().getHostAddress().equals("10.0.1.1")),
                "an exited process was rebooted");
        assertTrue(report.toString().contains("processes EXITED"), report.toString());
    }

    @Test
    void aOneNanosecondRecoveryDelayLetsTimeAdvance() {
        // the pause between decisions is drawn below the longest recovery delay: with 1 ns every draw was 0
        // and the injector looped at one instant until the run failed as a livelock
        // crashes only: a graceful shutdown would keep its process dead through its grace period
        Attrition a = Attrition.builder()
                .maxDead(1)
                .probGraceful(0)
                .probCrash(1)
                .probWipe(0)
                .recoveryDelay(Duration.ofNanos(1), Duration.ofNanos(1))
                .build();
        RunResult r = SimulationBuilder.create()
                .processes(3, Beater::new)
                .workload(ctx -> ctx.time().sleep(Duration.ofMillis(1)))
                .attrition(a)
                .chaosDuration(Duration.ofNanos(10_000))
                .seeds(7)
                .run()
                .runs()
                .getFirst();
        r.assertPassed();
        int reboots =
                r.reboots(RebootKind.CRASH) + r.reboots(RebootKind.GRACEFUL) + r.reboots(RebootKind.CRASH_AND_WIPE);
        assertTrue(reboots > 100, "attrition barely ran: " + reboots + " reboots");
    }

    @Test
    void theLongestAcceptedDurationsRunWithoutOverflow() {
        // the settle bound adds the longest grace period, the longest recovery delay and a margin to the
        // current instant: with every one of them at the bound the sum still fits in nanoseconds
        Duration max = ConfigurationProblems.MAX_DURATION;
        Attrition a = Attrition.builder()
                .recoveryDelay(Duration.ofSeconds(1), max)
                .gracePeriod(Duration.ZERO, max)
                .build();
        SimulationBuilder.create()
                .processes(3, Beater::new)
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(10)))
                .attrition(a)
                .chaosDuration(Duration.ofSeconds(10))
                .maxSimulatedTime(max)
                .seeds(seeds(3))
                .run()
                .assertPassed();
    }
}
