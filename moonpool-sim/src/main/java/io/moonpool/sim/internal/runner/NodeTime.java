package io.moonpool.sim.internal.runner;

import io.moonpool.api.Time;
import io.moonpool.sim.internal.kernel.EventAction;
import io.moonpool.sim.internal.kernel.Kernel;
import io.moonpool.sim.internal.kernel.SimTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

/**
 * {@link Time} backed by the kernel's clock. Every simulation starts at {@link #EPOCH}.
 */
final class NodeTime implements Time {

    /** The simulated instant at which every iteration starts. */
    static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");

    private final Kernel kernel;
    private final long skewNanos;

    NodeTime(Kernel kernel) {
        this(kernel, 0);
    }

    private NodeTime(Kernel kernel, long skewNanos) {
        this.kernel = kernel;
        this.skewNanos = skewNanos;
    }

    /** The kernel behind this clock, for tests that look at its queue. */
    Kernel kernel() {
        return kernel;
    }

    /** The same time seen by a node whose wall clock is off by {@code skewNanos}. */
    NodeTime skewed(long skewNanos) {
        return skewNanos == 0 ? this : new NodeTime(kernel, skewNanos);
    }

    @Override
    public Instant now() {
        return EPOCH.plusNanos(kernel.now() + skewNanos);
    }

    @Override
    public long nanoTime() {
        return kernel.now();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        kernel.sleep(toNanos(duration, "sleep duration"));
    }

    @Override
    public <T> T timeout(Duration limit, Callable<T> body) throws Exception {
        long nanos = toNanos(limit, "timeout limit");
        Objects.requireNonNull(body, "body");
        SimTask task = kernel.requireCurrentTask("Time.timeout");
        Deadline deadline = new Deadline(task.thread());
        long event = kernel.schedule(nanos, deadline);
        try {
            return body.call();
        } catch (Exception e) {
            if (deadline.fired) {
                TimeoutException timeout = new TimeoutException("timed out after " + limit + " of simulated time");
                timeout.initCause(e);
                throw timeout;
            }
            throw e;
        } finally {
            if (deadline.fired) {
                Thread.interrupted(); // our interrupt, not the caller's
            } else {
                kernel.cancel(event); // so that a timeout that ends in time leaves nothing in the queue
            }
        }
    }

    @Override
    public Clock clock() {
        return new SimClock(ZoneOffset.UTC);
    }

    static long toNanos(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Interrupts the task that set it; cancelled in the kernel's queue if the body ends first. */
    private static final class Deadline implements EventAction {
        private final Thread thread;
        boolean fired;

        Deadline(Thread thread) {
            this.thread = thread;
        }

        @Override
        public void fire(long handle) {
            fired = true;
            thread.interrupt();
        }
    }

    /** A {@link Clock} over simulated time. */
    private final class SimClock extends Clock {
        private final ZoneId zone;

        SimClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new SimClock(newZone);
        }

        @Override
        public Instant instant() {
            return now();
        }
    }
}
