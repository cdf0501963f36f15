package io.moonpool.sim.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one stack filter of failure reports and the watchdog, on made-up frames. */
class TaskStacksTest {

    private static final String NL = System.lineSeparator();

    private static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, "F.java", 1);
    }

    @Test
    void leadingParkingFramesAreLeftOutAndTheSameFramesFurtherDownAreKept() {
        StackTraceElement[] frames = {
            frame("java.lang.VirtualThread", "park"),
            frame("java.lang.System$2", "parkVirtualThread"),
            frame("app.Server", "await"),
            frame("java.lang.VirtualThread", "run"),
        };
        assertEquals(NL + "    at " + frames[2] + NL + "    at " + frames[3], TaskStacks.format(frames, 0, 8));
    }

    @Test
    void framesPastTheLimitAreCutWithAnEllipsis() {
        StackTraceElement[] frames = {frame("a.A", "one"), frame("a.A", "two"), frame("a.A", "three")};
        assertEquals(
                NL + "    at " + frames[0] + NL + "    at " + frames[1] + NL + "    ...",
                TaskStacks.format(frames, 0, 2));
        assertEquals(
                NL + "    at " + frames[1] + NL + "    at " + frames[2],
                TaskStacks.format(frames, 1, 2),
                "starts at the frame asked for");
    }

    @Test
    void theParkingMachineryIsTheVirtualThreadClassAndTheSystemBridges() {
        assertTrue(TaskStacks.isParkingMachinery(frame("java.lang.VirtualThread", "yieldContinuation")));
        assertTrue(TaskStacks.isParkingMachinery(frame("java.lang.System$2", "parkVirtualThread")));
        assertFalse(TaskStacks.isParkingMachinery(frame("java.lang.Thread", "join")));
        assertFalse(TaskStacks.isParkingMachinery(frame("java.util.concurrent.locks.LockSupport", "park")));
    }

    @Test
    void aParkedVirtualThreadsStackStartsAtItsOwnCall() throws Exception {
        Thread parked = Thread.ofVirtual().unstarted(java.util.concurrent.locks.LockSupport::park);
        parked.start();
        while (parked.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        try {
            StackTraceElement[] frames = parked.getStackTrace();
            assertTrue(TaskStacks.isParkingMachinery(frames[0]), "the raw stack starts in the JDK: " + frames[0]);
            String shown = TaskStacks.format(frames, 0, TaskStacks.FRAMES_IN_REPORT);
            assertTrue(shown.startsWith(NL + "    at java.base/java.util.concurrent.locks.LockSupport.park"), shown);
        } finally {
            java.util.concurrent.locks.LockSupport.unpark(parked);
            parked.join();
        }
    }
}
