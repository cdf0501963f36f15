package io.moonpool.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.FailureDomain;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.sim.Layout;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Attrition with a scope: measured from the processes' own heartbeats, the number of machines (or zones) down at
 * once never exceeds maxDead, and does reach it; a unit goes down as a whole.
 */
class ScopedAttritionTest {

    /** Seeds 900 to 900 + count - 1. */
    private static long[] seeds(int count) {
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = 900 + i;
        }
        return seeds;
    }

    /**
     * The most units down at one instant, by a sweep over the processes' down intervals (from their heartbeats),
     * a unit being down while any of its processes is.
     */
    private static int maxUnitsDownAtOnce(Map<InetAddress, List<Long>> beats, Map<InetAddress, Integer> unitOf) {
        // per unit: +1 / -1 for each of its processes' down intervals; the unit is down while its count is positive
        Map<Integer, TreeMap<Long, Integer>> perUnit = new TreeMap<>();
        beats.forEach((ip, b) -> {
            for (long[] d : AttritionTest.downIntervals(b)) {
                TreeMap<Long, Integer> delta = perUnit.computeIfAbsent(unitOf.get(ip), k -> new TreeMap<>());
                delta.merge(d[0] + AttritionTest.BEAT, 1, Integer::sum);
                delta.merge(d[1], -1, Integer::sum);
            }
        });
        TreeMap<Long, Integer> units = new TreeMap<>();
        for (TreeMap<Long, Integer> delta : perUnit.values()) {
            int down = 0;
            for (Map.Entry<Long, Integer> e : delta.entrySet()) {
                int before = down;
                down += e.getValue();
                if (before == 0 && down > 0) {
                    units.merge(e.getKey(), 1, Integer::sum);
                } else if (before > 0 && down == 0) {
                    units.merge(e.getKey(), -1, Integer::sum);
                }
            }
        }
        int now = 0;
        int max = 0;
        for (int change : units.values()) {
            now += change;
            max = Math.max(max, now);
        }
        return max;
    }

    private record Outcome(int maxDown, int reboots) {}

    /** Runs one seed of scoped attrition and measures the most units down at once from the heartbeats. */
    private static Outcome run(Layout layout, FailureDomain scope, int maxDead, long seed) {
        Map<InetAddress, List<Long>> beats = new HashMap<>();
        Map<InetAddress, Integer> unitOf = new HashMap<>();
        Attrition a = Attrition.builder()
                .scope(scope)
                .maxDead(maxDead)
                .recoveryDelay(Duration.ofSeconds(1), Duration.ofSeconds(20))
                .build();
        RunResult r = SimulationBuilder.create()
                .buggify(false) // a late sleep would read as downtime in the beat logs
                .processes(layout, () -> new AttritionTest.Beater(beats))
                .workload(ctx -> {
                    List<String> ids = ctx.topology().domains(scope);
                    for (int u = 0; u < ids.size(); u++) {
                        for (InetAddress ip : ctx.topology().ipsIn(scope, ids.get(u))) {
                            unitOf.put(ip, u);
                        }
                    }
                    ctx.time().sleep(Duration.ofSeconds(120));
                })
                .attrition(a)
                .chaosDuration(Duration.ofSeconds(120))
                .seeds(seed)
                .run()
                .runs()
                .getFirst();
        r.assertPassed();
        int reboots =
                r.reboots(RebootKind.CRASH) + r.reboots(RebootKind.GRACEFUL) + r.reboots(RebootKind.CRASH_AND_WIPE);
        return new Outcome(maxUnitsDownAtOnce(beats, unitOf), reboots);
    }

    @Test
    void deadMachinesNeverExceedMaxDeadAndReachIt() {
        // 2 zones x 3 machines x 2 processes: 6 machines of 2
        Layout layout = Layout.of(1, 2, 3, 2);
        for (int maxDead = 1; maxDead <= 2; maxDead++) {
            int reached = 0;
            int reboots = 0;
            for (long seed : seeds(25)) {
                Outcome o = run(layout, FailureDomain.MACHINE, maxDead, seed);
                assertTrue(
                        o.maxDown() <= maxDead,
                        "seed " + seed + ": " + o.maxDown() + " machines down at once, maxDead " + maxDead);
                reached = Math.max(reached, o.maxDown());
                reboots += o.reboots();
            }
            assertTrue(reboots > 100, "too few reboots to tell: " + reboots);
            assertEquals(maxDead, reached, "maxDead " + maxDead + " machines was never reached: the test sees nothing");
        }
    }

    @Test
    void deadZonesNeverExceedMaxDeadAndReachIt() {
        // 2 datacenters x 2 zones x 2 machines x 1 process: 4 zones of 2 processes
        Layout layout = Layout.of(2, 2, 2, 1);
        int reached = 0;
        for (long seed : seeds(25)) {
            Outcome o = run(layout, FailureDomain.ZONE, 2, seed);
            assertTrue(o.maxDown() <= 2, "seed " + seed + ": " + o.maxDown() + " zones down at once, maxDead 2");
            reached = Math.max(reached, o.maxDown());
        }
        assertEquals(2, reached, "two zones were never down at once");
    }

    @Test
    void aMachineScopedRebootTakesTheWholeMachine() {
        Layout layout = Layout.of(1, 1, 3, 2);
        for (long seed : seeds(5)) {
            RunResult r = SimulationBuilder.create()
                    .processes(layout, () -> ctx -> ctx.shutdown().await())
                    .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(60)))
                    .attrition(Attrition.builder().scope(FailureDomain.MACHINE).build())
                    .chaosDuration(Duration.ofSeconds(60))
                    .seeds(seed)
                    .run()
                    .runs()
                    .getFirst();
            r.assertPassed();
            // every process's reboots come in pairs with its machine's other process, at the same instants
            Map<String, List<Long>> begun = new TreeMap<>();
            r.lifecycle().forEach(e -> {
                if (e.kind() == io.moonpool.sim.LifecycleEntry.Kind.RESTARTED) {
                    begun.computeIfAbsent(e.ip().getHostAddress(), k -> new ArrayList<>())
                            .add(e.simTime().toNanos());
                }
            });
            assertTrue(!begun.isEmpty(), "no restart at all");
            for (int m = 0; m < 3; m++) {
                assertEquals(begun.get("10.0.1." + (2 * m + 1)), begun.get("10.0.1." + (2 * m + 2)), "machine " + m);
            }
        }
    }

    @Test
    void zoneScopedAttritionOnShapesDrawnPerSeedReplaysExactly() {
        Layout ranges = Layout.builder()
                .datacenters(1, 2)
                .zonesPerDatacenter(2, 3)
                .machinesPerZone(1, 2)
                .processesPerMachine(1, 2)
                .build();
        SimulationBuilder.create()
                .processes(ranges, () -> new AttritionTest.Beater())
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(30)))
                .attrition(Attrition.builder().scope(FailureDomain.ZONE).build())
                .chaosDuration(Duration.ofSeconds(30))
                .seeds(seeds(6))
                .checkDeterminism() // every seed twice, its fingerprints compared step by step
                .run()
                .assertPassed();
    }
}
