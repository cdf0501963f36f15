package io.moonpool.runtime;

import static io.moonpool.runtime.NodeRuntimeTest.A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.TaskHandle;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Graceful shutdown: the signal, the grace period, then interrupts; idempotent, also from a task of the node. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShutdownTest {

    private static NodeRuntime node(Duration grace) {
        return NodeRuntime.builder()
                .ip(A)
                .gracePeriod(grace)
                .shutdownHook(false)
                .build();
    }

    /** Runs a process on a virtual thread; its outcome lands in the returned reference. */
    private static Thread runInBackground(NodeRuntime node, io.moonpool.api.SimProcess p, AtomicReference<Object> out) {
        return Thread.ofVirtual().start(() -> {
            try {
                node.run(p);
                out.set("returned");
            } catch (Exception e) {
                out.set(e);
            }
        });
    }

    @Test
    void aTaskThatIgnoresTheSignalIsInterruptedAfterTheGraceAndRunEndsNormally() throws Exception {
        NodeRuntime node = node(Duration.ofMillis(50));
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread runner = runInBackground(
                node,
                ctx -> {
                    started.countDown();
                    try {
                        ctx.time().sleep(Duration.ofDays(1));
                    } catch (InterruptedException e) {
                        interrupted.set(ctx.shutdown().isRequested());
                        throw e; // an interrupt by the node's own stop is a normal end of run()
                    }
                },
                outcome);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        node.shutdown();
        assertTrue(runner.join(Duration.ofSeconds(10)));
        assertTrue(interrupted.get());
        assertEquals("returned", outcome.get());
    }

    @Test
    void withinTheGraceNothingIsInterrupted() throws Exception {
        NodeRuntime node = node(Duration.ofSeconds(20));
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        TaskHandle<Void> flush = node.context().tasks().spawn("flush", () -> {
            started.countDown();
            node.context().shutdown().await();
            interrupted.set(Thread.currentThread().isInterrupted());
            return null;
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        node.shutdown(); // returns as soon as the task has ended, long before the 20 s of grace
        assertTrue(flush.isDone());
        assertFalse(interrupted.get());
    }

    @Test
    void shutdownIsIdempotentAndConcurrentCallersWaitForTheFirst() throws Exception {
        NodeRuntime node = node(Duration.ofMillis(20));
        node.context().tasks().spawn("stubborn", () -> {
            node.context().time().sleep(Duration.ofDays(1));
            return null;
        });
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            callers.add(Thread.ofVirtual().start(node::shutdown));
        }
        for (Thread t : callers) {
            assertTrue(t.join(Duration.ofSeconds(10)));
        }
        assertTrue(node.isTerminated());
        node.shutdown();
        node.abort();
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> node.context().tasks().spawn("late", () -> 1));
        assertTrue(e.getMessage().contains("node 127.0.0.1"), e::getMessage);
        assertThrows(IllegalStateException.class, () -> node.run(ctx -> {}));
    }

    @Test
    void aTaskOfTheNodeMayShutItDown() throws Exception {
        NodeRuntime node = node(Duration.ofSeconds(5));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread runner = runInBackground(
                node,
                ctx -> {
                    ctx.shutdown(); // the signal, not yet fired
                    node.shutdown(); // from the process's own task: must not wait for itself
                    assertTrue(ctx.shutdown().isRequested());
                },
                outcome);
        assertTrue(runner.join(Duration.ofSeconds(10)));
        assertEquals("returned", outcome.get());
        node.shutdown(); // waits for the stop the task started
        assertTrue(node.isTerminated());
    }

    @Test
    void shutdownClosesListenersAndTheExecutor() throws Exception {
        NodeRuntime node = node(Duration.ofMillis(20));
        SimContext ctx = node.context();
        Listener l = ctx.network().bind(new InetSocketAddress(A, 0));
        CountDownLatch accepting = new CountDownLatch(1);
        TaskHandle<Object> acceptor = ctx.tasks().spawn("acceptor", () -> {
            accepting.countDown();
            return l.accept();
        });
        assertTrue(accepting.await(10, TimeUnit.SECONDS));
        node.shutdown();
        ExecutionException e = assertThrows(ExecutionException.class, acceptor::join);
        assertTrue(e.getCause() instanceof java.io.IOException, () -> String.valueOf(e.getCause()));
        SocketException closed = assertThrows(SocketException.class, l::accept);
        assertEquals("Socket closed", closed.getMessage());
        assertTrue(ctx.tasks().executor().isShutdown());
    }

    @Test
    void aGracefulShutdownClosesConnectionsWithAFinEvenWhileATaskReadsThem() throws Exception {
        NodeRuntime node = node(Duration.ofMillis(20));
        try (NodeRuntime peer =
                NodeRuntime.builder().ip(NodeRuntimeTest.B).shutdownHook(false).build()) {
            Listener l = peer.context().network().bind(new InetSocketAddress(NodeRuntimeTest.B, 0));
            var c = node.context().network().connect(l.localAddress());
            var accepted = l.accept();
            CountDownLatch reading = new CountDownLatch(1);
            node.context()
                    .tasks()
                    .spawn("reader", () -> {
                        reading.countDown();
                        return c.input().read(); // blocks: the peer never writes
                    })
                    .expectFailure();
            assertTrue(reading.await(10, TimeUnit.SECONDS));
            node.shutdown();
            assertEquals(-1, accepted.input().read());
            accepted.close();
        }
    }

    @Test
    void joinAndCancelAsTheHandleSays() throws Exception {
        try (NodeRuntime node = node(Duration.ofSeconds(1))) {
            var tasks = node.context().tasks();
            ExecutionException failed = assertThrows(
                    ExecutionException.class,
                    () -> tasks.spawn("fails", () -> {
                                throw new IllegalStateException("boom");
                            })
                            .join());
            assertEquals("boom", failed.getCause().getMessage());
            CountDownLatch started = new CountDownLatch(1);
            TaskHandle<Void> sleeper = tasks.spawn("sleeper", () -> {
                started.countDown();
                node.context().time().sleep(Duration.ofDays(1));
                return null;
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            assertFalse(sleeper.isDone());
            sleeper.cancel();
            assertThrows(CancellationException.class, sleeper::join);
            assertEquals("sleeper", sleeper.name());
            assertEquals(42, tasks.executor().submit(() -> 42).get());
        }
    }

    @Test
    void aTimeoutInterruptsAtItsLimitAndNeverAfterItReturned() throws Exception {
        try (NodeRuntime node = node(Duration.ofSeconds(1))) {
            var time = node.context().time();
            assertThrows(
                    java.util.concurrent.TimeoutException.class,
                    () -> time.timeout(Duration.ofMillis(10), () -> {
                        time.sleep(Duration.ofDays(1));
                        return null;
                    }));
            assertFalse(Thread.currentThread().isInterrupted());
            for (int i = 0; i < 200; i++) {
                // a limit about as long as the body: whichever wins, no interrupt is left behind
                int n = i;
                try {
                    time.timeout(Duration.ofNanos(n * 500L), () -> n);
                } catch (java.util.concurrent.TimeoutException e) {
                    // the limit won
                }
                assertFalse(Thread.interrupted(), "an interrupt arrived after timeout() returned");
            }
            assertEquals("v", time.timeout(Duration.ofSeconds(10), () -> "v"));
            assertThrows(IllegalArgumentException.class, () -> time.sleep(Duration.ofMillis(-1)));
            assertThrows(IllegalArgumentException.class, () -> time.timeout(Duration.ofMillis(-1), () -> 1));
            assertEquals(java.time.Clock.systemUTC(), time.clock());
            long t0 = time.nanoTime();
            assertTrue(t0 >= 0 && time.nanoTime() >= t0);
        }
    }
}
