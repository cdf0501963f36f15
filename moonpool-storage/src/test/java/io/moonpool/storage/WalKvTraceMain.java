package io.moonpool.storage;

import io.moonpool.sim.RunResult;

/** Prints "seed hash" for each seed of the WAL store simulation, for the fresh-JVM determinism test. */
public final class WalKvTraceMain {

    private WalKvTraceMain() {}

    /**
     * Entry point.
     *
     * @param args the seeds
     */
    public static void main(String[] args) {
        long[] seeds = new long[args.length];
        for (int i = 0; i < args.length; i++) {
            seeds[i] = Long.parseLong(args[i]);
        }
        for (RunResult r : WalKvStoreIT.simulate(false, seeds).runs()) {
            System.out.println(r.seed() + " " + r.traceHash() + " " + r.passed());
        }
    }
}
