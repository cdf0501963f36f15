package io.moonpool.net;

import static io.moonpool.net.NetworkSemanticsTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Connection;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.ChaosMode;
import io.moonpool.sim.EchoServer;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.ScriptedInjector;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.TimelineEntry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code FaultContext.reconfigure} with a {@link NetworkConfig}: what one node sends is slow for a window of the
 * chaos phase, what the others send is not, and the change and its end are in the timeline.
 */
class ReconfigurationTest {

    private static final long ONE_WAY = NetworkConfig.DEFAULT_DELIVERY_MICROS * 1_000L;
    private static final long SLOW_ONE_WAY = 100_000_000;
    private static final Duration WINDOW = Duration.ofSeconds(60);
    /** The first workload, whose side of the network the injectors reconfigure. */
    private static final InetAddress SLOWED = ip("10.0.0.1");

    private static NetworkConfig slowDelivery(long nanos) {
        return NetworkConfig.builder()
                .deliveryLatency(Duration.ofNanos(nanos), Duration.ofNanos(nanos))
                .build();
    }

    /** A one-byte ping to the echo server every 500 ms for {@code seconds}: when each left, and its round trip. */
    static final class Pings implements Workload {
        private final String name;
        private final int seconds;
        final List<long[]> pings = new ArrayList<>();

        Pings(String name, int seconds) {
            this.name = name;
            this.seconds = seconds;
        }

        @Override
        public void setup(SimContext ctx) {
            pings.clear();
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            Connection c = ctx.network().connect(new InetSocketAddress(ip("10.0.1.1"), 5000));
            long end = ctx.time().nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (ctx.time().nanoTime() < end) {
                long t0 = ctx.time().nanoTime();
                c.output().write(7);
                assertEquals(7, c.input().read());
                pings.add(new long[] {t0, ctx.time().nanoTime() - t0});
                ctx.time().sleep(Duration.ofMillis(500));
            }
            c.close();
        }

        @Override
        public String name() {
            return name;
        }

        long took(long nanos, long from, long to) {
            return pings.stream()
                    .filter(p -> p[0] >= from && p[0] < to && p[1] == nanos)
                    .count();
        }

        long began(long from, long to) {
            return pings.stream().filter(p -> p[0] >= from && p[0] < to).count();
        }
    }

    private static RunResult run(Pings a, Pings b, Duration chaos, ScriptedInjector injector, long seed) {
        return SimulationBuilder.create()
                .processes(1, () -> new EchoServer(5000))
                .workload(a)
                .workload(b)
                .faultInjector(injector)
                .chaosDuration(chaos)
                .buggify(false)
                .traceAll()
                .seeds(seed)
                .run()
                .runs()
                .getFirst();
    }

    private static List<TimelineEntry> entries(RunResult run, String what) {
        return run.timeline().stream().filter(e -> e.what().equals(what)).toList();
    }

    @Test
    void aNodeWithSlowDeliveryForAMinuteIsSlowInTheWindowOnlyAndNoOtherNodeIs() {
        for (long seed = 1; seed <= 4; seed++) {
            Pings a = new Pings("a", 100);
            Pings b = new Pings("b", 100);
            long[] at = {-1};
            RunResult r = run(
                    a,
                    b,
                    Duration.ofSeconds(120),
                    new ScriptedInjector("reconfigure", ctx -> {
                        ctx.time().sleep(Duration.ofSeconds(10));
                        at[0] = ctx.time().nanoTime();
                        ctx.reconfigure(SLOWED, slowDelivery(SLOW_ONE_WAY), WINDOW);
                    }),
                    seed);
            r.assertPassed();
            long from = at[0];
            long to = from + WINDOW.toNanos();
            // a's ping goes out slow, the echo comes back at the server's own (default) latency
            long slowTrip = SLOW_ONE_WAY + ONE_WAY;
            assertEquals(a.began(0, from), a.took(2 * ONE_WAY, 0, from), "before the window");
            assertEquals(a.began(from, to), a.took(slowTrip, from, to), "in the window");
            assertEquals(a.began(to, Long.MAX_VALUE), a.took(2 * ONE_WAY, to, Long.MAX_VALUE), "after the window");
            assertTrue(a.began(from, to) >= 90, "pings in the window: " + a.began(from, to));
            assertTrue(a.began(to, Long.MAX_VALUE) >= 50, "pings after: " + a.began(to, Long.MAX_VALUE));
            assertEquals(b.pings.size(), b.took(2 * ONE_WAY, 0, Long.MAX_VALUE), "the other node is unchanged");

            List<TimelineEntry> made = entries(r, "reconfigured");
            assertEquals(1, made.size(), made::toString);
            assertEquals("10.0.0.1 network", made.getFirst().subject());
            assertEquals(WINDOW.toNanos(), made.getFirst().value());
            List<TimelineEntry> ended = entries(r, "reconfiguration ended");
            assertEquals(1, ended.size(), ended::toString);
            assertEquals("10.0.0.1 network", ended.getFirst().subject());
            assertEquals(Duration.ofNanos(to), ended.getFirst().time());
            assertEquals(1L, r.faults().get("reconfigured"));
        }
    }

    @Test
    void theEndOfChaosRestoresTheNodeAndTheSameSeedReplaysExactly() {
        List<RunResult> runs = new ArrayList<>();
        Pings a = null;
        for (int i = 0; i < 2; i++) {
            a = new Pings("a", 40);
            runs.add(run(
                    a,
                    new Pings("b", 40),
                    Duration.ofSeconds(20),
                    new ScriptedInjector("reconfigure", ctx -> {
                        ctx.time().sleep(Duration.ofSeconds(5));
                        ctx.reconfigure(SLOWED, slowDelivery(SLOW_ONE_WAY), Duration.ofDays(365));
                    }),
                    8));
        }
        runs.getFirst().assertPassed();
        long chaosEnd = Duration.ofSeconds(20).toNanos();
        assertTrue(a.took(SLOW_ONE_WAY + ONE_WAY, 0, chaosEnd) > 0);
        assertEquals(a.began(chaosEnd, Long.MAX_VALUE), a.took(2 * ONE_WAY, chaosEnd, Long.MAX_VALUE));
        assertTrue(a.began(chaosEnd, Long.MAX_VALUE) >= 30);
        List<TimelineEntry> ended = entries(runs.getFirst(), "reconfiguration ended");
        assertEquals(1, ended.size(), ended::toString);
        assertEquals(Duration.ofSeconds(20), ended.getFirst().time());
        assertEquals(runs.get(0).traceHash(), runs.get(1).traceHash());
        assertEquals(runs.get(0).timeline(), runs.get(1).timeline());
    }

    @Test
    void aReconfigurationWithAChaosModeIsRefusedNamingTheFix() {
        List<String> messages = new ArrayList<>();
        run(
                        new Pings("a", 1),
                        new Pings("b", 1),
                        Duration.ofSeconds(1),
                        new ScriptedInjector(
                                "sloppy",
                                ctx -> messages.add(assertThrows(
                                                IllegalArgumentException.class,
                                                () -> ctx.reconfigure(
                                                        SLOWED,
                                                        NetworkConfig.builder()
                                                                .chaos(ChaosMode.RANDOM)
                                                                .build(),
                                                        WINDOW))
                                        .getMessage())),
                        1)
                .assertPassed();
        assertEquals(1, messages.size());
        assertTrue(messages.getFirst().contains("chaos(ChaosMode.OFF)"), messages.getFirst());
    }

    @Test
    void writeLatencyFollowsTheNodeAndItsLoopbackKeepsTheNetworksConfiguration() {
        List<Long> trips = new ArrayList<>();
        SimulationBuilder.create()
                .processes(1, () -> new EchoServer(5000))
                .workload(ctx -> {
                    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 6000);
                    io.moonpool.api.Listener own = ctx.network().bind(loopback);
                    ctx.tasks().spawn("loopback echo", () -> {
                        try (Connection in = own.accept()) {
                            for (int b; (b = in.input().read()) >= 0; ) {
                                in.output().write(b);
                            }
                        }
                        return null;
                    });
                    Connection remote = ctx.network().connect(new InetSocketAddress(ip("10.0.1.1"), 5000));
                    Connection local = ctx.network().connect(loopback);
                    ctx.time().sleep(Duration.ofSeconds(2)); // inside the reconfiguration, from 1 s to 11 s
                    for (Connection c : List.of(remote, local)) {
                        long t0 = ctx.time().nanoTime();
                        c.output().write(1);
                        assertEquals(1, c.input().read());
                        trips.add(ctx.time().nanoTime() - t0);
                    }
                    remote.close();
                    local.close();
                })
                .faultInjector(new ScriptedInjector("reconfigure", ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    ctx.reconfigure(
                            SLOWED,
                            NetworkConfig.builder()
                                    .writeLatency(Duration.ofMillis(10), Duration.ofMillis(10))
                                    .deliveryLatency(Duration.ofMillis(50), Duration.ofMillis(50))
                                    .build(),
                            Duration.ofSeconds(10));
                }))
                .chaosDuration(Duration.ofSeconds(15))
                .buggify(false)
                .seeds(2)
                .run()
                .assertPassed();
        // the write blocks 10 ms, the ping travels 50 ms, the server's echo 350 us; over loopback, the defaults
        assertEquals(List.of(10_000_000 + 50_000_000 + ONE_WAY, 2 * ONE_WAY), trips);
    }
}
