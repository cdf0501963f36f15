package io.moonpool.sim.internal.kernel;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(KernelFailure.Kind.DEADLOCK, kernel.failure().kind());
        assertFalse(kernel.foreignGraceTaken(), "no platform thread was started: nothing could have woken it");
    }

    @Test
    void aTaskWokenLateByAPlatformThreadItStartedIsStillReportedAsAForeignWake() throws Exception {
        Kernel kernel = kernel();
        CountDownLatch parked = new CountDownLatch(1);
        SimTask waiter = kernel.spawn("waiter", "owner", () -> {
            Thread me = Thread.currentThread();
            Thread.ofPlatform().name("late-waker").start(() -> {
                try {
                    // wake it only once the kernel has found nothing to run: the report must wait for this
                    if (parked.await(30, TimeUnit.SECONDS)) {
                        LockSupport.unpark(me);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            parked.countDown();
            LockSupport.park(kernel);
        });
        try {
            kernel.run(waiter);
        } finally {
            kernel.shutdown();
        }
        assertTrue(kernel.foreignGraceTaken());
        assertEquals(KernelFailure.Kind.FOREIGN_WAKE, kernel.failure().kind(), kernel.failure().message());
        assertTrue(kernel.failure().message().contains("late-waker"), kernel.failure().message());
    }

    @Test
    void theGraceIsWorthWaitingOnlyWhenAPlatformThreadStartedDuringTheRun() {
        assertFalse(Kernel.foreignWakeMayCome(17, 17));
        assertTrue(Kernel.foreignWakeMayCome(17, 18));
    }
}
