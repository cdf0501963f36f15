package io.moonpool.examples.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.junit.SimulationTest;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import org.junit.jupiter.api.Test;

/**
 * The key-value store's simulation passes a sweep of fixed seeds with every bug off, and catches each bug
 * within a fixed seed budget, naming the property it broke and printing the seed's replay line and timeline.
 * {@code -Dkv.bug=stale-read -Dmoonpool.seed=35 -Dtest=KvSimulationTest#everyAcknowledgedWriteSurvivesAttritionAndChaos}
 * shows the sweep's method failing on a seed that catches the bug.
 */
class KvSimulationTest {

    @SimulationTest(seeds = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    SimulationBuilder everyAcknowledgedWriteSurvivesAttritionAndChaos() {
        return KvSimulation.simulation();
    }

    @Test
    void acknowledgingBeforeForcingIsCaughtWithinThreeSeeds() {
        SimulationReport report =
                KvSimulation.simulation(KvBug.ACK_BEFORE_FORCE).seeds(1, 2, 3).run();
        assertCaught(report, "a replica's log keeps every write it acknowledged");
    }

    @Test
    void readingFromOneReplicaIsCaughtWithinFortySeeds() {
        // rarer than a lost write: anti-entropy brings a lagging replica up to date within a second, so the
        // read must reach it in that window (seed 35 is the first)
        long[] seeds = new long[40];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = i + 1;
        }
        SimulationReport report =
                KvSimulation.simulation(KvBug.STALE_READ).seeds(seeds).run();
        assertCaught(report, "a read never returns a value older than a write acknowledged before it began");
    }

    @Test
    void aBugSwitchThatNamesNoBugIsRejectedWithTheValidValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KvBug.parse("ack"));
        assertTrue(e.getMessage().contains("use one of none, ack-before-force, stale-read"), e.getMessage());
        assertEquals(KvBug.STALE_READ, KvBug.parse("stale-read"));
        assertEquals(KvBug.ACK_BEFORE_FORCE, KvBug.parse(" Ack-Before-Force "));
        assertEquals(KvBug.NONE, KvBug.parse(null));
        assertEquals(KvBug.NONE, KvBug.parse(""));
    }

    private static void assertCaught(SimulationReport report, String property) {
        assertFalse(report.failedSeeds().isEmpty(), "the bug passed every seed of the budget:\n" + report);
        RunResult first =
                report.runs().stream().filter(r -> !r.passed()).findFirst().orElseThrow();
        String message = first.failure().orElseThrow().message();
        assertTrue(message.contains(property), message);
        String printed = report.toString();
        assertTrue(printed.contains("replay: -Dmoonpool.seed=" + first.seed()), printed);
        assertTrue(printed.contains("timeline, the last"), printed);
    }
}
