package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.FailureKind;
import io.moonpool.api.TaskHandle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Real I/O inside a simulated task (a JDK socket or NIO channel instead of {@code ctx.network()}) fails that
 * task's seed, naming the task and the fix, and leaves virtual-thread I/O working for the rest of the JVM.
 */
class RealIoEscapeTest {

    @Test
    void aRealSocketInTheFirstSimulationOfAJvmFailsOnlyItsSeedsAndLeavesTheJvmHealthy() throws Exception {
        // a fresh JVM: the first blocking socket I/O of a JVM is what used to break it for good
        ForkedJvm.Result forked = ForkedJvm.run(RealSocketMain.class, true, List.of());
        List<String> lines = forked.output().lines().toList();
        assertEquals(0, forked.exitCode(), forked.output());
        for (long seed = 1; seed <= 3; seed++) {
            String line = "escape " + seed + " REAL_IO RealSocketWorkload.run";
            assertTrue(lines.contains(line), "expected '" + line + "' in:\n" + forked.output());
            String message = lines.get(lines.indexOf(line) + 1);
            assertTrue(message.contains("'RealSocketWorkload.run'") && message.contains("ctx.network()"), message);
        }
        assertTrue(lines.contains("clean PASSED"), forked.output());
        assertTrue(
                lines.contains("outside 42"),
                "a virtual thread outside the simulation must still use" + " sockets:\n" + forked.output());
    }

    @Test
    void aBlockingRealAcceptInATaskFailsTheRunAndSaysToUseTheSimulatedNetwork() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            RunResult run = Sims.runOnce(
                    7, ctx -> ctx.tasks().spawn("acceptor", listener::accept).join());
            RunFailure failure = Sims.failureOf(run);
            assertEquals(FailureKind.REAL_IO, failure.kind());
            assertEquals("acceptor", failure.source());
            assertTrue(failure.message().contains("ctx.network()"), failure.message());
            assertTrue(
                    failure.message().contains("ServerSocketChannelImpl.accept"),
                    "names the I/O call: " + failure.message());
        }
    }

    @Test
    @SuppressWarnings("try") // the client is only held open, so that the read has a peer that never writes
    void aRealSocketReadWithATimeoutIsNamedAsRealIoRatherThanAsARealTimeWait() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        // connected outside the simulation, so that the task's only real I/O is the read
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
                Socket client = new Socket(loopback, server.getLocalPort());
                Socket accepted = server.accept()) {
            accepted.setSoTimeout(60_000);
            RunResult run = Sims.runOnce(7, ctx -> accepted.getInputStream().read());
            RunFailure failure = Sims.failureOf(run);
            assertEquals(FailureKind.REAL_IO, failure.kind());
            assertEquals("workload.run", failure.source());
        }
    }

    @Test
    void aParkWithoutABlockerInTheTasksOwnCodeIsNotTakenForRealIo() {
        // the poller parks without a blocker; so may a task's own code, which must not look like real I/O
        Sims.sweep(5, ctx -> {
            AtomicBoolean go = new AtomicBoolean();
            AtomicReference<Thread> parker = new AtomicReference<>();
            TaskHandle<Void> parked = ctx.tasks().spawn("parker", () -> {
                parker.set(Thread.currentThread());
                while (!go.get()) {
                    LockSupport.park();
                }
                return null;
            });
            ctx.tasks().spawn("unparker", () -> {
                while (parker.get() == null) {
                    ctx.time().sleep(Duration.ofMillis(1));
                }
                ctx.time().sleep(Duration.ofMillis(1)); // the parker has parked by now
                go.set(true);
                LockSupport.unpark(parker.get());
                return null;
            });
            parked.join();
        });
    }
}
