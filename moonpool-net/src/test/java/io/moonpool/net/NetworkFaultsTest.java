package io.moonpool.net;

import static io.moonpool.net.NetworkSemanticsTest.SERVER;
import static io.moonpool.net.NetworkSemanticsTest.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import io.moonpool.sim.EchoServer;
import io.moonpool.sim.ScriptedInjector;
import io.moonpool.sim.SimulationBuilder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Each fault family, switched on alone, has its observable effect, and none when off. */
class NetworkFaultsTest {

    private static final Duration MS = Duration.ofMillis(1);

    private static void run(NetworkConfig config, Workload w) {
        SimulationBuilder.create()
                .buggify(false) // each family alone: buggify's sites are families of their own (BuggifySitesTest)
                .configure(config)
                .workload(w)
                .seeds(11, 12, 13)
                .run()
                .assertPassed();
    }

    /** A connected pair inside one workload: [client end, server end]. */
    private static Connection[] pair(SimContext ctx) throws IOException {
        Listener l = ctx.network().bind(SERVER);
        Connection client = ctx.network().connect(SERVER);
        Connection server = l.accept();
        return new Connection[] {client, server};
    }

    /** Sends one message and returns the simulated nanoseconds until the first byte was readable. */
    private static long deliveryTime(SimContext ctx, Connection[] p, int size) throws IOException {
        long start = ctx.time().nanoTime();
        p[0].output().write(new byte[size]);
        int first = p[1].input().read();
        assertTrue(first >= 0);
        long took = ctx.time().nanoTime() - start;
        p[1].input().skipNBytes(size - 1);
        return took;
    }

    @Test
    void deliveryTakesTheConfiguredLatency() {
        run(NetworkConfig.defaults(), ctx -> assertEquals(350_000, deliveryTime(ctx, pair(ctx), 10)));
        run(
                NetworkConfig.builder()
                        .deliveryLatency(MS.multipliedBy(5), MS.multipliedBy(5))
                        .build(),
                ctx -> assertEquals(5_000_000, deliveryTime(ctx, pair(ctx), 10)));
    }

    @Test
    void theSlowTailMultipliesLatency() {
        NetworkConfig base = NetworkConfig.builder().deliveryLatency(MS, MS).build();
        NetworkConfig slow =
                NetworkConfig.builder().deliveryLatency(MS, MS).slowTail(1).build();
        run(base, ctx -> assertEquals(1_000_000, deliveryTime(ctx, pair(ctx), 10)));
        run(slow, ctx -> {
            long t = deliveryTime(ctx, pair(ctx), 10);
            assertTrue(t >= 5_000_000 && t <= 20_000_000, "slow delivery took " + t + " ns");
        });
    }

    @Test
    void aPairKeepsTheLatencyItDrewAtFirstContact() {
        NetworkConfig config = NetworkConfig.builder()
                .deliveryLatency(MS, MS)
                .pairLatency(MS.multipliedBy(50))
                .build();
        run(config, ctx -> {
            Connection[] p = pair(ctx);
            long first = deliveryTime(ctx, p, 10);
            for (int i = 0; i < 5; i++) {
                assertEquals(first, deliveryTime(ctx, p, 10));
            }
            assertTrue(first >= 1_000_000 && first <= 51_000_000, "pair latency " + first);
        });
    }

    @Test
    void partialIoSplitsWritesAndShortensReads() {
        NetworkConfig spread =
                NetworkConfig.builder().deliveryLatency(MS, MS.multipliedBy(20)).build();
        NetworkConfig partial = NetworkConfig.builder()
                .deliveryLatency(MS, MS.multipliedBy(20))
                .partialIo(1)
                .build();
        run(spread, ctx -> assertEquals(1, readsFor(ctx, 1000)));
        run(partial, ctx -> assertTrue(readsFor(ctx, 1000) > 1));
    }

    private static int readsFor(SimContext ctx, int size) throws IOException {
        Connection[] p = pair(ctx);
        p[0].output().write(new byte[size]);
        byte[] buf = new byte[size];
        int got = 0;
        int reads = 0;
        while (got < size) {
            int n = p[1].input().read(buf, got, size - got);
            assertTrue(n > 0, "a read with data buffered returns at least one byte");
            got += n;
            reads++;
        }
        return reads;
    }

    @Test
    void theReportCountsInjectedFaultsByKindAndTheTimelineShowsThem() {
        NetworkConfig faults = NetworkConfig.builder()
                .deliveryLatency(MS, MS.multipliedBy(20))
                .partialIo(1)
                .clogging(1, MS, MS)
                .build();
        io.moonpool.sim.SimulationReport report = SimulationBuilder.create()
                .buggify(false)
                .configure(faults)
                .workload(ctx -> {
                    readsFor(ctx, 1000);
                    io.moonpool.api.Assertions.unreachable("the end, so that the seed keeps its timeline");
                })
                .seeds(11)
                .run();
        // the seed fails at its planned end, and nowhere before (a failing check inside the workload would show)
        assertTrue(
                report.runs().getFirst().failure().orElseThrow().message().contains("the end, so that the seed"),
                report::toString);
        assertTrue(
                report.faults().getOrDefault("clog made", 0L) >= 1,
                report.faults().toString());
        assertTrue(
                report.faults().getOrDefault("write split", 0L) >= 1,
                report.faults().toString());
        assertTrue(
                report.faults().getOrDefault("short read", 0L) >= 1,
                report.faults().toString());
        assertTrue(report.toString().contains("injected faults (all iterations): {"), report.toString());
        assertTrue(report.toJson().contains("\"faults\": {"), report.toJson());
        assertTrue(
                report.timeline(11).stream()
                        .anyMatch(e ->
                                e.what().equals("clog made") && e.subject().contains("->") && e.value() == 1_000_000),
                report.timeline(11).toString());
    }

    @Test
    void cloggingStallsAConnection() {
        NetworkConfig clog = NetworkConfig.builder()
                .clogging(1, Duration.ofSeconds(1), Duration.ofSeconds(1))
                .build();
        run(clog, ctx -> assertEquals(1_000_000_000, deliveryTime(ctx, pair(ctx), 10)));
    }

    @Test
    void anExplicitRandomCloseResetsTheConnection() {
        run(NetworkConfig.builder().randomClose(1, 0).build(), ctx -> {
            Connection[] p = pair(ctx);
            SocketException e =
                    assertThrows(SocketException.class, () -> p[0].output().write(1));
            assertEquals("Connection reset", e.getMessage());
            // the user closed nothing: this end stays reset, not "closed"
            assertEquals(
                    "Connection reset",
                    assertThrows(SocketException.class, () -> p[0].input().read())
                            .getMessage());
            assertEquals(
                    "Connection reset",
                    assertThrows(SocketException.class, () -> p[1].input().read())
                            .getMessage());
        });
    }

    @Test
    void connectAcceptAndWriteTakeTheirConfiguredLatency() {
        NetworkConfig slowOps = NetworkConfig.builder()
                .connectLatency(MS.multipliedBy(5), MS.multipliedBy(5))
                .acceptLatency(MS.multipliedBy(3), MS.multipliedBy(3))
                .writeLatency(MS.multipliedBy(2), MS.multipliedBy(2))
                .build();
        run(slowOps, ctx -> {
            Listener l = ctx.network().bind(SERVER);
            long t0 = ctx.time().nanoTime();
            Connection client = ctx.network().connect(SERVER);
            assertEquals(5_000_000, ctx.time().nanoTime() - t0, "connect");
            long t1 = ctx.time().nanoTime();
            l.accept();
            assertEquals(3_000_000, ctx.time().nanoTime() - t1, "accept, with a connection pending");
            long t2 = ctx.time().nanoTime();
            client.output().write(1);
            assertEquals(2_000_000, ctx.time().nanoTime() - t2, "write");
        });
    }

    @Test
    void aSlowPairIsSlowToConnectToo() {
        NetworkConfig config = NetworkConfig.builder()
                .deliveryLatency(MS, MS)
                .pairLatency(MS.multipliedBy(50))
                .build();
        run(config, ctx -> {
            Listener l = ctx.network().bind(SERVER);
            long t0 = ctx.time().nanoTime();
            Connection client = ctx.network().connect(SERVER);
            long connect = ctx.time().nanoTime() - t0;
            long delivery = deliveryTime(ctx, new Connection[] {client, l.accept()}, 10);
            // one node talks to itself: a connect is a round trip, so it pays the pair's extra twice
            long extra = delivery - 1_000_000;
            assertEquals(NetworkConfig.DEFAULT_CONNECT_MICROS * 1_000L + 2 * extra, connect);
        });
    }

    @Test
    void aPartitionThatResetsBreaksTheConnectionsBetweenThePairAtOnce() {
        for (double reset : new double[] {1, 0}) {
            List<String> seen = new ArrayList<>();
            SimulationBuilder.create()
                    .configure(NetworkConfig.builder().partitionResets(reset).build())
                    .processes(1, () -> new EchoServer(7000))
                    .workload(ctx -> {
                        Connection c = ctx.network().connect(new InetSocketAddress(ip("10.0.1.1"), 7000));
                        ctx.time().sleep(Duration.ofSeconds(2));
                        try {
                            c.output().write(1);
                            seen.add("echo " + c.input().read() + " at "
                                    + ctx.time().nanoTime() / 1_000_000 + " ms");
                        } catch (SocketException e) {
                            seen.add(e.getMessage() + " at " + ctx.time().nanoTime() / 1_000_000 + " ms");
                        }
                    })
                    .faultInjector(new ScriptedInjector("cut", ctx -> {
                        ctx.time().sleep(Duration.ofSeconds(1));
                        ctx.partition(ip("10.0.0.1"), ip("10.0.1.1"), Duration.ofSeconds(3));
                    }))
                    .chaosDuration(Duration.ofSeconds(10))
                    .seeds(8)
                    .run()
                    .assertPassed();
            assertEquals(
                    List.of(reset == 1 ? "Connection reset at 2000 ms" : "echo 1 at 4000 ms"), seen, "reset " + reset);
        }
    }

    @Test
    void aClogTakesAShareOfTheConnectionsNotYetCloggedOneAfterAnother() {
        List<Integer> clogged = new ArrayList<>();
        List<Long> echoedAt = new ArrayList<>();
        SimulationBuilder.create()
                .processes(1, () -> new EchoServer(7000))
                .workload(ctx -> {
                    List<Connection> cs = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        cs.add(ctx.network().connect(new InetSocketAddress(ip("10.0.1.1"), 7000)));
                    }
                    ctx.time().sleep(Duration.ofSeconds(4));
                    List<io.moonpool.api.TaskHandle<Long>> echoes = new ArrayList<>();
                    for (Connection c : cs) {
                        echoes.add(ctx.tasks().spawn("echo", () -> {
                            c.output().write(1);
                            c.input().read();
                            return ctx.time().nanoTime() / 1_000;
                        }));
                    }
                    for (var e : echoes) {
                        echoedAt.add(e.join());
                    }
                })
                .faultInjector(new ScriptedInjector("clogs", ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    clogged.add(ctx.clog(ip("10.0.0.1"), 0.5, Duration.ofSeconds(10)));
                    ctx.time().sleep(Duration.ofSeconds(1));
                    clogged.add(ctx.clog(ip("10.0.0.1"), 0.5, Duration.ofSeconds(5)));
                    ctx.time().sleep(Duration.ofSeconds(1));
                    clogged.add(ctx.clog(ip("10.0.0.1"), 0.5, Duration.ofSeconds(60)));
                }))
                .chaosDuration(Duration.ofSeconds(20))
                .seeds(9)
                .run()
                .assertPassed();
        assertEquals(List.of(2, 1, 1), clogged, "half of 4, half of the 2 left, the last one");
        // released at 11 s (two), 7 s, and 20 s (the end of chaos lifts the minute-long clog); echo 350 us later
        assertEquals(
                List.of(7_000_350L, 11_000_350L, 11_000_350L, 20_000_350L),
                echoedAt.stream().sorted().toList());
    }

    @Test
    void withFlowControlAWriteWaitsForTheReaderToMakeRoom() {
        run(NetworkConfig.builder().bufferBytes(64 * 1024).build(), ctx -> {
            Connection[] p = pair(ctx);
            long[] readByTheEndOfTheWrite = new long[1];
            long[] read = new long[1];
            var writer = ctx.tasks().spawn("writer", () -> {
                p[0].output().write(new byte[1 << 20]);
                readByTheEndOfTheWrite[0] = read[0];
                p[0].close();
                return null;
            });
            byte[] buf = new byte[4096];
            int n;
            while ((n = p[1].input().read(buf)) >= 0) {
                read[0] += n;
                ctx.time().sleep(Duration.ofMillis(1)); // a slow reader
            }
            writer.join();
            assertEquals(1 << 20, read[0]);
            assertTrue(
                    readByTheEndOfTheWrite[0] >= (1 << 20) - 64 * 1024,
                    "the write returned when only " + readByTheEndOfTheWrite[0] + " bytes had been read");
        });
    }

    @Test
    void withFlowControlTwoPeersThatBothWriteBeforeReadingDeadlock() {
        Workload bothWriteFirst = ctx -> {
            Connection[] p = pair(ctx);
            var other = ctx.tasks().spawn("peer", () -> {
                p[1].output().write(new byte[1 << 20]);
                return p[1].input().readNBytes(1 << 20).length;
            });
            p[0].output().write(new byte[1 << 20]);
            assertEquals(1 << 20, p[0].input().readNBytes(1 << 20).length);
            assertEquals(1 << 20, other.join());
        };
        SimulationBuilder.create().workload(bothWriteFirst).seeds(3).run().assertPassed(); // no limit: fine
        var run = SimulationBuilder.create()
                .configure(NetworkConfig.builder().bufferBytes(256 * 1024).build())
                .workload(bothWriteFirst)
                .seeds(3)
                .run()
                .runs()
                .getFirst();
        String failure = run.failure().orElseThrow().message();
        assertTrue(failure.contains("deadlock") && failure.contains("SimConnection.write"), failure);
    }

    @Test
    void chaosDrawsComeFromTheConfigurationStreamNotTheSimulationStream() {
        List<Long> draws = new ArrayList<>();
        Workload probe = ctx -> draws.add(ctx.random().nextLong());
        SimulationBuilder.create().workload(probe).seeds(21).run().assertPassed();
        SimulationBuilder.create()
                .configure(NetworkConfig.builder()
                        .chaos(io.moonpool.api.fault.ChaosMode.RANDOM)
                        .build())
                .workload(probe)
                .seeds(21)
                .run()
                .assertPassed();
        SimulationBuilder.create()
                .configure(NetworkConfig.builder()
                        .chaos(io.moonpool.api.fault.ChaosMode.SWARM)
                        .build())
                .workload(probe)
                .seeds(21)
                .run()
                .assertPassed();
        assertEquals(1, draws.stream().distinct().count(), draws::toString);
    }

    @Test
    void aSilentRandomCloseJustStopsDelivering() {
        run(NetworkConfig.builder().randomClose(1, 1).build(), ctx -> {
            Connection[] p = pair(ctx);
            p[0].output().write(1);
            assertThrows(
                    TimeoutException.class,
                    () -> ctx.time()
                            .timeout(Duration.ofSeconds(10), () -> p[1].input().read()));
        });
    }

    @Test
    void bitFlipsCorruptDeliveredBytesOnlyWhenOn() {
        byte[] sent = new byte[64];
        Arrays.fill(sent, (byte) 0x55);
        byte[][] seen = new byte[1][];
        Workload exchange = ctx -> {
            Connection[] p = pair(ctx);
            p[0].output().write(sent);
            byte[] got = p[1].input().readNBytes(sent.length);
            if (ctx.seed() > 0) {
                seen[0] = got;
            }
        };
        run(NetworkConfig.defaults(), exchange);
        assertArrayEquals(sent, seen[0]);
        run(NetworkConfig.builder().bitFlips(1).build(), exchange);
        assertFalse(Arrays.equals(sent, seen[0]), "no bit was flipped");
        int flipped = 0;
        for (int i = 0; i < sent.length; i++) {
            flipped += Integer.bitCount((sent[i] ^ seen[0][i]) & 0xFF);
        }
        assertEquals(1, flipped, "one piece, one flipped bit");
    }

    @Test
    void connectFailuresRefuseOrHangAlthoughSomeoneListens() {
        run(NetworkConfig.builder().connectFailures(1, 0).build(), ctx -> {
            ctx.network().bind(SERVER);
            ConnectException e =
                    assertThrows(ConnectException.class, () -> ctx.network().connect(SERVER));
            assertTrue(e.getMessage().startsWith("Connection refused"), e.getMessage());
        });
        run(
                NetworkConfig.builder()
                        .connectFailures(1, 1)
                        .connectTimeout(Duration.ofSeconds(3))
                        .build(),
                ctx -> {
                    ctx.network().bind(SERVER);
                    long start = ctx.time().nanoTime();
                    ConnectException e = assertThrows(
                            ConnectException.class, () -> ctx.network().connect(SERVER));
                    assertTrue(e.getMessage().startsWith("Connection timed out"), e.getMessage());
                    assertTrue(ctx.time().nanoTime() - start >= 3_000_000_000L);
                });
        run(NetworkConfig.defaults(), ctx -> {
            ctx.network().bind(SERVER);
            ctx.network().connect(SERVER).close();
        });
    }

    @Test
    void clockSkewOffsetsWallClocksOfNodesButNotSimulatedTime() {
        java.util.List<Long> offsets = new java.util.ArrayList<>();
        // one instance per node: the builder rejects an instance added twice
        java.util.function.Supplier<Workload> probe = () -> new Workload() {
            @Override
            public void run(SimContext ctx) {
                offsets.add(java.time.Duration.between(
                                        java.time.Instant.parse("2020-01-01T00:00:00Z"),
                                        ctx.time().now())
                                .toNanos()
                        - ctx.time().nanoTime());
            }
        };
        SimulationBuilder.create()
                .configure(
                        NetworkConfig.builder().clockSkew(Duration.ofMillis(50)).build())
                .workload(probe.get())
                .workload(probe.get())
                .workload(probe.get())
                .seeds(5)
                .run()
                .assertPassed();
        assertEquals(3, offsets.size());
        assertTrue(offsets.stream().allMatch(o -> Math.abs(o) <= 50_000_000), offsets::toString);
        assertTrue(offsets.stream().distinct().count() > 1, "nodes should disagree: " + offsets);
        offsets.clear();
        SimulationBuilder.create().workload(probe.get()).seeds(5).run().assertPassed();
        assertEquals(java.util.List.of(0L), offsets, "no skew when off");
    }

    @Test
    void invalidConfigurationNamesTheField() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> NetworkConfig.builder()
                        .partialIo(1.5)
                        .deliveryLatency(MS.multipliedBy(2), MS)
                        .connectTimeout(Duration.ofSeconds(-1))
                        .bufferBytes(-1)
                        .build());
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("bufferBytes must not be negative, was -1"), e.getMessage());
        assertTrue(
                e.getMessage().contains("partialIo.probability must be a probability in [0, 1], was 1.5"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("latency.delivery minimum PT0.002S is above its maximum PT0.001S"),
                e.getMessage());
        assertTrue(e.getMessage().contains("connectTimeout must not be negative"), e.getMessage());
    }

    @Test
    void faultsStopWhenChaosEnds() {
        SimulationBuilder.create()
                .configure(NetworkConfig.builder().connectFailures(1, 0).build())
                .chaosDuration(Duration.ofSeconds(5))
                .workload(ctx -> {
                    ctx.network().bind(SERVER);
                    assertThrows(ConnectException.class, () -> ctx.network().connect(SERVER));
                    ctx.time().sleep(Duration.ofSeconds(6));
                    ctx.network()
                            .connect(new InetSocketAddress(ip("10.0.0.1"), 7000))
                            .close();
                })
                .seeds(3)
                .run()
                .assertPassed();
    }
}
