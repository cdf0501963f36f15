package io.moonpool.it;

import java.nio.file.Path;

/** Runs the ledger cluster's shard named by {@code -Dmoonpool.shard}, in its own JVM, writing its report. */
public final class ShardMain {

    private ShardMain() {}

    /**
     * Runs one shard.
     *
     * @param args the iterations, the base seed and the report file
     */
    public static void main(String[] args) {
        ParallelSimulations.cluster()
                .iterations(Integer.parseInt(args[0]))
                .baseSeed(Long.parseLong(args[1]))
                .parallelism(1)
                .reportFile(Path.of(args[2]))
                .run();
        System.exit(0);
    }
}
