package io.moonpool.sim.internal.kernel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Watches running kernels from outside the simulated world: a task that computes without ever blocking
 * (a spin loop) never hands control back, and no simulated mechanism can stop it. The watchdog cannot either,
 * but it names the task, the seed and the stack, so the hang explains itself.
 */
final class StuckStepWatchdog {

    static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final Logger LOG = LoggerFactory.getLogger(StuckStepWatchdog.class);
    private static final Set<Kernel> RUNNING = ConcurrentHashMap.newKeySet();
    private static volatile Thread thread;

    private StuckStepWatchdog() {
    }

    static void watch(Kernel kernel) {
        RUNNING.add(kernel);
        if (thread == null) {
            start();
        }
    }

    static void unwatch(Kernel kernel) {
        RUNNING.remove(kernel);
    }

    private static synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Thread.ofPlatform().daemon().name("moonpool-watchdog").start(() -> {
            while (true) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                for (Kernel k : RUNNING) {
                    String report = k.stuckReport(now);
                    if (report != null) {
                        LOG.error(report);
                    }
                }
            }
        });
    }
}
