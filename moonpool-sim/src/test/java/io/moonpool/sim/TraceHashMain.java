package io.moonpool.sim;

/** Prints "seed hash" for each seed given, for the fresh-JVM determinism test. */
public final class TraceHashMain {

    private TraceHashMain() {}

    /**
     * Entry point.
     *
     * @param args the seeds
     */
    public static void main(String[] args) {
        for (String arg : args) {
            long seed = Long.parseLong(arg);
            RunResult r = Sims.runOnce(seed, new ChattyWorkload());
            if (!r.passed()) {
                System.out.println(
                        "seed " + seed + " failed: " + r.failure().orElseThrow().message());
                System.exit(2);
            }
            System.out.println(seed + " " + r.traceHash());
        }
    }
}
