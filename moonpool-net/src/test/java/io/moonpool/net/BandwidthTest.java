package io.moonpool.net;

import static io.moonpool.net.NetworkSemanticsTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.Workload;
import io.moonpool.sim.SimulationBuilder;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bandwidth: a large write takes the time its bytes take at the configured rate, connections through one card
 * or link share it, a connection within a node is not limited, and with every rate off nothing changes.
 */
class BandwidthTest {

    private static final int MB_50 = 50_000_000;
    private static final long RATE = 10_000_000; // 10 MB/s: 50 MB in 5 s
    private static final long SECOND = 1_000_000_000L;
    private static final long LATENCY = NetworkConfig.DEFAULT_DELIVERY_MICROS * 1_000L;
    /** How long a full segment takes through one stage at the rate. */
    private static final long SEGMENT_TIME = NetworkConfig.SEGMENT_BYTES * SECOND / RATE;

    private static final byte[] PAYLOAD = new byte[MB_50];

    /** Reads every connection to port 5000 of its node to its end, noting how much came and when it ended. */
    static final class Sink implements SimProcess {
        final Map<String, Long> received = new HashMap<>();
        final Map<String, Long> endedAt = new HashMap<>();
        private final java.util.Set<String> accepted = new java.util.HashSet<>();

        @Override
        public void run(SimContext ctx) throws Exception {
            Listener l = ctx.network().bind(new InetSocketAddress(ctx.ip(), 5000));
            while (true) {
                Connection c = l.accept();
                ctx.tasks().spawn("reader", () -> {
                    String pair = c.remoteAddress().getAddress().getHostAddress() + " -> "
                            + ctx.ip().getHostAddress();
                    // a second connection between the same pair, in accept order
                    String from = accepted.add(pair) ? pair : pair + " (2)";
                    byte[] buf = new byte[1 << 16];
                    long n = 0;
                    try {
                        for (int r; (r = c.input().read(buf)) >= 0; ) {
                            n += r;
                        }
                    } catch (SocketException e) {
                        // a reset: what came before it counts
                    }
                    received.put(from, n);
                    endedAt.put(from, ctx.time().nanoTime());
                    return null;
                });
            }
        }
    }

    /** Sends 50 MB to port 5000 of each peer at once, one task per peer; returns when every write returned. */
    private static void sendToEach(SimContext ctx, long[] startedAt, String... peers) throws Exception {
        ctx.time().sleep(Duration.ofMillis(1)); // the sinks are listening
        var tasks = new java.util.ArrayList<io.moonpool.api.TaskHandle<Void>>();
        for (String peer : peers) {
            tasks.add(ctx.tasks().spawn("send to " + peer, () -> {
                try (Connection c = ctx.network().connect(new InetSocketAddress(ip(peer), 5000))) {
                    startedAt[0] = ctx.time().nanoTime();
                    c.output().write(PAYLOAD);
                }
                return null;
            }));
        }
        for (var t : tasks) {
            t.join();
        }
    }

    private static Sink run(NetworkConfig config, int processes, Workload... workloads) {
        Sink sink = new Sink();
        SimulationBuilder b = SimulationBuilder.create()
                .buggify(false)
                .configure(config)
                .processes(processes, () -> sink)
                .seeds(21);
        for (Workload w : workloads) {
            b.workload(w);
        }
        b.run().assertPassed();
        return sink;
    }

    @Test
    void a50MegabyteWriteTakesFiveSecondsAtTenMegabytesPerSecond() {
        long[] started = new long[1];
        Sink sink =
                run(NetworkConfig.builder().bandwidth(RATE).build(), 1, ctx -> sendToEach(ctx, started, "10.0.1.1"));
        long took = sink.endedAt.get("10.0.0.1 -> 10.0.1.1") - started[0];
        assertEquals(MB_50, sink.received.get("10.0.0.1 -> 10.0.1.1"));
        // the model: 5 s through the sender's card, which the receiver's card follows one segment behind (the
        // last, shorter segment waits there for the full one before it), then the latency
        assertEquals(5 * SECOND + SEGMENT_TIME + LATENCY, took, "took " + took + " ns");
        assertTrue(took >= 5 * SECOND && took < 5 * SECOND + SECOND / 100, "took " + took + " ns");
    }

    @Test
    void aReconfiguredCardRateAppliesFromTheNextSegment() {
        // unlimited until the injector gives the workload's card 10 MB/s at 1 s; the write, made at 2 s, then
        // takes the 5 s of that rate (without the reconfiguration it would arrive after the latency alone)
        long[] started = new long[1];
        Sink sink = new Sink();
        SimulationBuilder.create()
                .buggify(false)
                .chaosDuration(Duration.ofSeconds(60))
                .processes(1, () -> sink)
                .faultInjector(new io.moonpool.sim.ScriptedInjector("slow card", ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    ctx.reconfigure(
                            ip("10.0.0.1"),
                            NetworkConfig.builder().bandwidth(RATE).build(),
                            Duration.ofSeconds(30));
                }))
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(2));
                    sendToEach(ctx, started, "10.0.1.1");
                })
                .seeds(21)
                .run()
                .assertPassed();
        long took = sink.endedAt.get("10.0.0.1 -> 10.0.1.1") - started[0];
        assertEquals(MB_50, sink.received.get("10.0.0.1 -> 10.0.1.1"));
        // the sender's card alone is limited: 5 s, then the latency (no second stage waits a segment behind)
        assertTrue(took >= 5 * SECOND && took < 5 * SECOND + SECOND / 100, "took " + took + " ns");
    }

    @Test
    void twoTransfersFromOneNodeShareItsCardFairly() {
        long[] started = new long[1];
        Sink sink = run(
                NetworkConfig.builder().bandwidth(RATE).build(),
                2,
                ctx -> sendToEach(ctx, started, "10.0.1.1", "10.0.1.2"));
        long a = sink.endedAt.get("10.0.0.1 -> 10.0.1.1") - started[0];
        long b = sink.endedAt.get("10.0.0.1 -> 10.0.1.2") - started[0];
        assertEquals(MB_50, sink.received.get("10.0.0.1 -> 10.0.1.1"));
        assertEquals(MB_50, sink.received.get("10.0.0.1 -> 10.0.1.2"));
        // 100 MB through one card: both end at about 10 s, neither at 5 s, within two segments of each other
        for (long t : new long[] {a, b}) {
            assertTrue(t >= 10 * SECOND - SECOND / 50 && t < 10 * SECOND + SECOND / 50, "took " + a + " and " + b);
        }
        assertTrue(Math.abs(a - b) <= 2 * SEGMENT_TIME, "took " + a + " and " + b);
    }

    @Test
    void aLinkLimitAloneLimitsEachDirectedLinkAndNotTheCards() {
        long[] started = new long[1];
        Sink sink = run(
                NetworkConfig.builder().linkBandwidth(RATE).build(),
                2,
                ctx -> sendToEach(ctx, started, "10.0.1.1", "10.0.1.2"));
        // two links, one per peer: each transfer has one to itself, so both take 5 s, not 10
        for (String pipe : new String[] {"10.0.0.1 -> 10.0.1.1", "10.0.0.1 -> 10.0.1.2"}) {
            long took = sink.endedAt.get(pipe) - started[0];
            assertEquals(MB_50, sink.received.get(pipe));
            assertEquals(5 * SECOND + LATENCY, took, pipe + " took " + took + " ns");
        }
    }

    @Test
    void twoConnectionsOnOneLinkShareIt() {
        long[] started = new long[1];
        Sink sink = run(
                NetworkConfig.builder().linkBandwidth(RATE).build(),
                1,
                ctx -> sendToEach(ctx, started, "10.0.1.1", "10.0.1.1"));
        // 100 MB over one directed link: both end at about 10 s
        for (String pipe : new String[] {"10.0.0.1 -> 10.0.1.1", "10.0.0.1 -> 10.0.1.1 (2)"}) {
            long took = sink.endedAt.get(pipe) - started[0];
            assertEquals(MB_50, sink.received.get(pipe));
            assertTrue(took >= 10 * SECOND - SECOND / 50 && took < 10 * SECOND + SECOND / 50, pipe + " took " + took);
        }
    }

    @Test
    void twoSendersIntoOneReceiverShareItsIngress() {
        long[] started = new long[2];
        Sink sink = run(
                NetworkConfig.builder().bandwidth(RATE).build(),
                1,
                ctx -> sendToEach(ctx, started, "10.0.1.1"),
                ctx -> sendToEach(ctx, new long[1], "10.0.1.1"));
        long a = sink.endedAt.get("10.0.0.1 -> 10.0.1.1") - started[0];
        long b = sink.endedAt.get("10.0.0.2 -> 10.0.1.1") - started[0];
        assertEquals(MB_50, sink.received.get("10.0.0.1 -> 10.0.1.1"));
        assertEquals(MB_50, sink.received.get("10.0.0.2 -> 10.0.1.1"));
        // each sender's card is free at 5 s, but 100 MB enter the receiver's: both end at about 10 s
        for (long t : new long[] {a, b}) {
            assertTrue(t >= 10 * SECOND - SECOND / 50 && t < 10 * SECOND + SECOND / 50, "took " + a + " and " + b);
        }
    }

    @Test
    void offByDefaultA50MegabyteWriteArrivesAfterTheLatencyAlone() {
        long[] started = new long[1];
        Sink sink = run(NetworkConfig.defaults(), 1, ctx -> sendToEach(ctx, started, "10.0.1.1"));
        assertEquals(MB_50, sink.received.get("10.0.0.1 -> 10.0.1.1"));
        assertEquals(LATENCY, sink.endedAt.get("10.0.0.1 -> 10.0.1.1") - started[0]);
    }

    @Test
    void aConnectionWithinANodeHasNoCardToWaitFor() {
        NetworkConfig limited =
                NetworkConfig.builder().bandwidth(RATE).linkBandwidth(RATE).build();
        for (String host : new String[] {"127.0.0.1", "10.0.0.1"}) {
            long[] took = new long[1];
            SimulationBuilder.create()
                    .buggify(false)
                    .configure(limited)
                    .workload(ctx -> {
                        Listener l = ctx.network().bind(new InetSocketAddress(ip(host), 7000));
                        Connection client = ctx.network().connect(new InetSocketAddress(ip(host), 7000));
                        Connection server = l.accept();
                        long start = ctx.time().nanoTime();
                        client.output().write(PAYLOAD);
                        server.input().readNBytes(MB_50);
                        took[0] = ctx.time().nanoTime() - start;
                    })
                    .seeds(21)
                    .run()
                    .assertPassed();
            assertEquals(LATENCY, took[0], host);
        }
    }

    @Test
    void withFlowControlTheWriterIsHeldToTheRate() {
        long[] returnedAt = new long[1];
        long[] started = new long[1];
        run(NetworkConfig.builder().bandwidth(RATE).bufferBytes(1 << 20).build(), 1, ctx -> {
            sendToEach(ctx, started, "10.0.1.1");
            returnedAt[0] = ctx.time().nanoTime();
        });
        long took = returnedAt[0] - started[0];
        // the write returns once all but the last buffer's worth has been read: 49 MB at 10 MB/s at least
        assertTrue(took >= (MB_50 - (1 << 20)) * SECOND / RATE && took <= 5 * SECOND + SECOND / 50, "took " + took);
    }

    @Test
    void anAbortDropsWhatTheNetworkHasNotTaken() {
        long[] started = new long[1];
        Sink sink = run(NetworkConfig.builder().bandwidth(RATE).build(), 1, ctx -> {
            ctx.time().sleep(Duration.ofMillis(1));
            Connection c = ctx.network().connect(new InetSocketAddress(ip("10.0.1.1"), 5000));
            started[0] = ctx.time().nanoTime();
            c.output().write(PAYLOAD);
            ctx.time().sleep(Duration.ofSeconds(1));
            c.abort();
        });
        long got = sink.received.get("10.0.0.1 -> 10.0.1.1");
        // about one second's worth (10 MB), never the 50 MB written
        assertTrue(got > 9_000_000 && got <= 10_000_000, "received " + got);
        long endedAfter = sink.endedAt.get("10.0.0.1 -> 10.0.1.1") - started[0];
        assertTrue(endedAfter >= SECOND && endedAfter < SECOND + SECOND / 50, "reset seen after " + endedAfter);
    }

    @Test
    void bytesStillQueuedKeepTheRunFromSettlingAndTheChecksSeeThemAll() {
        Sink sink = new Sink();
        SimulationBuilder.create()
                .buggify(false)
                .configure(NetworkConfig.builder().bandwidth(RATE).build())
                .processes(1, () -> sink)
                .workload(new Workload() {
                    @Override
                    public void run(SimContext ctx) throws Exception {
                        ctx.time().sleep(Duration.ofMillis(1));
                        Connection c = ctx.network().connect(new InetSocketAddress(ip("10.0.1.1"), 5000));
                        c.output().write(PAYLOAD);
                        c.close(); // returns at once: 5 s of bytes are still queued
                    }

                    @Override
                    public void check(SimContext ctx) {
                        assertEquals(MB_50, sink.received.get("10.0.0.1 -> 10.0.1.1"));
                    }
                })
                .chaosDuration(Duration.ofSeconds(1))
                .seeds(21)
                .run()
                .assertPassed();
    }

    /** Cuts the workload from process 10.0.1.1 at 1 s for {@code length}. */
    private static io.moonpool.sim.ScriptedInjector cutAtOneSecond(Duration length) {
        return new io.moonpool.sim.ScriptedInjector("cut", f -> {
            f.time().sleep(Duration.ofSeconds(1));
            f.partition(ip("10.0.0.1"), ip("10.0.1.1"), length);
        });
    }

    private static long transferDuringACut(Duration length, Duration chaos) {
        long[] started = new long[1];
        Sink sink = new Sink();
        SimulationBuilder.create()
                .buggify(false)
                .configure(NetworkConfig.builder().bandwidth(RATE).build())
                .processes(1, () -> sink)
                .workload(ctx -> sendToEach(ctx, started, "10.0.1.1"))
                .faultInjector(cutAtOneSecond(length))
                .chaosDuration(chaos)
                .seeds(21)
                .run()
                .assertPassed();
        assertEquals(MB_50, sink.received.get("10.0.0.1 -> 10.0.1.1"));
        return sink.endedAt.get("10.0.0.1 -> 10.0.1.1") - started[0];
    }

    @Test
    void aPartitionedConnectionSendsNothingUntilTheCutEnds() {
        // 1 s of bytes, 2 s cut off, the other 4 s of bytes: 7 s, not 5
        long took = transferDuringACut(Duration.ofSeconds(2), Duration.ofSeconds(20));
        assertTrue(took >= 7 * SECOND && took < 7 * SECOND + SECOND / 50, "took " + took);
    }

    @Test
    void aCutThatOutlastsTheChaosPhaseHoldsTheQueueUntilItEnds() {
        // cut at 1 s for an hour, lifted when the chaos phase ends at 3 s: 2 s lost, then the 4 s left
        long took = transferDuringACut(Duration.ofHours(1), Duration.ofSeconds(3));
        assertTrue(took >= 7 * SECOND - SECOND / 50 && took < 7 * SECOND + SECOND / 50, "took " + took);
    }

    @Test
    void withOtherFaultsEveryByteArrivesInOrderAndEachSeedReplaysExactly() {
        // split writes, short reads, clogs and buggify on limited cards and links; content checked by CRC
        NetworkConfig faults = NetworkConfig.builder()
                .bandwidth(RATE)
                .linkBandwidth(RATE / 2)
                .partialIo(0.3)
                .clogging(0.05, Duration.ofMillis(1), Duration.ofMillis(50))
                .deliveryLatency(Duration.ofMillis(1), Duration.ofMillis(5))
                .build();
        Map<String, Long> sent = new HashMap<>();
        Map<String, Long> got = new HashMap<>();
        SimulationBuilder.create()
                .configure(faults)
                .processes(2, () -> ctx -> {
                    Listener l = ctx.network().bind(new InetSocketAddress(ctx.ip(), 5000));
                    Connection c = l.accept();
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    byte[] buf = new byte[10_000];
                    for (int n; (n = c.input().read(buf)) >= 0; ) {
                        crc.update(buf, 0, n);
                    }
                    got.put(ctx.ip().getHostAddress() + " " + ctx.seed(), crc.getValue());
                })
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofMillis(1));
                    var tasks = new java.util.ArrayList<io.moonpool.api.TaskHandle<Void>>();
                    for (String peer : new String[] {"10.0.1.1", "10.0.1.2"}) {
                        tasks.add(ctx.tasks().spawn("send to " + peer, () -> {
                            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                            try (Connection c = ctx.network().connect(new InetSocketAddress(ip(peer), 5000))) {
                                for (int i = 0; i < 20; i++) {
                                    byte[] chunk = new byte[1 + ctx.random().nextInt(200_000)];
                                    ctx.random().nextBytes(chunk);
                                    crc.update(chunk);
                                    c.output().write(chunk);
                                    if (ctx.random().nextBoolean()) {
                                        ctx.time()
                                                .sleep(Duration.ofMillis(
                                                        ctx.random().nextInt(30)));
                                    }
                                }
                            }
                            sent.put(peer + " " + ctx.seed(), crc.getValue());
                            return null;
                        }));
                    }
                    for (var t : tasks) {
                        t.join();
                    }
                })
                .seeds(1, 2, 3, 4, 5)
                .checkDeterminism()
                .run()
                .assertPassed();
        assertEquals(10, sent.size(), sent.toString());
        assertEquals(sent, got);
    }

    @Test
    void aNegativeRateNamesTheFieldAndTheFix() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> NetworkConfig.builder().bandwidth(-1).linkBandwidth(-2).build());
        assertTrue(e.getMessage().contains("bandwidth.nicBytesPerSecond must not be negative, was -1"), e.getMessage());
        assertTrue(e.getMessage().contains("linkBandwidth(bytesPerSecond)"), e.getMessage());
        assertTrue(e.getMessage().contains("0 for unlimited"), e.getMessage());
    }

    @Test
    void unlimitedIsTheDefault() {
        assertEquals(NetworkConfig.Bandwidth.UNLIMITED, NetworkConfig.defaults().bandwidth());
        assertTrue(NetworkConfig.builder().linkBandwidth(1).build().bandwidth().limited());
    }
}
