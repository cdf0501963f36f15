package io.moonpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.FailureKind;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import io.moonpool.sim.Divergence;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code -Dmoonpool.checkDeterminism=fork}: each seed's second run in a worker JVM, a fresh launch, which is the
 * only way to see what the JDK salts per launch: here the iteration order of {@code Set.of}.
 */
class DeterminismForkIT {

    /** Sleeps in the iteration order of sets made by {@code Set.of}, which changes from one JVM launch to another. */
    static final class SaltedOrder implements Workload {
        // sets of several sizes, of scattered values: the salt picks where and which way iteration starts over a
        // table laid out by hash code
        private static final int[] VALUES = {917, 3, 5581, 42, 77, 1009, 260, 8191, 31, 4444, 123457, 65537, 999};

        private static final List<Set<Integer>> SETS =
                List.of(set(5), set(6), set(7), set(8), set(9), set(10), set(11), set(12), set(13));

        private static Set<Integer> set(int size) {
            Integer[] first = new Integer[size];
            for (int i = 0; i < size; i++) {
                first[i] = VALUES[i];
            }
            return Set.of(first);
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            for (Set<Integer> set : SETS) {
                for (int n : set) {
                    ctx.time().sleep(Duration.ofMillis(1 + n % 17)); // the planted line: the order decides the schedule
                }
            }
        }
    }

    /** The recipe the worker JVM rebuilds the simulation from. */
    static SimulationBuilder salted() {
        return SimulationBuilder.create().workload(new SaltedOrder());
    }

    private static SimulationReport run(String mode, SimulationBuilder b) {
        System.setProperty(SimulationBuilder.CHECK_DETERMINISM_PROPERTY, mode);
        try {
            return b.run();
        } finally {
            System.clearProperty(SimulationBuilder.CHECK_DETERMINISM_PROPERTY);
        }
    }

    @Test
    void forkFindsAnOrderThatTheJdkSaltsPerLaunchAndNamesTheLine() {
        // two launches draw the same salt now and then (measured here: about 1 pair of launches in 30), and then
        // they order every set alike: each run starts a fresh worker JVM, so a few runs see a difference
        SimulationReport report = null;
        for (int attempt = 0;
                attempt < 4 && (report == null || report.divergences().isEmpty());
                attempt++) {
            report = run(
                    "fork", salted().source(DeterminismForkIT.class, "salted").seeds(1L, 2L));
        }
        assertEquals(2, report.divergences().size(), report.toString());
        for (RunResult r : report.runs()) {
            assertEquals(FailureKind.NONDETERMINISM, r.failure().orElseThrow().kind(), report.toString());
            Divergence d = report.divergence(r.seed()).orElseThrow();
            assertTrue(
                    d.runs().stream()
                            .anyMatch(run -> run.stack().stream()
                                    .anyMatch(f -> f.contains("DeterminismForkIT$SaltedOrder.run"))),
                    d.describe());
        }
    }

    @Test
    void inOneJvmTheSameOrderPassesTheCheck() {
        // the same program passes the in-JVM check: within one launch the order is stable
        run("true", salted().seeds(1L, 2L)).assertPassed();
    }

    @Test
    void aProgramThatOrdersItsSetsPassesForkToo() {
        SimulationReport report = run(
                "fork",
                ParallelSimulations.cluster()
                        .source(ParallelSimulations.class, "cluster")
                        .seeds(3L, 4L));
        assertTrue(report.divergences().isEmpty(), report.toString());
        for (RunResult r : report.runs()) {
            assertTrue(
                    r.failure().map(f -> f.kind() != FailureKind.NONDETERMINISM).orElse(true), report.toString());
        }
    }

    @Test
    void runLevelFlagsOnTheCommandLineDoNotReachTheWorkers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String fork = java(List.of("-Dmoonpool.checkDeterminism=fork", RunFlagsMain.class.getName(), "fork"));
        // the worker started and replayed (how many diverge is the test above's: launches may share a salt)
        assertTrue(fork.contains("divergences "), fork);
        String shard = java(List.of(
                "-Dmoonpool.shard=0/2",
                RunFlagsMain.class.getName(),
                "shard",
                dir.resolve("shard.json").toString()));
        assertTrue(shard.contains("runs 4"), shard);
    }

    private static String java(List<String> arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
        command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        command.add("-Dguice_bytecode_gen_option=DISABLED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), out);
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    @Test
    void aSeedThatKillsTheReplaysWorkerFailsAloneAndTheNextSeedsGetAnotherWorker() {
        System.setProperty(ParallelSimulations.HALT_SEED, "2");
        System.setProperty(
                ParallelSimulations.PARENT_PID,
                Long.toString(ProcessHandle.current().pid()));
        SimulationReport report;
        try {
            SimulationBuilder b = SimulationBuilder.create();
            ParallelSimulations.halting(b);
            report = run("fork", b.source(ParallelSimulations.class, "halting").seeds(1L, 2L, 3L));
        } finally {
            System.clearProperty(ParallelSimulations.HALT_SEED);
            System.clearProperty(ParallelSimulations.PARENT_PID);
        }
        assertEquals(List.of(2L), report.failedSeeds(), report.toString());
        io.moonpool.sim.RunFailure f = report.runs().get(1).failure().orElseThrow();
        assertEquals(FailureKind.INTERNAL, f.kind());
        assertEquals("worker JVM", f.source());
        assertTrue(f.message().contains("died while it replayed seed 2"), f.message());
        assertTrue(report.divergences().isEmpty(), report.toString());
    }

    @Test
    void forkWithoutASourceSaysWhatToAdd() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> run("fork", salted()));
        assertTrue(e.getMessage().contains("add .source(MyTest.class, \"simulation\")"), e.getMessage());
    }
}
