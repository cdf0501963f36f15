package io.moonpool.net;

import static io.moonpool.net.NetworkSemanticsTest.inSimulation;
import static io.moonpool.net.NetworkSemanticsTest.ip;
import static io.moonpool.net.NetworkSemanticsTest.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.TaskHandle;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.sim.ScriptedInjector;
import io.moonpool.sim.SimulationBuilder;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each node has its own loopback (127.0.0.1): reachable from the node's own tasks, never from another node. */
class LoopbackTest {

    static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 6000);

    @Test
    void aNodeTalksToItselfOverLoopbackWithDataAndFinAndLoopbackAddressesOnBothEnds() {
        inSimulation(ctx -> {
            Listener listener = ctx.network().bind(LOOPBACK);
            assertEquals(LOOPBACK, listener.localAddress());
            TaskHandle<Void> client = ctx.tasks().spawn("client", () -> {
                try (Connection c = ctx.network().connect(LOOPBACK)) {
                    assertEquals(LOOPBACK, c.remoteAddress());
                    assertEquals(LOOPBACK.getAddress(), c.localAddress().getAddress());
                    c.output().write("hello".getBytes(StandardCharsets.UTF_8));
                }
                return null;
            });
            try (Connection server = listener.accept()) {
                assertEquals(LOOPBACK, server.localAddress());
                assertEquals(LOOPBACK.getAddress(), server.remoteAddress().getAddress());
                assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), readAll(server.input()));
            }
            client.join();
            listener.close();
            assertThrows(ConnectException.class, () -> ctx.network().connect(LOOPBACK));
        });
    }

    @Test
    void anAbortOverLoopbackResetsThePeer() {
        inSimulation(ctx -> {
            Listener listener = ctx.network().bind(LOOPBACK);
            Connection c = ctx.network().connect(LOOPBACK);
            Connection server = listener.accept();
            c.abort();
            SocketException reset =
                    assertThrows(SocketException.class, () -> server.input().read());
            assertEquals("Connection reset", reset.getMessage());
            server.close();
            listener.close();
        });
    }

    @Test
    void aNodeConnectsToItsOwnIp() {
        inSimulation(ctx -> {
            InetSocketAddress own = new InetSocketAddress(ctx.ip(), 6001);
            Listener listener = ctx.network().bind(own);
            Connection c = ctx.network().connect(own);
            Connection server = listener.accept();
            assertEquals(own, c.remoteAddress());
            assertEquals(ctx.ip(), c.localAddress().getAddress());
            c.output().write(7);
            assertEquals(7, server.input().read());
            c.close();
            server.close();
            listener.close();
        });
    }

    /** Listens on its loopback, and notes whether its own tasks got through. */
    record LoopbackServer(List<String> seen) implements SimProcess {
        @Override
        public void run(SimContext ctx) throws Exception {
            Listener listener = ctx.network().bind(LOOPBACK);
            seen.add("bound");
            ctx.tasks().spawn("client", () -> {
                Connection c = ctx.network().connect(LOOPBACK);
                c.output().write('x');
                return null;
            });
            Connection c = listener.accept();
            seen.add("got " + (char) c.input().read());
            c.input().read(); // holds the connection until the process goes
        }
    }

    @Test
    void anotherNodeCannotReachANodesLoopbackAndHasItsOwn() {
        List<String> seen = new ArrayList<>();
        SimulationBuilder.create()
                .processes(1, () -> new LoopbackServer(seen))
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofMillis(100));
                    ConnectException refused = assertThrows(
                            ConnectException.class, () -> ctx.network().connect(LOOPBACK));
                    assertTrue(refused.getMessage().startsWith("Connection refused"), refused.getMessage());
                    // the same loopback port on this node is another address: free here
                    ctx.network().bind(LOOPBACK).close();
                    assertThrows(
                            BindException.class, () -> ctx.network().bind(new InetSocketAddress(ip("10.0.1.1"), 6000)));
                })
                .seeds(1)
                .run()
                .assertPassed();
        assertEquals(List.of("bound", "got x"), seen);
    }

    @Test
    void aCrashResetsTheNodesLoopbackConnectionsAndFreesItsLoopbackPort() {
        List<String> seen = new ArrayList<>();
        SimulationBuilder.create()
                .processes(1, () -> new LoopbackServer(seen))
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(60))) // outlasts the recovery delay
                .faultInjector(new ScriptedInjector("crash-at-1s", ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    ctx.reboot(ctx.processIps().getFirst(), RebootKind.CRASH);
                }))
                .chaosDuration(Duration.ofSeconds(2))
                .buggify(false) // a first connect in chaos may be refused by buggify: this test counts connects
                .seeds(3)
                .run()
                .assertPassed();
        // the second life binds the same loopback port again and its own client gets through
        assertEquals(List.of("bound", "got x", "bound", "got x"), seen);
    }
}
