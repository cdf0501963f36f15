package io.moonpool.sim.internal.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import io.moonpool.sim.BuggifySite;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import io.moonpool.sim.internal.kernel.Kernel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** What {@code ctx.time().timeout} leaves in the kernel's event queue; late wake-ups under buggify. */
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

    /** The seeds of a 40-seed sweep in which the probe saw a late wake-up, and the report. */
    private record Sweep(Set<Long> late, SimulationReport report) {
        BuggifySite site() {
            return report.buggifySites().stream()
                    .filter(s -> s.site().equals(NodeTime.SLEEP_LATE))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("never ran: " + report.buggifySites()));
        }
    }

    private interface LateProbe {
        /** How late a wake-up was, in nanoseconds. */
        long lateness(SimContext ctx) throws Exception;
    }

    private static Sweep sweep(boolean buggify, LateProbe probe) {
        Set<Long> late = new TreeSet<>();
        long[] seeds = new long[40];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = i + 1;
        }
        SimulationReport report = SimulationBuilder.create()
                .buggify(buggify)
                .workload((Workload) ctx -> {
                    for (int i = 0; i < 20; i++) {
                        long by = probe.lateness(ctx);
                        assertTrue(by >= 0 && by <= NodeTime.MAX_LATE_NANOS, "late by " + by);
                        if (by > 0) {
                            assertTrue(by >= NodeTime.MIN_LATE_NANOS, "late by " + by);
                            late.add(ctx.seed());
                        }
                    }
                })
                .seeds(seeds)
                .run();
        report.assertPassed();
        return new Sweep(late, report);
    }

    private static void assertLateInSomeSeedsOnlyWhereActive(LateProbe probe) {
        Sweep on = sweep(true, probe);
        assertFalse(on.late().isEmpty(), "nothing was late: " + on.site());
        assertTrue(new TreeSet<>(on.site().seedsActive()).containsAll(on.late()), on.late() + " " + on.site());
        Sweep off = sweep(false, probe);
        assertEquals(Set.of(), off.late());
        assertEquals(List.of(), off.report().buggifySites());
    }

    @Test
    void aSleepWakesLateInSomeSeedsBoundedlyAndNeverWithBuggifyOff() {
        assertLateInSomeSeedsOnlyWhereActive(ctx -> {
            long start = ctx.time().nanoTime();
            ctx.time().sleep(Duration.ofMillis(1));
            return ctx.time().nanoTime() - start - 1_000_000;
        });
    }

    @Test
    void aTimeoutFiresLateInSomeSeedsBoundedlyAndNeverWithBuggifyOff() {
        assertLateInSomeSeedsOnlyWhereActive(ctx -> {
            long start = ctx.time().nanoTime();
            long[] interruptedAt = new long[1];
            assertThrows(
                    TimeoutException.class,
                    () -> ctx.time().timeout(Duration.ofMillis(1), () -> {
                        try {
                            ctx.time().sleep(Duration.ofHours(1));
                        } finally {
                            interruptedAt[0] = ctx.time().nanoTime();
                        }
                        return null;
                    }));
            return interruptedAt[0] - start - 1_000_000;
        });
    }

    @Test
    void aZeroSleepStaysAYield() {
        Sweep on = sweep(true, ctx -> {
            long start = ctx.time().nanoTime();
            ctx.time().sleep(Duration.ZERO);
            return ctx.time().nanoTime() - start;
        });
        assertEquals(Set.of(), on.late());
        assertEquals(List.of(), on.report().buggifySites(), "a zero sleep does not even ask buggify");
    }
}
