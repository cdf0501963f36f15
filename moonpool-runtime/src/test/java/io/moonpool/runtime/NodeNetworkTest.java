package io.moonpool.runtime;

import static io.moonpool.runtime.NodeRuntimeTest.A;
import static io.moonpool.runtime.NodeRuntimeTest.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.Network;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The errors of the real network are the simulated network's, for the same cases. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NodeNetworkTest {

    @Test
    void bindAndConnectFailAsInSimulation() throws Exception {
        StaticTopology two = StaticTopology.builder()
                .process(A, java.util.Map.of())
                .process(B, java.util.Map.of())
                .build();
        try (NodeRuntime node =
                NodeRuntime.builder().ip(A).topology(two).shutdownHook(false).build()) {
            Network net = node.context().network();
            // another node's address, even on loopback, is not this node's
            BindException notMine = assertThrows(BindException.class, () -> net.bind(new InetSocketAddress(B, 0)));
            assertEquals(
                    "Cannot assign requested address: 127.0.0.2 is not this node's address (127.0.0.1) nor a loopback"
                            + " address (127.0.0.1)",
                    notMine.getMessage());
            assertThrows(NullPointerException.class, () -> net.bind(null));
            assertThrows(NullPointerException.class, () -> net.connect(null));
            assertThrows(UnknownHostException.class, () -> net.bind(InetSocketAddress.createUnresolved("nowhere", 1)));
            assertThrows(
                    UnknownHostException.class, () -> net.connect(InetSocketAddress.createUnresolved("nowhere", 1)));
            try (Listener l = net.bind(new InetSocketAddress(0))) { // the wildcard is the node's own IP
                assertEquals(A, l.localAddress().getAddress());
                BindException inUse = assertThrows(BindException.class, () -> net.bind(l.localAddress()));
                assertEquals("Address already in use: " + l.localAddress(), inUse.getMessage());
            }
            Listener closed = net.bind(new InetSocketAddress(A, 0));
            InetSocketAddress address = closed.localAddress();
            closed.close();
            assertEquals(
                    "Socket closed",
                    assertThrows(SocketException.class, closed::accept).getMessage());
            ConnectException refused = assertThrows(ConnectException.class, () -> net.connect(address));
            assertEquals("Connection refused: " + address, refused.getMessage());
        }
    }

    @Test
    void aCloseWithUnreadInputIsStillAFinAfterEveryByteWritten() throws Exception {
        try (NodeRuntime node = NodeRuntime.builder().ip(A).shutdownHook(false).build()) {
            Network net = node.context().network();
            try (Listener l = net.bind(new InetSocketAddress(A, 0))) {
                for (int round = 0; round < 20; round++) {
                    Connection c = net.connect(l.localAddress());
                    Connection s = l.accept();
                    c.output().write(new byte[] {1, 2, 3}); // never read by s
                    assertEquals(1, s.input().read()); // it has arrived: s closes with input unread
                    s.output().write(new byte[] {7, 8, 9});
                    s.close();
                    assertEquals(7, c.input().read());
                    assertEquals(8, c.input().read());
                    assertEquals(9, c.input().read());
                    assertEquals(-1, c.input().read());
                    c.close();
                }
            }
        }
    }

    @Test
    void localUseAfterCloseIsSocketClosedAndWritesAfterShutdownOutputFail() throws Exception {
        try (NodeRuntime node = NodeRuntime.builder().ip(A).shutdownHook(false).build()) {
            Network net = node.context().network();
            try (Listener l = net.bind(new InetSocketAddress(A, 0))) {
                Connection c = net.connect(l.localAddress());
                Connection s = l.accept();
                c.output().write(new byte[] {1, 2, 3}); // unread by c's peer when it closes: still a FIN
                s.shutdownOutput();
                s.shutdownOutput(); // idempotent, as simulated
                assertEquals(
                        "Socket output is shutdown",
                        assertThrows(SocketException.class, () -> s.output().write(1))
                                .getMessage());
                assertEquals(-1, c.input().read());
                s.close();
                assertEquals(
                        "Socket closed",
                        assertThrows(SocketException.class, () -> s.input().read())
                                .getMessage());
                assertEquals(
                        "Socket closed",
                        assertThrows(SocketException.class, s::shutdownOutput).getMessage());
                s.close(); // idempotent
                s.abort(); // no effect once closed
                c.close();
                assertTrue(c.toString().startsWith("127.0.0.1:"), c::toString);
            }
        }
    }

    /**
     * As in simulation, a node binds the machine's loopback (an address of 127/8 that is no node's IP) and reaches
     * it from itself, both ends showing the loopback address; on one machine every node shares that loopback.
     */
    @Test
    void aNodeBindsAndReachesTheLoopback() throws Exception {
        java.net.InetAddress node = java.net.InetAddress.getByName("127.0.0.21");
        java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
        try (NodeRuntime runtime =
                NodeRuntime.builder().ip(node).shutdownHook(false).build()) {
            Network net = runtime.context().network();
            try (Listener l = net.bind(new InetSocketAddress(loopback, 0));
                    Connection client = net.connect(l.localAddress());
                    Connection server = l.accept()) {
                assertEquals(loopback, l.localAddress().getAddress());
                assertEquals(loopback, client.localAddress().getAddress());
                assertEquals(loopback, server.remoteAddress().getAddress());
                client.output().write(42);
                client.output().flush();
                assertEquals(42, server.input().read());
                client.shutdownOutput();
                assertEquals(-1, server.input().read());
            }
        }
    }
}
