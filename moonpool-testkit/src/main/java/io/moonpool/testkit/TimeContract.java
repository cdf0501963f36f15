package io.moonpool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.TaskHandle;
import io.moonpool.api.Time;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * What {@link Time} promises, simulated or real: sleeps never end early and end in order, timeouts fire and
 * clear their interrupt, or do not fire and return the body's value, and the clock is UTC.
 *
 * <p>With real providers the cases cost a few hundred milliseconds of real time; they assert lower bounds only
 * (a sleep lasts at least its duration), never that something was fast, and the one ordering they check has a
 * margin of seconds, ended early by a cancel rather than waited for.
 */
public abstract class TimeContract extends ProviderContract {

    /** For subclasses. */
    protected TimeContract() {}

    /** A sleep lasts at least its duration on {@link Time#nanoTime()}; zero returns; negative is refused. */
    @Test
    public void sleepNeverEndsEarly() {
        onNodes((ctx, nodes) -> {
            Time time = ctx.time();
            long before = time.nanoTime();
            Instant wallBefore = time.now();
            time.sleep(Duration.ofMillis(20));
            assertTrue(time.nanoTime() - before >= Duration.ofMillis(20).toNanos(), "slept at least 20 ms");
            assertFalse(time.now().isBefore(wallBefore.plusMillis(20)), "now() moved by at least 20 ms");
            time.sleep(Duration.ZERO);
            assertThrows(IllegalArgumentException.class, () -> time.sleep(Duration.ofMillis(-1)));
        });
    }

    /**
     * The shorter of two sleeps started together ends first: the longer one (ten seconds) is still sleeping when
     * the shorter one (ten milliseconds) ends, and is then cancelled rather than waited for.
     */
    @Test
    public void shorterSleepsEndFirst() {
        onNodes((ctx, nodes) -> {
            TaskHandle<Void> longer = ctx.tasks().spawn("longer", () -> {
                ctx.time().sleep(Duration.ofSeconds(10));
                return null;
            });
            TaskHandle<Boolean> shorter = ctx.tasks().spawn("shorter", () -> {
                ctx.time().sleep(Duration.ofMillis(10));
                return longer.isDone();
            });
            assertFalse(shorter.join(), "the 10 s sleep had not ended when the 10 ms one did");
            longer.cancel();
            assertThrows(CancellationException.class, longer::join);
        });
    }

    /**
     * A timeout that passes interrupts the body's blocking call and throws {@link TimeoutException}, no earlier
     * than the limit, with the caller's interrupt flag cleared (the next sleep is not interrupted).
     */
    @Test
    public void timeoutFires() {
        onNodes((ctx, nodes) -> {
            Time time = ctx.time();
            long before = time.nanoTime();
            assertThrows(
                    TimeoutException.class,
                    () -> time.timeout(Duration.ofMillis(50), () -> {
                        time.sleep(Duration.ofSeconds(20));
                        return "overslept";
                    }));
            assertTrue(time.nanoTime() - before >= Duration.ofMillis(50).toNanos(), "not before the limit");
            assertFalse(Thread.currentThread().isInterrupted(), "the interrupt is cleared");
            time.sleep(Duration.ofMillis(1)); // would throw InterruptedException if the flag were left set
        });
    }

    /**
     * A body that ends before the limit returns its value, or throws its own exception (the same instance), and
     * leaves no interrupt behind: a sleep longer than the limit afterwards is not interrupted.
     */
    @Test
    public void timeoutDoesNotFireForABodyThatEndsInTime() {
        onNodes((ctx, nodes) -> {
            Time time = ctx.time();
            assertEquals(42, time.timeout(Duration.ofMillis(100), () -> 42));
            IOException thrown = new IOException("the body's own");
            assertSame(
                    thrown,
                    assertThrows(
                            IOException.class,
                            () -> time.timeout(Duration.ofMillis(100), () -> {
                                throw thrown;
                            })));
            time.sleep(Duration.ofMillis(200)); // past both limits: no late interrupt
            assertFalse(Thread.currentThread().isInterrupted());
            assertThrows(IllegalArgumentException.class, () -> time.timeout(Duration.ofMillis(-1), () -> 1));
        });
    }

    /** {@link Time#clock()} is a UTC clock that does not run behind {@link Time#now()}. */
    @Test
    public void clockIsUtcAndFollowsNow() {
        onNodes((ctx, nodes) -> {
            Instant now = ctx.time().now();
            assertEquals(ZoneOffset.UTC, ctx.time().clock().getZone());
            assertFalse(ctx.time().clock().instant().isBefore(now));
        });
    }
}
