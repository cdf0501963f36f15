package io.moonpool.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.Network;
import io.moonpool.api.SimContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What {@link Network}, {@link Listener} and {@link Connection} promise, simulated or real, on two nodes: a server
 * (node 0) that binds port 0 and hands its address to a client (node 1) through a future.
 *
 * <p>Pinned: every byte written before a FIN arrives, then reads return -1 (and again -1); a half-close lets the
 * peer read -1 and still write back; a reset makes the peer's next read, or next write, throw
 * {@link SocketException} whose message starts with "Connection reset"; connecting where nobody listens throws
 * {@link ConnectException} starting with "Connection refused"; local use of a closed connection or listener
 * throws {@link SocketException} "Socket closed"; binding an address in use or another node's IP throws
 * {@link BindException}; port 0 binds an ephemeral port of the node's IP. Reads may return fewer bytes than
 * asked: the cases read in loops, as user code must.
 *
 * <p><b>What it assumes of Linux.</b> Only the first error after a reset is pinned: Linux reports
 * {@code ECONNRESET} once ("Connection reset", or "Connection reset by peer" from a write) and then
 * {@code EPIPE} ("Broken pipe") to further writes, which the simulation does not copy. The write case makes sure
 * the reset has arrived before writing (the server's abort is followed by a message on a second connection,
 * which loopback, like the simulated network without faults, delivers after the reset). Real cases bind only
 * the nodes' loopback IPs with port 0.
 */
public abstract class NetworkContract extends ProviderContract {

    /** The payload of the FIN case: large enough for partial reads and several segments. */
    private static final int PAYLOAD = 200_000;

    /** For subclasses. */
    protected NetworkContract() {}

    /** Binds port 0 on this node's IP. */
    private static Listener listen(SimContext ctx) throws IOException {
        return ctx.network().bind(new InetSocketAddress(ctx.ip(), 0));
    }

    /** Reads until -1, in a loop that tolerates partial reads. */
    private static byte[] readToEnd(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n; (n = in.read(chunk)) != -1; ) {
            assertTrue(n > 0, "a read returns at least one byte or -1");
            all.write(chunk, 0, n);
        }
        return all.toByteArray();
    }

    private static byte[] payload() {
        byte[] data = new byte[PAYLOAD];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + i / 251);
        }
        return data;
    }

    /** Every byte written before {@code close()} reaches the peer, then -1, and -1 again. */
    @Test
    public void finComesAfterEveryByte() {
        CompletableFuture<InetSocketAddress> server = new CompletableFuture<>();
        onNodes(
                (ctx, nodes) -> {
                    try (Listener listener = listen(ctx)) {
                        server.complete(listener.localAddress());
                        try (Connection c = listener.accept()) {
                            assertArrayEquals(payload(), readToEnd(c.input()));
                            assertEquals(-1, c.input().read(), "-1 again after the FIN");
                            assertEquals(-1, c.input().read(new byte[4]));
                        }
                    }
                },
                (ctx, nodes) -> {
                    Connection c = ctx.network().connect(server.get());
                    byte[] data = payload();
                    for (int off = 0; off < data.length; off += 7_000) { // writes of odd sizes
                        c.output().write(data, off, Math.min(7_000, data.length - off));
                    }
                    c.close();
                });
    }

    /**
     * After {@code shutdownOutput()} the peer reads -1 but can still write back, and this side still reads what it
     * writes; writing after {@code shutdownOutput()} throws {@link SocketException}.
     */
    @Test
    public void halfCloseLetsThePeerAnswer() {
        CompletableFuture<InetSocketAddress> server = new CompletableFuture<>();
        onNodes(
                (ctx, nodes) -> {
                    try (Listener listener = listen(ctx);
                            Connection c = acceptFrom(listener, server)) {
                        byte[] request = readToEnd(c.input());
                        assertArrayEquals("question".getBytes(java.nio.charset.StandardCharsets.UTF_8), request);
                        c.output().write("answer".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                },
                (ctx, nodes) -> {
                    try (Connection c = ctx.network().connect(server.get())) {
                        c.output().write("question".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        c.shutdownOutput();
                        assertThrows(SocketException.class, () -> c.output().write(1));
                        assertArrayEquals(
                                "answer".getBytes(java.nio.charset.StandardCharsets.UTF_8), readToEnd(c.input()));
                    }
                });
    }

    private static Connection acceptFrom(Listener listener, CompletableFuture<InetSocketAddress> address)
            throws IOException {
        address.complete(listener.localAddress());
        return listener.accept();
    }

    /** After the peer's {@code abort()}, the next read throws "Connection reset" (after any bytes in flight). */
    @Test
    public void resetFailsThePeersNextRead() {
        CompletableFuture<InetSocketAddress> server = new CompletableFuture<>();
        onNodes(
                (ctx, nodes) -> {
                    try (Listener listener = listen(ctx)) {
                        Connection c = acceptFrom(listener, server);
                        assertEquals(1, c.input().read(), "the client's byte arrived");
                        c.abort();
                    }
                },
                (ctx, nodes) -> {
                    try (Connection c = ctx.network().connect(server.get())) {
                        c.output().write(1);
                        SocketException e = assertThrows(SocketException.class, () -> readToEnd(c.input()));
                        assertTrue(e.getMessage().startsWith("Connection reset"), e.getMessage());
                    }
                });
    }

    /**
     * After the peer's {@code abort()} has arrived, the next write throws "Connection reset" (Linux: "Connection
     * reset", or "... by peer"; see the class comment for the writes after it).
     */
    @Test
    public void resetFailsThePeersNextWrite() {
        CompletableFuture<InetSocketAddress> server = new CompletableFuture<>();
        onNodes(
                (ctx, nodes) -> {
                    try (Listener listener = listen(ctx)) {
                        server.complete(listener.localAddress());
                        Connection victim = listener.accept();
                        try (Connection signal = listener.accept()) {
                            assertEquals(1, victim.input().read());
                            assertEquals(2, signal.input().read());
                            victim.abort();
                            signal.output().write(3); // travels behind the reset
                            assertEquals(-1, signal.input().read());
                        }
                    }
                },
                (ctx, nodes) -> {
                    InetSocketAddress address = server.get();
                    try (Connection victim = ctx.network().connect(address);
                            Connection signal = ctx.network().connect(address)) {
                        victim.output().write(1);
                        signal.output().write(2);
                        assertEquals(3, signal.input().read(), "the reset was sent before this byte");
                        SocketException e = assertThrows(SocketException.class, () -> {
                            victim.output().write(new byte[1024]);
                            victim.output().flush();
                        });
                        assertTrue(e.getMessage().startsWith("Connection reset"), e.getMessage());
                    }
                });
    }

    /** Connecting where nobody listens (a listener that was closed) throws "Connection refused". */
    @Test
    public void connectingToNobodyIsRefused() {
        onNodes((ctx, nodes) -> {
            InetSocketAddress gone;
            try (Listener listener = listen(ctx)) {
                gone = listener.localAddress();
            }
            ConnectException e =
                    assertThrows(ConnectException.class, () -> ctx.network().connect(gone));
            assertTrue(e.getMessage().startsWith("Connection refused"), e.getMessage());
        });
    }

    /**
     * A node connects to its own address, as a real machine can: both ends show the node's IP, and bytes and
     * the FIN flow. (A node's loopback, 127.0.0.1, is not pinned here: the runtime's nodes share the machine's
     * one loopback, while each simulated node has its own.)
     */
    @Test
    public void aNodeConnectsToItsOwnAddress() {
        onNodes((ctx, nodes) -> {
            try (Listener listener = listen(ctx)) {
                try (Connection c = ctx.network().connect(listener.localAddress());
                        Connection server = listener.accept()) {
                    assertEquals(listener.localAddress(), c.remoteAddress());
                    assertEquals(ctx.ip(), c.localAddress().getAddress());
                    assertEquals(c.localAddress(), server.remoteAddress());
                    c.output().write(42);
                    c.shutdownOutput();
                    assertEquals(42, server.input().read());
                    assertEquals(-1, server.input().read());
                }
            }
        });
    }

    /** A closed connection's reads and writes, and a closed listener's accept, throw "Socket closed". */
    @Test
    public void localUseAfterCloseIsSocketClosed() {
        onNodes((ctx, nodes) -> {
            Listener listener = listen(ctx);
            Connection client = ctx.network().connect(listener.localAddress());
            Connection accepted = listener.accept();
            client.close();
            assertEquals(
                    "Socket closed",
                    assertThrows(SocketException.class, () -> client.input().read())
                            .getMessage());
            assertEquals(
                    "Socket closed",
                    assertThrows(SocketException.class, () -> client.output().write(1))
                            .getMessage());
            assertEquals(-1, accepted.input().read(), "the peer saw a FIN");
            accepted.close();
            listener.close();
            assertEquals(
                    "Socket closed",
                    assertThrows(SocketException.class, listener::accept).getMessage());
        });
    }

    /**
     * Port 0 binds an ephemeral port of this node's IP; binding it again, or binding another node's IP, throws
     * {@link BindException}; once closed, the address can be bound again. The connection's addresses match.
     */
    @Test
    public void bindErrorsAndAddresses() {
        CompletableFuture<InetSocketAddress> server = new CompletableFuture<>();
        CompletableFuture<InetSocketAddress> clientSide = new CompletableFuture<>();
        onNodes(
                (ctx, nodes) -> {
                    Network net = ctx.network();
                    InetSocketAddress bound;
                    try (Listener listener = listen(ctx)) {
                        bound = listener.localAddress();
                        assertEquals(ctx.ip(), bound.getAddress());
                        assertNotEquals(0, bound.getPort(), "port 0 is an ephemeral port");
                        assertThrows(BindException.class, () -> net.bind(bound));
                        assertThrows(
                                BindException.class,
                                () -> net.bind(new InetSocketAddress(NodeBody.other(ctx, nodes), 0)));
                        server.complete(bound);
                        try (Connection c = listener.accept()) {
                            assertEquals(bound, c.localAddress());
                            assertEquals(clientSide.get(), c.remoteAddress());
                            assertEquals(-1, c.input().read());
                        }
                    }
                    net.bind(bound).close(); // free again once closed
                },
                (ctx, nodes) -> {
                    try (Connection c = ctx.network().connect(server.get())) {
                        assertEquals(server.get(), c.remoteAddress());
                        assertEquals(ctx.ip(), c.localAddress().getAddress());
                        clientSide.complete(c.localAddress());
                    }
                });
    }

    /**
     * An interrupt of a blocked read or accept (here by {@link io.moonpool.api.Time#timeout}) closes the connection
     * or the listener, as the JDK closes a real socket whose virtual thread is interrupted: local use then throws
     * "Socket closed", and the peer reads -1.
     */
    @Test
    public void anInterruptedReadOrAcceptCloses() {
        CompletableFuture<InetSocketAddress> server = new CompletableFuture<>();
        onNodes(
                (ctx, nodes) -> {
                    try (Listener listener = listen(ctx);
                            Connection c = acceptFrom(listener, server)) {
                        assertEquals(-1, c.input().read(), "the interrupted peer closed its connection");
                    }
                    Listener idle = listen(ctx);
                    assertThrows(
                            java.util.concurrent.TimeoutException.class,
                            () -> ctx.time().timeout(java.time.Duration.ofMillis(20), idle::accept));
                    assertEquals(
                            "Socket closed",
                            assertThrows(SocketException.class, idle::accept).getMessage());
                    ctx.network().bind(idle.localAddress()).close(); // the address is free again
                },
                (ctx, nodes) -> {
                    try (Connection c = ctx.network().connect(server.get())) {
                        assertThrows(
                                java.util.concurrent.TimeoutException.class,
                                () -> ctx.time()
                                        .timeout(
                                                java.time.Duration.ofMillis(20),
                                                () -> c.input().read()));
                        assertEquals(
                                "Socket closed",
                                assertThrows(
                                                SocketException.class,
                                                () -> c.output().write(1))
                                        .getMessage());
                        assertEquals(
                                "Socket closed",
                                assertThrows(
                                                SocketException.class,
                                                () -> c.input().read())
                                        .getMessage());
                    }
                });
    }

    /**
     * Bytes that reached the peer (and were acknowledged by a byte on a second connection) before a reset stay
     * readable: its reads return them, then throw "Connection
     * reset" (Linux keeps the receive queue at a reset; the simulation used to drop it).
     */
    @Test
    public void bytesReceivedBeforeAResetAreReadFirst() {
        CompletableFuture<InetSocketAddress> server = new CompletableFuture<>();
        onNodes(
                (ctx, nodes) -> {
                    try (Listener listener = listen(ctx)) {
                        server.complete(listener.localAddress());
                        Connection victim = listener.accept();
                        try (Connection signal = listener.accept()) {
                            assertEquals(1, victim.input().read());
                            assertEquals(2, signal.input().read());
                            victim.output().write(new byte[] {7, 8, 9});
                            signal.output().write(4); // travels behind 7, 8, 9
                            assertEquals(5, signal.input().read(), "the client has 7, 8, 9 unread");
                            victim.abort();
                            signal.output().write(3);
                            assertEquals(-1, signal.input().read());
                        }
                    }
                },
                (ctx, nodes) -> {
                    InetSocketAddress address = server.get();
                    try (Connection victim = ctx.network().connect(address);
                            Connection signal = ctx.network().connect(address)) {
                        victim.output().write(1);
                        signal.output().write(2);
                        assertEquals(4, signal.input().read());
                        signal.output().write(5);
                        assertEquals(3, signal.input().read(), "the reset was sent before this byte");
                        byte[] got = new byte[3];
                        for (int at = 0; at < 3; ) { // partial reads tolerated
                            at += victim.input().read(got, at, 3 - at);
                        }
                        assertArrayEquals(new byte[] {7, 8, 9}, got);
                        SocketException e = assertThrows(
                                SocketException.class, () -> victim.input().read());
                        assertTrue(e.getMessage().startsWith("Connection reset"), e.getMessage());
                    }
                });
    }
}
