package io.moonpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.FailureKind;
import io.moonpool.sim.MergeReports;
import io.moonpool.sim.RunFailure;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker JVMs and shards give exactly the results of one sequential run: the same seeds, per-seed results, trace
 * hashes, tables and report, wall times aside; a worker that dies fails only the seed it was running.
 */
class ParallelRunIT {

    private static final long BASE = 0x5EED_0012L;

    @Test
    void twoWorkerJvmsGiveTheResultsOfASequentialRun() {
        SimulationReport sequential = ParallelSimulations.cluster()
                .iterations(500)
                .baseSeed(BASE)
                .parallelism(1)
                .run();
        SimulationReport parallel = ParallelSimulations.cluster()
                .source(ParallelSimulations.class, "cluster")
                .iterations(500)
                .baseSeed(BASE)
                .parallelism(2)
                .run();

        assertEquals(500, parallel.runs().size());
        assertFalse(sequential.failedSeeds().isEmpty(), "the planted failure fails some seeds");
        assertTrue(sequential.runs().stream().anyMatch(r -> !r.rebootCounts().isEmpty()), "attrition rebooted");
        assertTrue(sequential.faults().size() + sequential.metrics().size() > 0);
        assertEquals(comparable(sequential.runs()), comparable(parallel.runs()));
        assertEquals(
                sequential.runs().stream().map(RunResult::traceHash).toList(),
                parallel.runs().stream().map(RunResult::traceHash).toList());
        assertEquals(sequential.assertions(), parallel.assertions());
        assertEquals(sequential.buggifySites(), parallel.buggifySites());
        assertEquals(sequential.swarmOperations(), parallel.swarmOperations());
        assertEquals(sequential.metrics(), parallel.metrics());
        assertEquals(sequential.reproductions(), parallel.reproductions());
        assertEquals(withoutWallTimes(sequential.toString()), withoutWallTimes(parallel.toString()));
        assertEquals(jsonWithoutWallTimes(sequential.toJson()), jsonWithoutWallTimes(parallel.toJson()));
    }

    @Test
    void aWorkerThatDiesFailsTheSeedItWasRunningAndTheOthersComplete() {
        SimulationBuilder here = SimulationBuilder.create();
        ParallelSimulations.halting(here);
        // late in the run, when seeds go out in chunks: the chunk's seeds run again one by one to find the killer
        long doomed = here.iterations(60)
                .baseSeed(BASE)
                .parallelism(1)
                .run()
                .runs()
                .get(45)
                .seed();
        System.setProperty(ParallelSimulations.HALT_SEED, Long.toString(doomed));
        System.setProperty(
                ParallelSimulations.PARENT_PID,
                Long.toString(ProcessHandle.current().pid()));
        SimulationReport report;
        try {
            SimulationBuilder b = SimulationBuilder.create();
            ParallelSimulations.halting(b);
            report = b.source(ParallelSimulations.class, "halting")
                    .iterations(60)
                    .baseSeed(BASE)
                    .parallelism(2)
                    .run();
        } finally {
            System.clearProperty(ParallelSimulations.HALT_SEED);
            System.clearProperty(ParallelSimulations.PARENT_PID);
        }
        assertEquals(60, report.runs().size());
        assertEquals(List.of(doomed), report.failedSeeds());
        RunFailure f = report.runs().get(45).failure().orElseThrow();
        assertEquals(FailureKind.INTERNAL, f.kind());
        assertEquals("worker JVM", f.source());
        assertTrue(
                f.message().contains("died while running seed " + doomed + " (iteration 45): exit code 37"),
                f.message());
        assertTrue(f.message().contains("halting on purpose in seed " + doomed), f.message());
        assertTrue(report.reproduction(doomed).isEmpty(), "a seed that killed its worker is not re-run in the parent");
    }

    @Test
    void aCoverageDrivenRunStopsAfterTheSameSeedAsASequentialOne() {
        SimulationReport sequential = ParallelSimulations.buckets()
                .untilCoverage(2_000)
                .plateau(30)
                .baseSeed(BASE)
                .parallelism(1)
                .run();
        SimulationReport parallel = ParallelSimulations.buckets()
                .source(ParallelSimulations.class, "buckets")
                .untilCoverage(2_000)
                .plateau(30)
                .baseSeed(BASE)
                .parallelism(2)
                .run();
        assertEquals(io.moonpool.sim.StopReason.COVERAGE_PLATEAU, sequential.stopReason());
        assertTrue(sequential.runs().size() > 31, "buckets kept appearing after the first seed");
        assertEquals(sequential.stopReason(), parallel.stopReason());
        assertEquals(comparable(sequential.runs()), comparable(parallel.runs()));
        assertEquals(sequential.assertions(), parallel.assertions());
    }

    @Test
    void anInterruptedRunStopsItsWorkers() {
        java.util.Set<Long> before = descendants();
        Thread.currentThread().interrupt();
        io.moonpool.api.MoonpoolException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.moonpool.api.MoonpoolException.class,
                () -> ParallelSimulations.cluster()
                        .source(ParallelSimulations.class, "cluster")
                        .iterations(50)
                        .parallelism(2)
                        .run());
        assertTrue(Thread.interrupted(), "the interrupt flag is set again");
        assertTrue(e.getMessage().startsWith("interrupted while worker JVMs ran the simulation"), e.getMessage());
        java.util.Set<Long> after = descendants();
        after.removeAll(before);
        assertEquals(java.util.Set.of(), after, "worker JVMs left running");
    }

    private static java.util.Set<Long> descendants() {
        java.util.Set<Long> pids = new java.util.TreeSet<>();
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).forEach(p -> pids.add(p.pid()));
        return pids;
    }

    @Test
    void fourShardsInFourJvmsMergeIntoTheUnshardedRunsReport(@TempDir Path dir) throws Exception {
        int iterations = 80;
        List<Process> shards = new ArrayList<>();
        List<Path> reports = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Path report = dir.resolve("report-shard-" + i + ".json");
                reports.add(report);
                shards.add(new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                                "-Dmoonpool.shard=" + i + "/4",
                                "-cp",
                                System.getProperty("java.class.path"),
                                ShardMain.class.getName(),
                                Integer.toString(iterations),
                                Long.toString(BASE),
                                report.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("shard-" + i + ".log").toFile())
                        .start());
            }
            SimulationReport whole = ParallelSimulations.cluster()
                    .iterations(iterations)
                    .baseSeed(BASE)
                    .parallelism(1)
                    .run();
            for (int i = 0; i < 4; i++) {
                Process p = shards.get(i);
                assertTrue(p.waitFor(3, TimeUnit.MINUTES), "shard " + i + " did not end");
                assertEquals(
                        0,
                        p.exitValue(),
                        "shard " + i + ": "
                                + Files.readString(dir.resolve("shard-" + i + ".log"), StandardCharsets.UTF_8));
            }
            String merged = MergeReports.merge(dir.resolve("merged.json"), reports);
            assertEquals(jsonWithoutWallTimes(whole.toJson()), jsonWithoutWallTimes(merged));
        } finally {
            for (Process p : shards) {
                p.destroyForcibly();
            }
        }
    }

    /** The results without what legitimately differs: wall times, and the exception object (text crosses). */
    private static List<RunResult> comparable(List<RunResult> runs) {
        return runs.stream()
                .map(r -> new RunResult(
                        r.seed(),
                        r.failure()
                                .map(f -> new RunFailure(
                                        f.kind(),
                                        f.phase(),
                                        f.source(),
                                        f.message(),
                                        f.simTime(),
                                        f.stackTrace(),
                                        Optional.empty())),
                        r.simTime(),
                        r.events(),
                        r.traceHash(),
                        Duration.ZERO,
                        r.rebootCounts(),
                        r.rebootsByInjector(),
                        r.lifecycle(),
                        r.timeline(),
                        r.faults()))
                .toList();
    }

    private static String withoutWallTimes(String report) {
        return report.replaceAll("(?m)^  wall time.*$", "");
    }

    private static String jsonWithoutWallTimes(String json) {
        return json.replaceAll("(?s)\"wallTimeMicros\": \\{.*?\\}", "").replaceAll("\"wallTimeNanos\": \\d+", "");
    }
}
