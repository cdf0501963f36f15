package io.moonpool.sim.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Kernel#onKernelThread}: framework work a task asks for runs on the kernel thread, and the task goes on
 * in the same step, so that neither the scheduling nor the trace hash changes.
 */
class KernelThreadWorkTest {

    /** Two tasks that take turns; one of them, when {@code offload}, has work done on the kernel thread. */
    private static Kernel run(boolean offload, List<String> log) {
        Kernel kernel = new Kernel(new SplittableRandom(3), Kernel.DEFAULT_MAX_STEPS_PER_INSTANT, Long.MAX_VALUE);
        Thread kernelThread = Thread.currentThread();
        SimTask root = kernel.spawn("root", null, () -> {
            SimTask other = kernel.spawn("other", null, () -> {
                for (int i = 0; i < 3; i++) {
                    log.add("other " + i);
                    Thread.yield();
                }
            });
            for (int i = 0; i < 3; i++) {
                if (offload) {
                    Thread on = kernel.onKernelThread(Thread::currentThread);
                    log.add("root " + i + (on == kernelThread ? " (work on the kernel thread)" : " (work elsewhere)"));
                } else {
                    log.add("root " + i + " (work on the kernel thread)");
                }
                Thread.yield();
            }
            while (!other.isDone()) {
                Thread.yield();
            }
        });
        kernel.run(root);
        assertNull(kernel.failure(), () -> kernel.failure().message());
        return kernel;
    }

    @Test
    void workRunsOnTheKernelThreadWithinTheSameStepLeavingTheTraceAsItWas() {
        List<String> plain = new ArrayList<>();
        List<String> offloaded = new ArrayList<>();
        Kernel a = run(false, plain);
        Kernel b = run(true, offloaded);
        assertEquals(plain, offloaded);
        assertEquals(a.steps(), b.steps());
        assertEquals(a.traceHash(), b.traceHash());
        assertTrue(offloaded.contains("root 2 (work on the kernel thread)"), offloaded::toString);
    }

    @Test
    void anExceptionOfTheWorkIsThrownInTheTaskAndAnInterruptSurvives() {
        Kernel kernel = new Kernel(new SplittableRandom(3), Kernel.DEFAULT_MAX_STEPS_PER_INSTANT, Long.MAX_VALUE);
        IllegalStateException boom = new IllegalStateException("boom");
        Object[] seen = new Object[2];
        SimTask root = kernel.spawn("root", null, () -> {
            Thread.currentThread().interrupt();
            seen[0] = assertThrows(
                    IllegalStateException.class,
                    () -> kernel.onKernelThread(() -> {
                        throw boom;
                    }));
            seen[1] = Thread.interrupted();
        });
        kernel.run(root);
        assertNull(kernel.failure());
        assertSame(boom, seen[0]);
        assertEquals(true, seen[1]);
    }
}
