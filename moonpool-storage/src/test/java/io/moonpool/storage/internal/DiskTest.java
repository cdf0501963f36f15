package io.moonpool.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** When an operation ends, given when it starts, its service times and the end of the throttle window. */
class DiskTest {

    @Test
    void anOperationStartingAfterTheThrottleWindowTakesItsNormalTime() {
        assertEquals(110, Disk.finish(100, 10, 100, 100));
        assertEquals(110, Disk.finish(100, 10, 100, 0));
    }

    @Test
    void anOperationWhollyInsideTheWindowTakesItsSlowedTime() {
        assertEquals(200, Disk.finish(100, 10, 100, 200));
        assertEquals(200, Disk.finish(100, 10, 100, 1_000));
    }

    @Test
    void anOperationStraddlingTheWindowsEndGoesAtTheNormalPaceAfterIt() {
        // 40 of its slowed 100 inside the window is 40% of the work; the other 60% of 10 takes 6
        assertEquals(146, Disk.finish(100, 10, 100, 140));
        // a 1 ms write ten times slower, 5 ms of window left: half done, 0.5 ms to go
        assertEquals(5_500_000, Disk.finish(0, 1_000_000, 10_000_000, 5_000_000));
    }

    @Test
    void aFactorOfOneChangesNothing() {
        assertEquals(110, Disk.finish(100, 10, 10, 105));
    }

    @Test
    void aServiceTimeProductSaturatesInsteadOfWrapping() {
        org.junit.jupiter.api.Assertions.assertEquals(6, Disk.times(2, 3));
        org.junit.jupiter.api.Assertions.assertEquals(Long.MAX_VALUE / 4, Disk.times(Long.MAX_VALUE / 8, 1_000));
        org.junit.jupiter.api.Assertions.assertEquals(0, Disk.times(Long.MAX_VALUE, 0));
    }
}
