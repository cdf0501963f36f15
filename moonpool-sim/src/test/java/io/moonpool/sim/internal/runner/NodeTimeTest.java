package io.moonpool.sim.internal.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.internal.kernel.Kernel;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** What {@code ctx.time().timeout} leaves in the kernel's event queue. */
class NodeTimeTest {

    private interface Body {
        void run(SimContext ctx, Kernel kernel) throws Exception;
    }

    private static void inSimulation(Body body) {
        SimulationBuilder.create()
                .workload(new Workload() {
                    @Override
                    public void run(SimContext ctx) throws Exception {
                        body.run(ctx, ((NodeTime) ctx.time()).kernel());
                    }
                })
                .seeds(1)
                .run()
                .assertPassed();
    }

    @Test
    void aMillionTimeoutsThatEndInTimeLeaveTheEventQueueAtItsSize() {
        inSimulation((ctx, kernel) -> {
            int before = kernel.pendingEvents();
            assertEquals(
                    before + 1,
                    ctx.time().timeout(Duration.ofHours(1), kernel::pendingEvents),
                    "a timeout's deadline is pending while its body runs");
            long sum = 0;
            for (int i = 0; i < 1_000_000; i++) {
                sum += ctx.time().timeout(Duration.ofHours(1), () -> 1);
            }
            assertEquals(1_000_000, sum);
            assertEquals(before, kernel.pendingEvents());
        });
    }

    @Test
    void aTimeoutThatFiresLeavesNothingBehind() {
        inSimulation((ctx, kernel) -> {
            int before = kernel.pendingEvents();
            assertThrows(
                    TimeoutException.class,
                    () -> ctx.time().timeout(Duration.ofSeconds(1), () -> {
                        ctx.time().sleep(Duration.ofHours(1));
                        return null;
                    }));
            assertEquals(before, kernel.pendingEvents(), "the interrupted sleep's wake-up is still queued");
        });
    }
}
