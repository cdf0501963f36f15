package io.moonpool.net;

import static io.moonpool.net.NetworkSemanticsTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.sim.EchoServer;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.ScriptedInjector;
import io.moonpool.sim.SimulationBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Partitions cut a pair and only that pair, and lift when chaos ends; clogs and silent closes leave nothing behind.
 * (The chatty cluster that replays exactly moved to {@link NetworkPluginContractTest}.)
 */
class PartitionTest {

    private record CutAt(Duration at, Duration length) implements FaultInjector {
        @Override
        public String name() {
            return "cut";
        }

        @Override
        public void inject(FaultContext ctx) throws Exception {
            ctx.time().sleep(at);
            ctx.partition(ip("10.0.0.1"), ip("10.0.1.1"), length);
        }
    }

    @Test
    void aPairCutForFiveSecondsCannotExchangeBytesThenCanWhileOthersAreUnaffected() {
        List<String> seen = new ArrayList<>();
        RunResult r = SimulationBuilder.create()
                .processes(2, () -> new EchoServer(5000))
                .workload(ctx -> {
                    Connection cut = ctx.network().connect(new InetSocketAddress(ip("10.0.1.1"), 5000));
                    Connection free = ctx.network().connect(new InetSocketAddress(ip("10.0.1.2"), 5000));
                    ctx.time().sleep(Duration.ofSeconds(2));
                    long start = ctx.time().nanoTime();
                    cut.output().write(1);
                    free.output().write(2);
                    assertEquals(2, free.input().read());
                    seen.add("free after " + (ctx.time().nanoTime() - start) / 1_000 + " us");
                    assertEquals(1, cut.input().read());
                    seen.add("cut after " + (ctx.time().nanoTime() - start) / 1_000 + " us");
                    start = ctx.time().nanoTime();
                    cut.output().write(3);
                    assertEquals(3, cut.input().read());
                    seen.add("healed round trip " + (ctx.time().nanoTime() - start) / 1_000 + " us");
                })
                .faultInjector(new CutAt(Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .chaosDuration(Duration.ofSeconds(10))
                .seeds(4)
                .run()
                .runs()
                .getFirst();
        r.assertPassed();
        // two connects of 700 us, so the writes leave at 2.0014 s; the cut lasts from 1 s to 6 s, the byte is
        // held until 6 s and its echo takes 350 us more; the free pair answers in one round trip of 700 us
        assertEquals(List.of("free after 700 us", "cut after 3998950 us", "healed round trip 700 us"), seen);
    }

    /** Counts the bytes it receives on port 5000, and notes when the stream ended. */
    static final class Sink implements SimProcess {
        // read by the test after the run, and by the workload's check (the same simulation, one thread)
        int received;
        long endedAt;

        @Override
        public void run(SimContext ctx) throws Exception {
            Listener l = ctx.network().bind(new InetSocketAddress(ctx.ip(), 5000));
            Connection c = l.accept();
            while (c.input().read() >= 0) {
                received++;
            }
            endedAt = ctx.time().nanoTime();
        }
    }

    @Test
    void aCutThatOutlastsTheChaosPhaseIsLiftedWhenItEndsAndTheChecksSeeWhatItHeld() {
        // one process, never rebooted: one instance
        Sink sink = new Sink();
        RunResult r = SimulationBuilder.create()
                .processes(1, () -> sink)
                .workload(new Workload() {
                    @Override
                    public void run(SimContext ctx) throws Exception {
                        Connection c = ctx.network().connect(new InetSocketAddress(ip("10.0.1.1"), 5000));
                        ctx.time().sleep(Duration.ofSeconds(2));
                        c.output().write(new byte[10]);
                        c.close(); // closed: its bytes and FIN still count as in flight
                    }

                    @Override
                    public void check(SimContext ctx) {
                        assertEquals(10, sink.received, "the check runs after the held bytes arrived");
                    }
                })
                .faultInjector(new CutAt(Duration.ofSeconds(1), Duration.ofHours(1)))
                .chaosDuration(Duration.ofSeconds(3))
                .seeds(6)
                .run()
                .runs()
                .getFirst();
        r.assertPassed();
        assertEquals(3_000_000_000L, sink.endedAt, "delivered when the chaos phase ended at 3 s, not an hour later");
    }

    /** Plays ping-pong with the next process forever. */
    static final class PingPong implements SimProcess {
        @Override
        public void run(SimContext ctx) throws Exception {
            Listener l = ctx.network().bind(new InetSocketAddress(ctx.ip(), 5000));
            if (ctx.ip().equals(ip("10.0.1.1"))) {
                ctx.time().sleep(Duration.ofMillis(10));
                Connection c = ctx.network().connect(new InetSocketAddress(ip("10.0.1.2"), 5000));
                c.output().write(1);
                EchoServer.echo(c);
            } else {
                EchoServer.echo(l.accept());
            }
        }
    }

    @Test
    void aNetworkThatNeverGoesQuietFailsTheSettlePhaseNamingIt() {
        RunResult r = SimulationBuilder.create()
                .processes(2, PingPong::new)
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(1)))
                .seeds(6)
                .run()
                .runs()
                .getFirst();
        io.moonpool.sim.RunFailure f = r.failure().orElseThrow();
        assertEquals(io.moonpool.sim.Phase.SETTLE, f.phase());
        assertTrue(f.message().contains("network: 1 stream(s) with data, FIN or reset in flight"), f.message());
    }

    @Test
    void connectingAcrossAPartitionWaitsForItToHeal() {
        RunResult r = SimulationBuilder.create()
                .processes(1, () -> new EchoServer(5000))
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(2));
                    long start = ctx.time().nanoTime();
                    ctx.network()
                            .connect(new InetSocketAddress(ip("10.0.1.1"), 5000))
                            .close();
                    // the connect's own round trip, then the wait until the cut heals at 6 s
                    assertEquals(4_000_000_000L, ctx.time().nanoTime() - start);
                })
                .faultInjector(new CutAt(Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .chaosDuration(Duration.ofSeconds(10))
                .seeds(4)
                .run()
                .runs()
                .getFirst();
        r.assertPassed();
    }

    @Test
    void aConnectWaitingOnACutGoesThroughWhenTheChaosPhaseEnds() {
        RunResult r = SimulationBuilder.create()
                .processes(1, () -> new EchoServer(5000))
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(2));
                    ctx.network()
                            .connect(new InetSocketAddress(ip("10.0.1.1"), 5000))
                            .close();
                    assertEquals(10_000_000_000L, ctx.time().nanoTime(), "lifted at the end of chaos, 10 s");
                })
                .faultInjector(new CutAt(Duration.ofSeconds(1), Duration.ofHours(1)))
                .chaosDuration(Duration.ofSeconds(10))
                .seeds(4)
                .run()
                .runs()
                .getFirst();
        r.assertPassed();
    }

    /** A connected pair on the workload's node 10.0.0.1, both ends in the workload. */
    private static Connection[] pair(SimContext ctx) throws IOException {
        Listener l = ctx.network().bind(new InetSocketAddress(ctx.ip(), 7000));
        Connection client = ctx.network().connect(new InetSocketAddress(ctx.ip(), 7000));
        return new Connection[] {client, l.accept()};
    }

    private static ScriptedInjector clogAllAt1s() {
        return new ScriptedInjector("clog", ctx -> {
            ctx.time().sleep(Duration.ofSeconds(1));
            assertTrue(ctx.clog(ip("10.0.0.1"), 1.0, Duration.ofHours(1)) > 0);
        });
    }

    @Test
    void aClogOnAConnectionClosedAtBothEndsDoesNotOutliveChaos() {
        SimulationBuilder.create()
                .workload(ctx -> {
                    Connection[] p = pair(ctx);
                    ctx.time().sleep(Duration.ofMillis(500));
                    p[1].close();
                    ctx.time().sleep(Duration.ofMillis(1500));
                    p[0].output().write(1); // held by the clog; reaches a closed socket, whose reset must travel
                    p[0].close();
                })
                .faultInjector(clogAllAt1s())
                .chaosDuration(Duration.ofSeconds(3))
                .seeds(1)
                .run()
                .assertPassed();
    }

    @Test
    void aSilentCloseLeavesNoStaleDeliveryAttemptBehind() {
        SimulationBuilder.create()
                .configure(NetworkConfig.builder().randomClose(1, 1).build())
                .workload(ctx -> {
                    Connection[] p = pair(ctx);
                    ctx.time().sleep(Duration.ofSeconds(2));
                    p[1].shutdownOutput(); // its FIN is held by the clog
                    p[0].output().write(1); // a silent close drops it
                    ctx.time().sleep(Duration.ofSeconds(2));
                    p[1].abort();
                })
                .faultInjector(clogAllAt1s())
                .chaosDuration(Duration.ofSeconds(3))
                .seeds(1)
                .run()
                .assertPassed();
    }

    @Test
    void aSilentlyClosedConnectionDoesNotEvenCarryAReset() {
        SimulationBuilder.create()
                .configure(NetworkConfig.builder().randomClose(1, 1).build())
                .workload(ctx -> {
                    Connection[] p = pair(ctx);
                    p[0].output().write(1); // silently closed
                    p[0].abort();
                    ctx.time().sleep(Duration.ofMillis(10));
                    p[1].output().write(1); // the peer never learns
                    assertEquals(0, p[1].input().available());
                })
                .seeds(1)
                .run()
                .assertPassed();
    }

    @Test
    void aCutMadeAtTheInstantChaosEndsIsNotMade() {
        List<Long> echoedAt = new ArrayList<>();
        SimulationBuilder.create()
                .buggify(false) // an exact instant: buggified delays would move it
                .processes(1, () -> new EchoServer(5000))
                .workload(ctx -> {
                    Connection c = ctx.network().connect(new InetSocketAddress(ip("10.0.1.1"), 5000));
                    ctx.time().sleep(Duration.ofSeconds(11));
                    c.output().write(1);
                    c.input().read();
                    echoedAt.add(ctx.time().nanoTime() / 1_000);
                })
                .faultInjector(new ScriptedInjector("cut every 5 s", ctx -> {
                    while (true) { // ignores the chaos-shutdown signal: its last sleep ends as chaos does
                        ctx.time().sleep(Duration.ofSeconds(5));
                        ctx.partition(ip("10.0.0.1"), ip("10.0.1.1"), Duration.ofMinutes(10));
                    }
                }))
                .chaosDuration(Duration.ofSeconds(10))
                .seeds(1)
                .run()
                .assertPassed();
        assertEquals(List.of(11_001_400L), echoedAt, "connect 700 us, sleep 11 s, one round trip");
    }
}
