package io.moonpool.sim.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Cancelling events: {@link Kernel#cancel}, and the wake-ups of sleeps that end early. */
class KernelCancelTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long HOUR = 3_600 * SECOND;

    private interface Body {
        void run(Kernel kernel) throws Exception;
    }

    /** Runs {@code body} as the root task of a fresh kernel and fails with whatever it threw. */
    private static Kernel runRoot(Body body) {
        Kernel kernel = new Kernel(new SplittableRandom(1), Kernel.DEFAULT_MAX_STEPS_PER_INSTANT, Long.MAX_VALUE);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        SimTask root = kernel.spawn("root", null, () -> {
            try {
                body.run(kernel);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        kernel.run(root);
        assertNull(kernel.failure(), () -> kernel.failure().message());
        if (thrown.get() != null) {
            throw new AssertionError("the root task failed", thrown.get());
        }
        return kernel;
    }

    @Test
    void aCancelledEventNeverFiresAndLeavesTheQueueAtOnce() {
        List<String> fired = new ArrayList<>();
        Kernel kernel = runRoot(k -> {
            long kept = k.schedule(SECOND, h -> fired.add("kept"));
            long cancelled = k.schedule(SECOND, h -> fired.add("cancelled"));
            assertEquals(2, k.pendingEvents());
            assertTrue(k.cancel(cancelled));
            assertEquals(1, k.pendingEvents());
            assertFalse(k.cancel(cancelled), "cancelling twice");
            k.sleep(2 * SECOND);
            assertFalse(k.cancel(kept), "cancelling an event that has fired");
        });
        assertEquals(List.of("kept"), fired);
        assertEquals(0, kernel.pendingEvents());
    }

    @Test
    void anEventActionGetsTheHandleItsScheduleReturned() {
        List<Long> handles = new ArrayList<>();
        List<Long> got = new ArrayList<>();
        runRoot(k -> {
            for (int i = 0; i < 3; i++) {
                handles.add(k.schedule(i, got::add));
            }
            k.sleep(SECOND);
        });
        assertEquals(handles, got);
    }

    @Test
    void cancelRefusesAThreadOutsideTheSimulation() throws InterruptedException {
        Kernel kernel = new Kernel(new SplittableRandom(1), Kernel.DEFAULT_MAX_STEPS_PER_INSTANT, Long.MAX_VALUE);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread outsider = new Thread(() -> {
            try {
                kernel.cancel(0);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        outsider.start();
        outsider.join();
        assertInstanceOf(IllegalStateException.class, thrown.get());
    }

    @Test
    void aSleepEndedByAnInterruptCancelsItsWakeUp() {
        List<String> log = new ArrayList<>();
        Kernel kernel = runRoot(k -> {
            SimTask sleeper = k.spawn("sleeper", "test", () -> {
                try {
                    k.sleep(HOUR);
                    log.add("slept");
                } catch (InterruptedException e) {
                    log.add("interrupted at " + k.now());
                }
            });
            k.sleep(0); // the sleeper runs and parks
            assertEquals(1, k.pendingEvents());
            sleeper.thread().interrupt();
            k.sleep(SECOND);
            assertTrue(sleeper.isDone());
            assertEquals(0, k.pendingEvents(), "the interrupted sleep's wake-up is still queued");
        });
        assertEquals(List.of("interrupted at 0"), log);
        assertEquals(SECOND, kernel.now());
    }

    @Test
    void killingASleepingTaskCancelsItsWakeUp() {
        Kernel kernel = runRoot(k -> {
            SimTask sleeper = k.spawn("sleeper", "test", () -> {
                try {
                    k.sleep(HOUR);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            k.sleep(0);
            assertEquals(1, k.pendingEvents());
            k.kill(sleeper);
            assertEquals(0, k.pendingEvents(), "the killed task's wake-up is still queued");
        });
        assertEquals(0, kernel.now());
    }
}
