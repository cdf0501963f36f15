package io.moonpool.sim.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The watchdog's judgement, with the real clock replaced by the times passed in: the task under watch looks
 * at itself through a watch of the test's own, which is what the watchdog thread sees while that task spins.
 */
class StuckStepWatchdogTest {

    private static final long STUCK = StuckStepWatchdog.STUCK_NANOS;

    @Test
    void aStepThatRunsTooLongIsReportedOnceWithItsNameSeedAndStack() {
        Kernel kernel = new Kernel(new SplittableRandom(1), Kernel.DEFAULT_MAX_STEPS_PER_INSTANT, Long.MAX_VALUE);
        kernel.label("seed 42");
        StuckStepWatchdog.Watch watch = new StuckStepWatchdog.Watch(kernel);
        List<String> reports = new ArrayList<>();
        SimTask spinner = kernel.spawn("spinner", null, () -> {
            reports.add(watch.look(0));
            reports.add(watch.look(STUCK - 1));
            reports.add(watch.look(STUCK));
            reports.add(watch.look(2 * STUCK));
        });
        try {
            kernel.run(spinner);
        } finally {
            kernel.shutdown();
        }
        assertNull(reports.get(0), "the first look only starts the clock");
        assertNull(reports.get(1), "not stuck yet");
        String report = reports.get(2);
        assertNotNull(report, "stuck for the whole threshold");
        assertTrue(report.contains("seed 42") && report.contains("task 'spinner'") && report.contains("10 s"), report);
        assertTrue(report.contains("StuckStepWatchdogTest"), "the stack shows where it spins: " + report);
        assertNull(reports.get(3), "one report per stuck step");
    }

    @Test
    void aKernelThatTakesStepsIsNeverReported() {
        Kernel kernel = new Kernel(new SplittableRandom(1), Kernel.DEFAULT_MAX_STEPS_PER_INSTANT, Long.MAX_VALUE);
        StuckStepWatchdog.Watch watch = new StuckStepWatchdog.Watch(kernel);
        List<String> reports = new ArrayList<>();
        SimTask busy = kernel.spawn("busy", null, () -> {
            for (int i = 0; i < 5; i++) {
                reports.add(watch.look(i * STUCK));
                try {
                    kernel.sleep(1_000);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        });
        try {
            kernel.run(busy);
        } finally {
            kernel.shutdown();
        }
        assertEquals(
                List.of(),
                reports.stream().filter(r -> r != null).toList(),
                "each look sees a new step, so the clock restarts");
        assertEquals(5, reports.size());
    }

    @Test
    void nothingIsReportedBetweenSteps() {
        Kernel kernel = new Kernel(new SplittableRandom(1), Kernel.DEFAULT_MAX_STEPS_PER_INSTANT, Long.MAX_VALUE);
        StuckStepWatchdog.Watch watch = new StuckStepWatchdog.Watch(kernel);
        assertNull(watch.look(0));
        assertNull(watch.look(2 * STUCK), "no task runs, so none can be stuck");
    }
}
