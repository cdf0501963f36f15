package io.moonpool.storage;

import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.fault.Attrition;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Processes whose tasks serialise their disk writes with {@code synchronized}, under attrition: every crash
 * kills a task inside the monitor while the others wait to enter it. Prints the heap used after a GC every
 * {@code chunk} iterations, for the test that the heap stays bounded (and for measuring it at 10,000).
 */
public final class SynchronizedWritersMain {

    private SynchronizedWritersMain() {}

    /** A process whose four writers share one file and one monitor. */
    static final class Writers implements SimProcess {
        @Override
        public void run(SimContext ctx) throws Exception {
            Object lock = new Object();
            FileChannel log = ctx.storage().open("log", StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            for (int i = 0; i < 4; i++) {
                ctx.tasks().spawn("writer-" + i, () -> {
                    ByteBuffer block = ByteBuffer.allocate(4 * 1024);
                    while (true) {
                        synchronized (lock) {
                            block.clear();
                            log.write(block, log.size() % (1 << 20));
                            log.force(false);
                            ctx.time().sleep(Duration.ofMillis(5));
                        }
                    }
                });
            }
            ctx.shutdown().await();
        }
    }

    /**
     * Runs the suite.
     *
     * @param iterations how many iterations in all
     * @param chunk      iterations between two heap readings
     * @return the largest heap used after GC, in bytes, over the readings
     */
    static long run(int iterations, int chunk) {
        long most = 0;
        for (int done = 0; done < iterations; done += chunk) {
            SimulationReport report = SimulationBuilder.create()
                    .processes(3, Writers::new)
                    .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(3)))
                    .attrition(Attrition.builder()
                            .maxDead(1)
                            .recoveryDelay(Duration.ofMillis(100), Duration.ofSeconds(1))
                            .gracePeriod(Duration.ofMillis(10), Duration.ofMillis(100))
                            .build())
                    .chaosDuration(Duration.ofSeconds(2))
                    .seeds(seeds(done, Math.min(chunk, iterations - done)))
                    .run();
            report.assertPassed();
            long used = usedHeapAfterGc();
            most = Math.max(most, used);
            System.out.println((done + chunk) + " iterations: heap after GC " + used / (1024 * 1024) + " MiB");
        }
        return most;
    }

    private static long[] seeds(int from, int count) {
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = from + i + 1;
        }
        return seeds;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /**
     * Entry point.
     *
     * @param args the number of iterations, then the chunk size
     */
    public static void main(String[] args) {
        long most = run(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        System.out.println("most heap after GC: " + most / (1024 * 1024) + " MiB");
    }
}
