package io.moonpool.it;

import io.moonpool.sim.SimulationReport;

/**
 * Runs {@link DeterminismForkIT}'s salted simulation and {@link ParallelSimulations#cluster()} in a JVM whose
 * command line carries the run-level flags ({@code -Dmoonpool.checkDeterminism=fork}, {@code -Dmoonpool.shard}),
 * which its worker JVMs must not apply again: they run what they are sent. Prints one line per run.
 */
public final class RunFlagsMain {

    private RunFlagsMain() {}

    /**
     * Entry point.
     *
     * @param args {@code fork} or {@code shard}
     */
    public static void main(String[] args) {
        if (args[0].equals("fork")) {
            SimulationReport r = DeterminismForkIT.salted()
                    .source(DeterminismForkIT.class, "salted")
                    .seeds(1L, 2L)
                    .run();
            System.out.println("divergences " + r.divergences().size());
        } else {
            SimulationReport r = ParallelSimulations.cluster()
                    .source(ParallelSimulations.class, "cluster")
                    .baseSeed(7L)
                    .iterations(8)
                    .parallelism(2)
                    .reportFile(java.nio.file.Path.of(args[1]))
                    .run();
            System.out.println("runs " + r.runs().size());
        }
    }
}
