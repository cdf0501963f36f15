package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Assertions;
import io.moonpool.api.Buggify;
import io.moonpool.api.SimContext;
import io.moonpool.api.Swarm;
import io.moonpool.api.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shards of a run ({@code -Dmoonpool.shard=i/n}, here one after another in this JVM) run exactly the seeds of
 * the unsharded run between them, and {@link MergeReports} gives its JSON report back, wall times aside.
 */
class MergeReportsTest {

    private static final long BASE = 77_001L;

    /** Assertions of every kind, buggify, swarm and metrics; a few seeds fail. */
    static final class Mixed implements Workload {
        @Override
        public void run(SimContext ctx) throws Exception {
            int n = ctx.random().nextInt(20);
            for (int i = 0; i < n; i++) {
                ctx.time().sleep(java.time.Duration.ofMillis(1 + ctx.random().nextInt(5)));
                ctx.metrics().record("latency", ctx.random().nextInt(50_000));
                Assertions.sometimes(i > 10, "long run");
                Assertions.sometimesGreaterThan(i, 15, "reaches 15");
                Assertions.sometimesLessThan(n - i, 2, "near the end");
                Assertions.sometimesEach("bucket", i % 4);
                Assertions.sometimesAll("both", Map.of("odd", i % 2 == 1, "big", i > 12));
                if (Buggify.fire("slow path")) {
                    ctx.metrics().record("buggified", i);
                }
                if (Swarm.enabled("op" + (i % 3))) {
                    Assertions.reachable("op used");
                }
            }
            Assertions.always(n != 7, "never seven");
        }
    }

    private static SimulationBuilder simulation(int iterations) {
        return SimulationBuilder.create()
                .workload(new Mixed())
                .expect("never reached")
                .iterations(iterations)
                .baseSeed(BASE);
    }

    private static String shard(int i, int n, int iterations, Path file) {
        System.setProperty("moonpool.shard", i + "/" + n);
        try {
            simulation(iterations).reportFile(file).run();
        } finally {
            System.clearProperty("moonpool.shard");
        }
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void mergedShardsEqualTheUnshardedRunsReport(@TempDir Path dir) {
        SimulationReport whole = simulation(61).run();
        assertTrue(whole.failedSeeds().size() > 0, "some seed fails");
        Map<String, String> shards = new LinkedHashMap<>();
        // given out of order: the merge orders by iteration, not by file
        for (int i : new int[] {2, 0, 3, 1}) {
            Path file = dir.resolve("shard-" + i + ".json");
            shards.put(file.toString(), shard(i, 4, 61, file));
        }
        Object shard1 = ReportJson.parse(shards.get(dir.resolve("shard-1.json").toString()));
        List<Object> runs = ParsedJson.array(ParsedJson.object(shard1).get("runs"));
        assertEquals(15, runs.size(), "shard 1/4 of 61 runs iterations 1, 5, ..., 57");
        assertEquals(57L, ParsedJson.object(runs.getLast()).get("iteration"));

        String merged = MergeReports.mergeJson(shards);
        assertEquals(withoutWallTimes(whole.toJson()), withoutWallTimes(merged));

        Path out = dir.resolve("merged/report.json");
        MergeReports.merge(
                out,
                List.of(
                        dir.resolve("shard-0.json"),
                        dir.resolve("shard-1.json"),
                        dir.resolve("shard-2.json"),
                        dir.resolve("shard-3.json")));
        assertTrue(Files.exists(out));
    }

    @Test
    void reportsThatAreNotEveryShardOfOneRunAreRejected(@TempDir Path dir) {
        String s0 = shard(0, 2, 6, dir.resolve("a.json"));
        String s1 = shard(1, 2, 6, dir.resolve("b.json"));
        IllegalArgumentException twice = assertThrows(
                IllegalArgumentException.class, () -> MergeReports.mergeJson(Map.of("a.json", s0, "c.json", s0)));
        assertTrue(twice.getMessage().contains("shard 0/2 was given twice: "), twice.getMessage());
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> MergeReports.mergeJson(Map.of("b.json", s1)));
        assertTrue(missing.getMessage().startsWith("shard(s) [0] of 2 are missing"), missing.getMessage());
        String other = s1.replace("\"baseSeed\": " + BASE, "\"baseSeed\": 5");
        IllegalArgumentException different = assertThrows(
                IllegalArgumentException.class, () -> MergeReports.mergeJson(Map.of("a.json", s0, "b.json", other)));
        assertTrue(
                different.getMessage().startsWith("the reports are shards of different runs: ")
                        && different.getMessage().contains(" has baseSeed "),
                different.getMessage());
        String whole = simulation(2).run().toJson();
        IllegalArgumentException unsharded =
                assertThrows(IllegalArgumentException.class, () -> MergeReports.mergeJson(Map.of("w.json", whole)));
        assertTrue(
                unsharded.getMessage().contains("is the report of a whole run, not of a shard"),
                unsharded.getMessage());
    }

    @Test
    void aBadShardPropertyAndACoverageDrivenShardAreRejectedNamingTheFix() {
        for (String bad : List.of("4/4", "-1/2", "1", "a/b", "0/0")) {
            System.setProperty("moonpool.shard", bad);
            try {
                io.moonpool.api.ConfigurationException e = assertThrows(
                        io.moonpool.api.ConfigurationException.class,
                        () -> simulation(3).run());
                assertTrue(
                        e.getMessage()
                                .contains("system property moonpool.shard=" + bad + " is not a shard: give i/n"
                                        + " with 0 <= i < n"),
                        e.getMessage());
            } finally {
                System.clearProperty("moonpool.shard");
            }
        }
        System.setProperty("moonpool.shard", "0/2");
        try {
            io.moonpool.api.ConfigurationException e = assertThrows(
                    io.moonpool.api.ConfigurationException.class,
                    () -> SimulationBuilder.create()
                            .workload(new Mixed())
                            .untilCoverage(300)
                            .run());
            assertTrue(e.getMessage().contains("untilCoverage(max) decides from every seed"), e.getMessage());
        } finally {
            System.clearProperty("moonpool.shard");
        }
    }

    /** The JSON without the fields that hold wall times, which differ between two runs of the same seeds. */
    static Object withoutWallTimes(String json) {
        Map<String, Object> report = ParsedJson.object(ReportJson.parse(json));
        report.remove("wallTimeNanos");
        ParsedJson.object(report.get("perIteration")).remove("wallTimeMicros");
        for (Object run : ParsedJson.array(report.get("runs"))) {
            ParsedJson.object(run).remove("wallTimeNanos");
        }
        return report;
    }
}
