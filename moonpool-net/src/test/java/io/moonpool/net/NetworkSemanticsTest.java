package io.moonpool.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.ScriptedInjector;
import io.moonpool.sim.SimulationBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Stream semantics seen from the peer: FIN, RST, half-close, errors, reboots, partitions. */
class NetworkSemanticsTest {

    static final InetSocketAddress SERVER = new InetSocketAddress(ip("10.0.0.1"), 7000);

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static void inSimulation(Workload w) {
        SimulationBuilder.create().workload(w).seeds(1, 2, 3).run().assertPassed();
    }

    /** For a test that counts exactly what has arrived by an instant. */
    static void inSimulationWithoutBuggify(Workload w) {
        SimulationBuilder.create()
                .buggify(false) // a short write (net.write.short) leaves part of it in flight at that instant
                .workload(w)
                .seeds(1, 2, 3)
                .run()
                .assertPassed();
    }

    @Test
    void closeDeliversEveryByteInOrderThenEndOfStream() {
        byte[] payload = new byte[1 << 20];
        new SplittableRandom(5).nextBytes(payload);
        inSimulation(ctx -> {
            Listener listener = ctx.network().bind(SERVER);
            ctx.tasks().spawn("writer", () -> {
                try (Connection c = ctx.network().connect(SERVER)) {
                    for (int off = 0; off < payload.length; off += 10_000) {
                        c.output().write(payload, off, Math.min(10_000, payload.length - off));
                    }
                }
                return null;
            });
            Connection server = listener.accept();
            assertArrayEquals(payload, readAll(server.input()));
            assertEquals(-1, server.input().read(), "end of stream stays end of stream");
        });
    }

    /** Reads until the stream fails; returns how many bytes came before, and the failure's message. */
    private static String readUntilFailure(Connection c) {
        long bytes = 0;
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = c.input().read(buf)) >= 0) {
                bytes += n;
            }
            return bytes + " bytes, then end of stream";
        } catch (IOException e) {
            return bytes + " bytes, then " + e.getMessage();
        }
    }

    @Test
    void oddSizedWritesAndReadsAtOddTimesKeepEveryByteInOrder() {
        byte[] payload = new byte[3 << 20];
        new SplittableRandom(17).nextBytes(payload);
        SimulationBuilder.create()
                .workload(ctx -> {
                    Listener listener = ctx.network().bind(SERVER);
                    ctx.tasks().spawn("writer", () -> {
                        try (Connection c = ctx.network().connect(SERVER)) {
                            for (int off = 0; off < payload.length; ) {
                                int n = Math.min(
                                        payload.length - off, 1 + ctx.random().nextInt(9_000));
                                c.output().write(payload, off, n);
                                off += n;
                                if (ctx.random().nextInt(4) == 0) {
                                    ctx.time()
                                            .sleep(Duration.ofNanos(ctx.random().nextLong(1_000_000)));
                                }
                            }
                        }
                        return null;
                    });
                    Connection server = listener.accept();
                    byte[] got = new byte[payload.length + 1]; // room for one byte too many, were any sent
                    int have = 0;
                    while (true) {
                        // the reader mostly keeps up, so the ring stays small and wraps around many times, and
                        // now and then falls behind, so it grows with its bytes wrapped
                        int n = server.input()
                                .read(
                                        got,
                                        have,
                                        Math.min(
                                                got.length - have,
                                                1 + ctx.random().nextInt(16_000)));
                        if (n < 0) {
                            break;
                        }
                        have += n;
                        if (ctx.random().nextInt(3) == 0) {
                            ctx.time()
                                    .sleep(Duration.ofNanos(ctx.random()
                                            .nextLong(ctx.random().nextInt(50) == 0 ? 20_000_000 : 200_000)));
                        }
                    }
                    assertEquals(payload.length, have);
                    assertArrayEquals(payload, java.util.Arrays.copyOf(got, have));
                })
                .configure(NetworkConfig.builder().partialIo(0.3).build())
                .seeds(1, 2, 3)
                .run()
                .assertPassed();
    }

    @Test
    void abortResetsThePeerWhichNeverReadsPastIt() {
        inSimulation(ctx -> {
            Listener listener = ctx.network().bind(SERVER);
            ctx.tasks().spawn("aborter", () -> {
                Connection c = ctx.network().connect(SERVER);
                c.output().write(new byte[1 << 20]);
                c.abort(); // at the instant of the write: the bytes are still in flight, and dropped
                return null;
            });
            Connection server = listener.accept();
            assertEquals("0 bytes, then Connection reset", readUntilFailure(server), "the reader was already waiting");
            assertThrows(SocketException.class, () -> server.input().read());
            SocketException w =
                    assertThrows(SocketException.class, () -> server.output().write(1));
            assertEquals("Connection reset", w.getMessage());
        });
    }

    @Test
    void whatThePeerReceivedBeforeAResetIsReadFirst() {
        inSimulationWithoutBuggify(ctx -> {
            Listener listener = ctx.network().bind(SERVER);
            Connection client = ctx.network().connect(SERVER);
            Connection server = listener.accept();
            client.output().write(new byte[1000]);
            ctx.time().sleep(Duration.ofMillis(10));
            assertEquals(1000, server.input().available(), "delivered and buffered");
            client.abort();
            ctx.time().sleep(Duration.ofMillis(10));
            // as on Linux, which keeps the receive queue at a reset (NetworkContract checks it on both sides)
            assertEquals("1000 bytes, then Connection reset", readUntilFailure(server));
        });
    }

    @Test
    void writingToAPeerThatHasClosedDrawsAReset() {
        inSimulation(ctx -> {
            Listener listener = ctx.network().bind(SERVER);
            Connection client = ctx.network().connect(SERVER);
            listener.accept().close();
            assertEquals(-1, client.input().read(), "the peer's FIN");
            client.output().write(1); // accepted locally: the peer's stack answers it with a reset
            ctx.time().sleep(Duration.ofMillis(1));
            SocketException e =
                    assertThrows(SocketException.class, () -> client.output().write(1));
            assertEquals("Connection reset", e.getMessage());
        });
    }

    @Test
    void aHalfClosedPeerStillReceives() {
        inSimulation(ctx -> {
            Listener listener = ctx.network().bind(SERVER);
            Connection client = ctx.network().connect(SERVER);
            Connection server = listener.accept();
            server.shutdownOutput();
            assertEquals(-1, client.input().read());
            client.output().write(7);
            ctx.time().sleep(Duration.ofMillis(1));
            assertEquals(7, server.input().read(), "shutdownOutput is not close: no reset");
            client.output().write(8);
        });
    }

    @Test
    void ephemeralPortsAreReusedOnceFreeAndNeverTakeABoundOne() {
        inSimulation(ctx -> {
            Listener any = ctx.network().bind(new InetSocketAddress(ip("10.0.0.1"), 0));
            assertEquals(40_000, any.localAddress().getPort(), "the first ephemeral port");
            Listener fixed = ctx.network().bind(new InetSocketAddress(ip("10.0.0.1"), 40_001));
            Connection c = ctx.network().connect(any.localAddress());
            assertEquals(40_002, c.localAddress().getPort(), "40001 is bound");
            assertThrows(
                    BindException.class,
                    () -> ctx.network().bind(new InetSocketAddress(ip("10.0.0.1"), 40_002)),
                    "a connection's port");
            c.close();
            fixed.close();
            // more connections than the ephemeral range holds, one after another: closed ports come back
            for (int i = 0; i < 30_000; i++) {
                ctx.network().connect(any.localAddress()).close();
                any.accept().close();
            }
        });
    }

    @Test
    void afterShutdownOutputTheServerReadsEndOfStreamAndCanStillReply() {
        inSimulation(ctx -> {
            Listener listener = ctx.network().bind(SERVER);
            ctx.tasks().spawn("server", () -> {
                Connection c = listener.accept();
                byte[] request = readAll(c.input());
                c.output()
                        .write(("echo:" + new String(request, StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8));
                c.close();
                return null;
            });
            Connection client = ctx.network().connect(SERVER);
            client.output().write("ping".getBytes(StandardCharsets.UTF_8));
            client.shutdownOutput();
            assertThrows(SocketException.class, () -> client.output().write(1));
            assertEquals("echo:ping", new String(readAll(client.input()), StandardCharsets.UTF_8));
        });
    }

    @Test
    void severalTasksCanAcceptOnOneListenerAndReadOneStream() {
        inSimulation(ctx -> {
            Listener listener = ctx.network().bind(SERVER);
            List<io.moonpool.api.TaskHandle<Connection>> accepters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                accepters.add(ctx.tasks().spawn("accepter-" + i, listener::accept));
            }
            List<Connection> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                clients.add(ctx.network().connect(SERVER));
            }
            Connection server = accepters.getFirst().join();
            for (int i = 1; i < 3; i++) {
                accepters.get(i).join();
            }
            List<io.moonpool.api.TaskHandle<Integer>> readers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                readers.add(
                        ctx.tasks().spawn("reader-" + i, () -> server.input().read()));
            }
            Connection client = clients.stream()
                    .filter(c -> c.localAddress().equals(server.remoteAddress()))
                    .findFirst()
                    .orElseThrow();
            for (int b = 1; b <= 3; b++) {
                client.output().write(b);
                ctx.time().sleep(Duration.ofMillis(1));
            }
            int sum = 0;
            for (var r : readers) {
                sum += r.join();
            }
            assertEquals(6, sum, "every reader got one byte");
        });
    }

    @Test
    void aResetDoesNotCrossAPartitionUntilItHeals() {
        List<String> seen = new ArrayList<>();
        RunResult r = SimulationBuilder.create()
                .processes(1, () -> ctx -> {
                    Listener l = ctx.network().bind(new InetSocketAddress(ctx.ip(), 9000));
                    Connection c = l.accept();
                    ctx.time().sleep(Duration.ofSeconds(2));
                    c.abort(); // during the cut
                    ctx.shutdown().await();
                })
                .workload(ctx -> {
                    Connection c = ctx.network().connect(new InetSocketAddress(ip("10.0.1.1"), 9000));
                    long start = ctx.time().nanoTime();
                    try {
                        c.input().read();
                    } catch (SocketException e) {
                        seen.add(e.getMessage() + " after " + (ctx.time().nanoTime() - start) / 1_000_000 + " ms");
                    }
                })
                .faultInjector(new ScriptedInjector("cut", ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    ctx.partition(ip("10.0.0.1"), ip("10.0.1.1"), Duration.ofSeconds(4));
                }))
                .chaosDuration(Duration.ofSeconds(10))
                .seeds(2)
                .run()
                .runs()
                .getFirst();
        r.assertPassed();
        // connected at 0.1 ms; the cut lasts from 1 s to 5 s; the reset sent at 2 s arrives at 5 s
        assertEquals(List.of("Connection reset after 4999 ms"), seen);
    }

    @Test
    void bindAndConnectErrorsAreTheStandardOnes() {
        inSimulation(ctx -> {
            Listener listener = ctx.network().bind(SERVER);
            assertThrows(BindException.class, () -> ctx.network().bind(SERVER));
            assertThrows(BindException.class, () -> ctx.network().bind(new InetSocketAddress(ip("10.0.0.9"), 1)));
            ConnectException refused = assertThrows(
                    ConnectException.class, () -> ctx.network().connect(new InetSocketAddress(ip("10.0.0.1"), 7001)));
            assertTrue(refused.getMessage().startsWith("Connection refused"), refused.getMessage());
            Connection c = ctx.network().connect(SERVER);
            c.close();
            SocketException closed =
                    assertThrows(SocketException.class, () -> c.input().read());
            assertEquals("Socket closed", closed.getMessage());
            assertThrows(SocketException.class, () -> c.output().write(1));
            listener.close();
            assertThrows(ConnectException.class, () -> ctx.network().connect(SERVER));
            Listener again = ctx.network().bind(SERVER);
            again.close();
        });
    }

    /** A server that greets every client, then says goodbye when shut down gracefully. */
    static final class Greeter implements SimProcess {
        @Override
        public void run(SimContext ctx) throws Exception {
            Listener listener = ctx.network().bind(new InetSocketAddress(ctx.ip(), 9000));
            List<Connection> clients = new ArrayList<>();
            ctx.tasks().spawn("acceptor", () -> {
                while (true) {
                    Connection c = listener.accept();
                    clients.add(c);
                    c.output().write("hello\n".getBytes(StandardCharsets.UTF_8));
                }
            });
            ctx.shutdown().await();
            for (Connection c : clients) {
                c.output().write("bye\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Reboots the first process one second in. */
    private static ScriptedInjector rebootAt1s(RebootKind kind) {
        return new ScriptedInjector("reboot-at-1s", ctx -> {
            ctx.time().sleep(Duration.ofSeconds(1));
            ctx.reboot(ctx.processIps().getFirst(), kind);
        });
    }

    private static String clientSees(RebootKind kind) {
        StringBuilder seen = new StringBuilder();
        RunResult r = SimulationBuilder.create()
                .processes(1, Greeter::new)
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofMillis(100));
                    Connection c = ctx.network().connect(new InetSocketAddress(ip("10.0.1.1"), 9000));
                    try {
                        int b;
                        while ((b = c.input().read()) >= 0) {
                            seen.append((char) b);
                        }
                        seen.append("<EOF>");
                    } catch (SocketException e) {
                        seen.append("<").append(e.getMessage()).append(">");
                    }
                    ctx.time().sleep(Duration.ofSeconds(20));
                    Connection again = ctx.network().connect(new InetSocketAddress(ip("10.0.1.1"), 9000));
                    seen.append("|after restart: ").append((char) again.input().read());
                })
                .faultInjector(rebootAt1s(kind))
                .chaosDuration(Duration.ofSeconds(2))
                .seeds(8)
                .run()
                .runs()
                .getFirst();
        r.assertPassed();
        return seen.toString();
    }

    @Test
    void aCrashedServerResetsItsClients() {
        assertEquals("hello\n<Connection reset>|after restart: h", clientSees(RebootKind.CRASH));
    }

    @Test
    void aGracefullyRebootedServerClosesWithFinAfterItsLastWords() {
        assertEquals("hello\nbye\n<EOF>|after restart: h", clientSees(RebootKind.GRACEFUL));
    }

    @Test
    void aCrashResetsConnectionsWaitingInTheBacklogAndFailsConnectsUnderWay() {
        List<String> seen = new ArrayList<>();
        RunResult r = SimulationBuilder.create()
                .configure(NetworkConfig.builder()
                        .connectLatency(Duration.ofMillis(10), Duration.ofMillis(10))
                        .build())
                .processes(1, () -> ctx -> {
                    ctx.network().bind(new InetSocketAddress(ctx.ip(), 9000)); // never accepts
                    ctx.shutdown().await();
                })
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofMillis(100));
                    Connection waiting = ctx.network().connect(new InetSocketAddress(ip("10.0.1.1"), 9000));
                    ctx.time().sleep(Duration.ofMillis(895)); // 995 ms: the next connect's round trip spans the crash
                    try {
                        ctx.network().connect(new InetSocketAddress(ip("10.0.1.1"), 9000));
                        seen.add("connected");
                    } catch (ConnectException e) {
                        seen.add("connect: " + e.getMessage().substring(0, "Connection refused".length()));
                    }
                    try {
                        waiting.input().read();
                        seen.add("read");
                    } catch (SocketException e) {
                        seen.add("backlog: " + e.getMessage());
                    }
                })
                .faultInjector(rebootAt1s(RebootKind.CRASH))
                .chaosDuration(Duration.ofSeconds(2))
                .seeds(8)
                .run()
                .runs()
                .getFirst();
        r.assertPassed();
        assertEquals(List.of("connect: Connection refused", "backlog: Connection reset"), seen);
    }

    @Test
    void connectingToADeadProcessIsRefused() {
        RunResult r = SimulationBuilder.create()
                .processes(1, Greeter::new)
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofMillis(1500));
                    assertThrows(
                            ConnectException.class,
                            () -> ctx.network().connect(new InetSocketAddress(ip("10.0.1.1"), 9000)));
                })
                .faultInjector(rebootAt1s(RebootKind.CRASH)) // recovery takes at least 1 s
                .chaosDuration(Duration.ofSeconds(2))
                .seeds(8)
                .run()
                .runs()
                .getFirst();
        r.assertPassed();
    }

    @Test
    void connectingToAnUnresolvedAddressFailsAtTheCallNamingIt() {
        inSimulation(ctx -> {
            java.net.UnknownHostException e = org.junit.jupiter.api.Assertions.assertThrows(
                    java.net.UnknownHostException.class,
                    () -> ctx.network().connect(InetSocketAddress.createUnresolved("server.example", 80)));
            assertTrue(
                    e.getMessage().contains("connect(remote)") && e.getMessage().contains("unresolved"),
                    e.getMessage());
            org.junit.jupiter.api.Assertions.assertThrows(
                    java.net.UnknownHostException.class,
                    () -> ctx.network().bind(InetSocketAddress.createUnresolved("me.example", 80)));
            NullPointerException npe = org.junit.jupiter.api.Assertions.assertThrows(
                    NullPointerException.class, () -> ctx.network().connect(null));
            assertTrue(npe.getMessage().contains("remote"), npe.getMessage());
        });
    }
}
