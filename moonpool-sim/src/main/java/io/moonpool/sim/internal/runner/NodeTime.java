package io.moonpool.sim.internal.runner;

import io.moonpool.api.Buggify;
import io.moonpool.api.Time;
import io.moonpool.sim.internal.kernel.EventAction;
import io.moonpool.sim.internal.kernel.Kernel;
import io.moonpool.sim.internal.kernel.Seeds;
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
 *
 * <p>During the chaos phase, like every other fault, a sleep or a timeout of a positive duration may wake late, by
 * {@link #MIN_LATE_NANOS} to
 * {@link #MAX_LATE_NANOS}, when the buggify site {@value #SLEEP_LATE} fires, as a real timer does behind a
 * busy scheduler or a pause of the JVM. A zero sleep stays a yield: it has no timer to be late.
 */
final class NodeTime implements Time {

    /** The simulated instant at which every iteration starts. */
    static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");

    /** The buggify site of a sleep or timeout that wakes late. */
    static final String SLEEP_LATE = "time.sleep.late";

    /** The least a late wake-up is late by (10 µs). */
    static final long MIN_LATE_NANOS = 10_000L;

    /** The most a late wake-up is late by (100 ms), as FoundationDB bounds its buggified delays. */
    static final long MAX_LATE_NANOS = 100_000_000L;

    private final Kernel kernel;
    private final long skewNanos;
    private final java.util.function.BooleanSupplier chaos;

    /**
     * A clock whose wake-ups may be late while {@code chaos} holds.
     *
     * @param chaos whether the chaos phase is on
     */
    NodeTime(Kernel kernel, java.util.function.BooleanSupplier chaos) {
        this(kernel, 0, chaos);
    }

    private NodeTime(Kernel kernel, long skewNanos, java.util.function.BooleanSupplier chaos) {
        this.kernel = kernel;
        this.skewNanos = skewNanos;
        this.chaos = chaos;
    }

    /** The kernel behind this clock, for tests that look at its queue. */
    Kernel kernel() {
        return kernel;
    }

    /** The same time seen by a node whose wall clock is off by {@code skewNanos}. */
    NodeTime skewed(long skewNanos) {
        return skewNanos == 0 ? this : new NodeTime(kernel, skewNanos, chaos);
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
        kernel.sleep(late(toNanos(duration, "sleep duration")));
    }

    /**
     * The duration a timer of {@code nanos} really waits: late by an amount log-uniform in [{@link #MIN_LATE_NANOS},
     * {@link #MAX_LATE_NANOS}] when the site fires. Whether it fires is buggify's decision, from its own stream;
     * how late is a mix of the trace hash, the instant and the duration (so it differs from one wake-up to the
     * next and replays with the seed) and draws from no stream at all, so a late wake-up shifts no other
     * decision.
     */
    long late(long nanos) {
        if (nanos == 0 || !chaos.getAsBoolean() || !Buggify.fire(SLEEP_LATE)) {
            return nanos;
        }
        long mix = Seeds.splitMix(kernel.traceHash() ^ Seeds.splitMix(kernel.now() ^ Seeds.splitMix(nanos)));
        double unit = (mix >>> 11) * 0x1.0p-53; // [0, 1), as SplittableRandom.nextDouble makes it
        double lo = StrictMath.log(MIN_LATE_NANOS); // StrictMath: every JVM computes the same
        double hi = StrictMath.log(MAX_LATE_NANOS);
        long extra = Math.clamp((long) StrictMath.exp(lo + unit * (hi - lo)), MIN_LATE_NANOS, MAX_LATE_NANOS);
        return nanos > Long.MAX_VALUE - extra ? Long.MAX_VALUE : nanos + extra;
    }

    @Override
    public <T> T timeout(Duration limit, Callable<T> body) throws Exception {
        long nanos = toNanos(limit, "timeout limit");
        Objects.requireNonNull(body, "body");
        SimTask task = kernel.requireCurrentTask("Time.timeout");
        Deadline deadline = new Deadline(task.thread());
        long event = kernel.schedule(late(nanos), deadline);
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
