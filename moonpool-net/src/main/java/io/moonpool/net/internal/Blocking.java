package io.moonpool.net.internal;

import io.moonpool.api.spi.KernelServices;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Blocking the calling task inside the network: park until a condition holds, or for a simulated time.
 * Everything runs one task at a time, so conditions need no locks; wake-ups come from kernel events or
 * other tasks through {@link LockSupport#unpark}.
 */
final class Blocking {

    private Blocking() {}

    /**
     * Parks until {@code ready} holds, re-checking after every wake-up.
     *
     * @throws InterruptedIOException if the task is interrupted (for example by {@code Time.timeout})
     */
    static void await(KernelServices kernel, BooleanSupplier ready, Object blocker) throws InterruptedIOException {
        while (!ready.getAsBoolean()) {
            kernel.park(blocker);
            if (Thread.interrupted()) {
                throw new InterruptedIOException("interrupted while waiting on the network");
            }
        }
    }

    /**
     * Parks until {@code ready} holds, listed among {@code waiters} meanwhile so that whoever changes the
     * condition wakes the task.
     *
     * @throws InterruptedIOException if the task is interrupted (for example by {@code Time.timeout})
     */
    static void await(KernelServices kernel, BooleanSupplier ready, Waiters waiters, Object blocker)
            throws InterruptedIOException {
        if (ready.getAsBoolean()) {
            return;
        }
        Thread me = Thread.currentThread();
        waiters.add(me);
        try {
            await(kernel, ready, blocker);
        } finally {
            waiters.remove(me);
        }
    }

    /**
     * Parks until {@code ready} holds or the simulated deadline passes, re-checking after every wake-up; whoever
     * makes it hold wakes {@code waiters}.
     *
     * @throws InterruptedIOException if the task is interrupted
     */
    static void awaitUntil(KernelServices kernel, BooleanSupplier ready, Waiters waiters, long deadline)
            throws InterruptedIOException {
        Thread me = Thread.currentThread();
        // one wake-up at the deadline, which does nothing once this wait is over
        boolean[] waiting = {true};
        if (kernel.now() < deadline) {
            kernel.schedule(deadline - kernel.now(), () -> {
                if (waiting[0]) {
                    LockSupport.unpark(me);
                }
            });
        }
        waiters.add(me);
        try {
            while (!ready.getAsBoolean() && kernel.now() < deadline) {
                kernel.park(waiters);
                if (Thread.interrupted()) {
                    throw new InterruptedIOException("interrupted while waiting on the network");
                }
            }
        } finally {
            waiting[0] = false;
            waiters.remove(me);
        }
    }

    /** Blocks the calling task for a simulated time. */
    static void sleep(KernelServices kernel, long nanos) throws InterruptedIOException {
        if (nanos <= 0) {
            return;
        }
        try {
            kernel.sleep(nanos);
        } catch (InterruptedException e) {
            throw new InterruptedIOException("interrupted while waiting on the network");
        }
    }
}
