package io.moonpool.sim.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.FailureKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The livelock report, a plain function of the tasks' step counts, on made-up tasks. */
class FailureReportsTest {

    private static SimTask task(long id, long instant, long steps) {
        SimTask t = new SimTask(null, id, "t" + id, null);
        t.stepInstant = instant;
        t.stepsAtInstant = steps;
        return t;
    }

    @Test
    void aLivelockNamesTheBusiestTasksFirstAndLeavesOutBystanders() {
        List<SimTask> live = List.of(task(0, 5, 10), task(1, 5, 600), task(2, 4, 900), task(3, 5, 400));
        KernelFailure f = FailureReports.livelock(5, live, 1_001, 1_000);
        assertEquals(FailureKind.LIVELOCK, f.kind());
        // t2 stepped at an earlier instant; t0's 10 steps are under 1% of the 1,001 at this one
        assertEquals(List.of("t1", "t3"), f.tasks());
        assertTrue(f.message().contains("1000 task steps without time advancing, by 3 task(s)"), f.message());
    }

    @Test
    void whenEveryTaskIsABystanderTheBusiestFiveAreNamedAllTheSame() {
        List<SimTask> live = List.of(
                task(0, 7, 1),
                task(1, 7, 3),
                task(2, 7, 2),
                task(3, 7, 3),
                task(4, 7, 1),
                task(5, 7, 1),
                task(6, 7, 1));
        KernelFailure f = FailureReports.livelock(7, live, 1_000_001, 1_000_000);
        assertEquals(List.of("t1", "t3", "t2", "t0", "t4"), f.tasks(), "by steps, then by id");
        assertTrue(f.message().contains("... and 2 more"), f.message());
    }
}
