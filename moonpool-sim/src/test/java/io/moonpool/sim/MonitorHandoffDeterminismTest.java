package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.moonpool.api.SimContext;
import io.moonpool.api.TaskHandle;
import io.moonpool.api.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One step that releases two contended monitors makes the JDK's unblocker hand two tasks back, in an order
 * and batching that depend on its timing; the next scheduling decision must not.
 */
class MonitorHandoffDeterminismTest {

    /** A holds two monitors while others block on them, then releases both in one step. */
    private static final class TwoMonitors implements Workload {
        private final long spinNanos;

        TwoMonitors(long spinNanos) {
            this.spinNanos = spinNanos;
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            Object m1 = new Object();
            Object m2 = new Object();
            List<TaskHandle<Void>> tasks = new ArrayList<>();
            tasks.add(ctx.tasks().spawn("A", () -> {
                synchronized (m1) {
                    synchronized (m2) {
                        ctx.time().sleep(Duration.ofMillis(1));
                    }
                    // real time between the two releases, to shake the unblocker's batching (not simulated)
                    long t0 = System.nanoTime();
                    while (System.nanoTime() - t0 < spinNanos) {
                        Thread.onSpinWait();
                    }
                }
                return null;
            }));
            tasks.add(ctx.tasks().spawn("B", () -> {
                ctx.time().sleep(Duration.ofNanos(10));
                synchronized (m1) {
                    ctx.random().nextInt();
                }
                return null;
            }));
            tasks.add(ctx.tasks().spawn("C", () -> {
                ctx.time().sleep(Duration.ofNanos(10));
                synchronized (m2) {
                    ctx.random().nextInt();
                }
                return null;
            }));
            for (int i = 0; i < 3; i++) {
                tasks.add(ctx.tasks().spawn("D" + i, () -> {
                    ctx.time().sleep(Duration.ofMillis(1));
                    return null;
                }));
            }
            for (TaskHandle<Void> t : tasks) {
                t.join();
            }
        }
    }

    @Test
    void twoMonitorsReleasedInOneStepReplayTheSame() {
        for (long spin : new long[] {0, 2_000, 10_000, 50_000}) {
            long[] seeds = new long[150];
            Arrays.fill(seeds, 42L);
            SimulationReport report = SimulationBuilder.create()
                    .workload(new TwoMonitors(spin))
                    .seeds(seeds)
                    .run();
            report.assertPassed();
            Set<Long> hashes = new TreeSet<>();
            for (RunResult r : report.runs()) {
                hashes.add(r.traceHash());
            }
            assertEquals(1, hashes.size(), "spin " + spin + " ns gave " + hashes.size() + " different traces");
        }
    }
}
