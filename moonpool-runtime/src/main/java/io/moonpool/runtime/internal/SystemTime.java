package io.moonpool.runtime.internal;

import io.moonpool.api.Time;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link Time} of a node: the system clock, {@link Thread#sleep(Duration)}, and timeouts whose deadline
 * interrupts the caller from one shared daemon timer thread.
 */
public final class SystemTime implements Time {

    /** One daemon timer for every node of the JVM; a deadline only interrupts a thread, so one is plenty. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final NodeLife life;

    /**
     * The time of a node.
     *
     * @param life the node (its start is the origin of {@link #nanoTime()})
     */
    public SystemTime(NodeLife life) {
        this.life = life;
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, body -> {
            Thread thread = new Thread(body, "moonpool-runtime timeouts");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public long nanoTime() {
        return life.nanosSinceStart();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        checked(duration, "sleep duration");
        if (duration.isZero()) {
            Thread.yield();
            return;
        }
        Thread.sleep(duration);
    }

    @Override
    public <T> T timeout(Duration limit, Callable<T> body) throws Exception {
        long nanos = NodeLife.saturatedNanos(checked(limit, "timeout limit"));
        Objects.requireNonNull(body, "body");
        Deadline deadline = new Deadline(Thread.currentThread());
        ScheduledFuture<?> timer = TIMER.schedule(deadline, nanos, TimeUnit.NANOSECONDS);
        try {
            return body.call();
        } catch (Exception e) {
            if (deadline.end()) {
                TimeoutException timeout = new TimeoutException("timed out after " + limit);
                timeout.initCause(e);
                throw timeout;
            }
            throw e;
        } finally {
            timer.cancel(false);
            if (deadline.end()) {
                Thread.interrupted(); // our interrupt, not the caller's
            }
        }
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    private static Duration checked(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
        return d;
    }

    /**
     * Interrupts the caller at the limit unless the body ended first. Firing and ending are decided under one
     * lock, so an interrupt never arrives after {@code timeout} has returned.
     */
    private static final class Deadline implements Runnable {
        private final Thread thread;
        private boolean fired;
        private boolean ended;

        Deadline(Thread thread) {
            this.thread = thread;
        }

        @Override
        public synchronized void run() {
            if (!ended) {
                fired = true;
                thread.interrupt();
            }
        }

        /** Ends the race: no interrupt after this. Returns whether the deadline had fired. */
        synchronized boolean end() {
            ended = true;
            return fired;
        }
    }

    @Override
    public String toString() {
        return "time of " + life.name();
    }
}
