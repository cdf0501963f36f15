package io.moonpool.sim.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.FailureKind;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** When a deadlock report waits for a wake-up from outside the simulation, and when it need not. */
class DeadlockReportTest {

    private static Kernel kernel() {
        return new Kernel(new SplittableRandom(1), Kernel.DEFAULT_MAX_STEPS_PER_INSTANT, Long.MAX_VALUE);
    }

    @Test
    void aDeadlockWithNoThreadOutsideTheSimulationIsReportedWithoutWaiting() {
        Kernel kernel = kernel();
        SimTask stuck = kernel.spawn("stuck", "owner", () -> kernel.park(kernel));
        try {
            kernel.run(stuck);
        } finally {
            kernel.shutdown();
        }
        assertEquals(FailureKind.DEADLOCK, kernel.failure().kind());
        assertFalse(kernel.foreignGraceTaken(), "no platform thread was started: nothing could have woken it");
    }

    @Test
    void aTaskWokenLateByAPlatformThreadItStartedIsStillReportedAsAForeignWake() throws Exception {
        Kernel kernel = kernel();
        // made outside the simulation (a thread a task makes is an ESCAPE at once), started by the task
        java.util.concurrent.atomic.AtomicReference<Thread> me = new java.util.concurrent.atomic.AtomicReference<>();
        Thread lateWaker = Thread.ofPlatform().name("late-waker").unstarted(() -> {
            // wake it only once the kernel, finding nothing to run, waits for a wake-up from outside
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!kernel.foreignGraceTaken() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            LockSupport.unpark(me.get());
        });
        SimTask waiter = kernel.spawn("waiter", "owner", () -> {
            me.set(Thread.currentThread());
            lateWaker.start();
            LockSupport.park(kernel);
        });
        try {
            kernel.run(waiter);
        } finally {
            kernel.shutdown();
        }
        assertTrue(kernel.foreignGraceTaken());
        assertEquals(
                FailureKind.FOREIGN_WAKE,
                kernel.failure().kind(),
                kernel.failure().message());
        assertTrue(
                kernel.failure().message().contains("late-waker"),
                kernel.failure().message());
    }

    @Test
    void theGraceIsWorthWaitingOnlyWhenAPlatformThreadStartedDuringTheRun() {
        assertFalse(Kernel.foreignWakeMayCome(17, 17));
        assertTrue(Kernel.foreignWakeMayCome(17, 18));
    }
}
