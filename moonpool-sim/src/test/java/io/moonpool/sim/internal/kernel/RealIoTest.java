package io.moonpool.sim.internal.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the kernel tells a task parked in the JDK's real I/O from one parked anywhere else, on made-up stacks. */
class RealIoTest {

    private static final String USER = "com.example.Server";

    @Test
    void aSocketReadIsFoundAtTheJdkCallTheTaskMade() {
        StackTraceElement[] stack = {
            jdk("java.util.concurrent.locks.LockSupport", "park"),
            jdk("sun.nio.ch.Poller", "poll"),
            jdk("sun.nio.ch.Poller", "poll"),
            jdk("sun.nio.ch.NioSocketImpl", "park"),
            jdk("sun.nio.ch.NioSocketImpl", "read"),
            jdk("java.net.Socket$SocketInputStream", "read"),
            user("handle"),
            user("run"),
            jdk("java.lang.VirtualThread", "run"),
        };
        assertEquals(5, RealIo.ioCallFrame(stack));
    }

    @Test
    void aBareParkInTheTasksOwnCodeIsNotRealIo() {
        StackTraceElement[] stack = {
            jdk("java.util.concurrent.locks.LockSupport", "park"),
            user("awaitTurn"),
            jdk("sun.nio.ch.Poller", "poll"), // further out, as a made-up callback could be: not where it parked
        };
        assertEquals(-1, RealIo.ioCallFrame(stack));
    }

    @Test
    void aJdkParkOutsideThePollerIsNotRealIo() {
        StackTraceElement[] stack = {
            jdk("java.util.concurrent.locks.LockSupport", "park"),
            jdk("java.util.concurrent.CompletableFuture", "join"),
            user("run"),
        };
        assertEquals(-1, RealIo.ioCallFrame(stack));
    }

    private static StackTraceElement jdk(String className, String method) {
        return new StackTraceElement(null, "java.base", "25", className, method, null, -1);
    }

    private static StackTraceElement user(String method) {
        return new StackTraceElement("app", null, null, USER, method, null, -1);
    }
}
