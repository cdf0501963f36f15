package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The same seed replays the same execution; different seeds explore different ones. */
class DeterminismTest {

    @Test
    void theSameSeedGivesTheSameTraceHash200Times() {
        long[] seeds = new long[200];
        Arrays.fill(seeds, 42L);
        ChattyWorkload workload = new ChattyWorkload();
        SimulationReport report =
                SimulationBuilder.create().workload(workload).seeds(seeds).run();
        report.assertPassed();
        RunResult first = report.runs().getFirst();
        assertTrue(first.events() > 50, "the workload should make many decisions, made " + first.events());
        for (RunResult r : report.runs()) {
            assertEquals(first.traceHash(), r.traceHash());
            assertEquals(first.events(), r.events());
            assertEquals(first.simTime(), r.simTime());
        }
    }

    @Test
    void differentSeedsGiveDifferentInterleavings() {
        ChattyWorkload workload = new ChattyWorkload();
        Set<List<String>> logs = new HashSet<>();
        Set<Long> hashes = new HashSet<>();
        for (long seed = 1; seed <= 30; seed++) {
            RunResult r = Sims.runOnce(seed, workload);
            r.assertPassed();
            logs.add(List.copyOf(workload.log));
            hashes.add(r.traceHash());
        }
        assertTrue(logs.size() >= 25, "only " + logs.size() + " distinct executions in 30 seeds");
        assertTrue(hashes.size() >= 25, "only " + hashes.size() + " distinct trace hashes in 30 seeds");
    }

    @Test
    void theTraceHashCoversTheValuesUserCodeDraws() {
        // nextInt and nextLong advance the stream alike, so the runs differ in the values drawn alone
        long ints = Sims.runOnce(3, ctx -> ctx.random().nextInt()).traceHash();
        long longs = Sims.runOnce(3, ctx -> ctx.random().nextLong()).traceHash();
        assertEquals(ints, Sims.runOnce(3, ctx -> ctx.random().nextInt()).traceHash());
        org.junit.jupiter.api.Assertions.assertNotEquals(ints, longs);
    }

    @Test
    void theSameSeedGivesTheSameTraceHashInAFreshJvm() throws Exception {
        long[] seeds = {1, 2, 3, 42, -7, Long.MAX_VALUE};
        List<String> expected = new ArrayList<>();
        for (long seed : seeds) {
            expected.add(seed + " " + Sims.runOnce(seed, new ChattyWorkload()).traceHash());
        }
        List<String> args = new ArrayList<>();
        for (long seed : seeds) {
            args.add(Long.toString(seed));
        }
        ForkedJvm.Result forked = ForkedJvm.run(TraceHashMain.class, true, args);
        assertEquals(0, forked.exitCode(), forked.output());
        assertEquals(expected, forked.output().lines().filter(l -> !l.isBlank()).toList(), forked.output());
    }

    @Test
    void aProcessSeesItsTagsInKeyOrderInEveryJvm() throws Exception {
        List<String> sorted = TopologyOrderMain.KEYS.stream().sorted().toList();
        assertEquals(sorted, TopologyOrderMain.seenOrder());
        for (int i = 0; i < 2; i++) {
            ForkedJvm.Result forked = ForkedJvm.run(TopologyOrderMain.class, true, List.of());
            assertEquals(0, forked.exitCode(), forked.output());
            assertEquals(
                    String.join(",", sorted),
                    forked.output().lines().reduce((a, b) -> b).orElse(""),
                    forked.output());
        }
    }
}
