package io.moonpool.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.TaskHandle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A node end to end: two nodes over loopback TCP, storage, run, shutdown and abort. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NodeRuntimeTest {

    static final InetAddress A = ip("127.0.0.1");
    static final InetAddress B = ip("127.0.0.2");

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static NodeRuntime node(InetAddress ip, StaticTopology topology, Path dataDir) {
        NodeRuntime.Builder b = NodeRuntime.builder()
                .ip(ip)
                .topology(topology)
                .seed(42)
                .gracePeriod(Duration.ofSeconds(5))
                .shutdownHook(false);
        if (dataDir != null) {
            b.dataDir(dataDir);
        }
        return b.build();
    }

    static byte[] readFully(Connection c, int n) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = c.input().read(b, off, n - off);
            if (r < 0) {
                throw new IOException("FIN after " + off + " bytes");
            }
            off += r;
        }
        return b;
    }

    @Test
    void twoNodesExchangeOverLoopbackAndThePeerSeesTheNodesAddress(@TempDir Path dir) throws Exception {
        StaticTopology topology = StaticTopology.builder()
                .process(A, Map.of("role", "server"))
                .workload(B)
                .build();
        try (NodeRuntime server = node(A, topology, dir);
                NodeRuntime client = node(B, topology, dir)) {
            SimContext s = server.context();
            Listener listener = s.network().bind(new InetSocketAddress(A, 0));
            assertEquals(A, listener.localAddress().getAddress());
            assertTrue(listener.localAddress().getPort() > 0);
            TaskHandle<InetSocketAddress> echo = s.tasks().spawn("echo", () -> {
                try (Connection c = listener.accept()) {
                    byte[] got = readFully(c, 5);
                    c.output().write(got);
                    c.shutdownOutput();
                    assertEquals(-1, c.input().read());
                    return c.remoteAddress();
                }
            });
            Connection c = client.context().network().connect(listener.localAddress());
            assertEquals(B, c.localAddress().getAddress());
            c.output().write("hello".getBytes(StandardCharsets.UTF_8));
            c.shutdownOutput();
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), readFully(c, 5));
            assertEquals(-1, c.input().read());
            c.close();
            assertEquals(B, echo.join().getAddress());
            assertEquals(List.of(A), client.context().topology().processIps());
            assertEquals(List.of(B), server.context().topology().workloadIps());
            assertEquals(Map.of("role", "server"), s.topology().myTags());
            assertEquals(Map.of(), client.context().topology().myTags());
            assertEquals(List.of(A), s.topology().ipsTagged("role", "server"));
        }
    }

    @Test
    void aProcessRunsUntilItReturnsAndItsFailureIsRethrown(@TempDir Path dir) throws Exception {
        try (NodeRuntime node = node(A, null, dir)) {
            AtomicReference<String> seen = new AtomicReference<>();
            node.run(ctx -> {
                try (FileChannel ch = ctx.storage().open("d/x", StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                    ch.force(true);
                }
                ctx.storage().sync();
                seen.set(String.join(",", ctx.storage().list()));
            });
            assertEquals("d/x", seen.get());
            IllegalStateException thrown = assertThrows(
                    IllegalStateException.class,
                    () -> node.run(ctx -> {
                        throw new IllegalStateException("boom");
                    }));
            assertEquals("boom", thrown.getMessage());
        }
    }

    @Test
    void shutdownFiresTheSignalAndTheProcessEndsWithinItsGrace() throws Exception {
        NodeRuntime node = node(A, null, null);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawSignal = new AtomicBoolean();
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                node.run(ctx -> {
                    started.countDown();
                    ctx.shutdown().await();
                    sawSignal.set(ctx.shutdown().isRequested());
                });
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        node.shutdown();
        assertTrue(runner.join(Duration.ofSeconds(10)));
        assertTrue(sawSignal.get());
        assertTrue(node.isTerminated());
        node.shutdown(); // idempotent
        assertThrows(IllegalStateException.class, () -> node.context().tasks().spawn("late", () -> 1));
    }

    @Test
    void abortResetsThePeersConnection() throws Exception {
        try (NodeRuntime server = node(A, null, null);
                NodeRuntime client = node(B, StaticTopology.single(B), null)) {
            Listener listener = server.context().network().bind(new InetSocketAddress(A, 0));
            CountDownLatch accepted = new CountDownLatch(1);
            server.context()
                    .tasks()
                    .spawn("hold", () -> {
                        Connection c = listener.accept();
                        accepted.countDown();
                        return c.input().read();
                    })
                    .expectFailure();
            Connection c = client.context().network().connect(listener.localAddress());
            assertTrue(accepted.await(10, TimeUnit.SECONDS));
            server.abort();
            assertFalse(server.context().shutdown().isRequested());
            SocketException reset =
                    assertThrows(SocketException.class, () -> c.input().read());
            assertEquals("Connection reset", reset.getMessage());
            SocketException again =
                    assertThrows(SocketException.class, () -> c.output().write(1));
            assertEquals("Connection reset", again.getMessage());
            c.close();
            SocketException closed =
                    assertThrows(SocketException.class, () -> c.input().read());
            assertEquals("Socket closed", closed.getMessage());
        }
    }
}
