package io.moonpool.sim.internal.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches running kernels from outside the simulated world: a task that computes without ever blocking
 * (a spin loop) never hands control back, and no simulated mechanism can stop it. The watchdog cannot either,
 * but it names the task, the seed and the stack, so the hang explains itself.
 */
final class StuckStepWatchdog {

    static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long LOOK_EVERY_MILLIS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(StuckStepWatchdog.class);
    // outside the simulated world: the order in which kernels are looked at changes nothing in them
    private static final Map<Kernel, Watch> RUNNING = new ConcurrentHashMap<>();
    private static volatile Thread thread;

    private StuckStepWatchdog() {}

    static void watch(Kernel kernel) {
        RUNNING.put(kernel, new Watch(kernel));
        if (thread == null) {
            start();
        }
    }

    static void unwatch(Kernel kernel) {
        RUNNING.remove(kernel);
    }

    /** What the watchdog knows of one kernel: the step it last saw running, and since when. */
    static final class Watch {
        private final Kernel kernel;
        private long steps = -1;
        private long since;
        private boolean reported;

        Watch(Kernel kernel) {
            this.kernel = kernel;
        }

        /**
         * A report if the same step has been running for {@link #STUCK_NANOS}, once per stuck step.
         *
         * @param nowNanos the real time of this look
         * @return the report, or null
         */
        String look(long nowNanos) {
            long seen = kernel.stepsTaken();
            SimTask running = kernel.runningTask();
            if (seen != steps || running == null) {
                steps = seen;
                since = nowNanos;
                reported = false;
                return null;
            }
            if (reported || nowNanos - since < STUCK_NANOS) {
                return null;
            }
            reported = true;
            StringBuilder sb = new StringBuilder("moonpool: ")
                    .append(kernel.label())
                    .append(" task '")
                    .append(running.name())
                    .append("' has run for ")
                    .append(TimeUnit.NANOSECONDS.toSeconds(nowNanos - since))
                    .append(" s of real time without blocking. A busy loop (such as spinning on a flag with")
                    .append(" Thread.onSpinWait()) never hands control back, so the simulation cannot go on; wait")
                    .append(" with ctx.time() or a JDK primitive instead. Its stack:")
                    // every frame: the loop may be deep below the frame that spins
                    .append(TaskStacks.format(running.thread().getStackTrace(), 0, Integer.MAX_VALUE));
            return sb.toString();
        }
    }

    private static synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Thread.ofPlatform().daemon().name("moonpool-watchdog").start(() -> {
            while (true) {
                try {
                    Thread.sleep(LOOK_EVERY_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                for (Watch w : RUNNING.values()) {
                    String report = w.look(now);
                    if (report != null) {
                        LOG.error(report);
                    }
                }
            }
        });
    }
}
