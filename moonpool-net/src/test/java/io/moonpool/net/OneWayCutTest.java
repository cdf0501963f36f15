package io.moonpool.net;

import static io.moonpool.net.NetworkSemanticsTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.sim.ScriptedInjector;
import io.moonpool.sim.SimulationBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One-way cuts and heals made by an injector through {@code FaultContext}, seen by a workload and a process:
 * requests held while replies flow (and the reverse), and a heal that releases what was held before its time.
 */
class OneWayCutTest {

    private static final InetAddress WORKLOAD = ip("10.0.0.1");
    private static final InetAddress SERVER = ip("10.0.1.1");
    private static final long SECOND = 1_000_000_000L;

    /** When the bytes each side received arrived, in nanoseconds of simulated time. */
    private record Arrivals(List<Long> atServer, List<Long> atClient) {
        long clientBetween(long from, long to) {
            return atClient.stream().filter(t -> t > from && t < to).count();
        }
    }

    /**
     * Accepts one connection, sends a byte every 100 ms for 8 s then its FIN, and notes when each byte of the
     * client arrives.
     */
    private record Beacon(List<Long> arrivals) implements SimProcess {
        @Override
        public void run(SimContext ctx) throws Exception {
            Listener l = ctx.network().bind(new InetSocketAddress(ctx.ip(), 5000));
            Connection c = l.accept();
            ctx.tasks().spawn("beacon", () -> {
                for (int i = 0; i < 80; i++) {
                    c.output().write(i);
                    ctx.time().sleep(Duration.ofMillis(100));
                }
                c.shutdownOutput();
                return null;
            });
            while (c.input().read() >= 0) {
                arrivals.add(ctx.time().nanoTime());
            }
            c.close();
        }
    }

    /** A workload that connects at once, sends one request at 2 s, and notes when the server's bytes arrive. */
    private static Arrivals run(ScriptedInjector injector) {
        Arrivals seen = new Arrivals(new ArrayList<>(), new ArrayList<>());
        SimulationBuilder.create()
                .buggify(false) // exact instants: buggified delays would move them
                .processes(1, () -> new Beacon(seen.atServer()))
                .workload(ctx -> {
                    Connection c = ctx.network().connect(new InetSocketAddress(SERVER, 5000));
                    ctx.tasks().spawn("reader", () -> {
                        while (c.input().read() >= 0) {
                            seen.atClient().add(ctx.time().nanoTime());
                        }
                        return null;
                    });
                    ctx.time().sleep(Duration.ofSeconds(2));
                    c.output().write(1);
                    ctx.time().sleep(Duration.ofSeconds(8));
                    c.shutdownOutput();
                })
                .faultInjector(injector)
                .chaosDuration(Duration.ofSeconds(20))
                .seeds(3)
                .run()
                .assertPassed();
        return seen;
    }

    private static ScriptedInjector cutAt1s(InetAddress from, InetAddress to) {
        return new ScriptedInjector("one-way", ctx -> {
            ctx.time().sleep(Duration.ofSeconds(1));
            ctx.cut(from, to, Duration.ofSeconds(5));
        });
    }

    @Test
    void aCutFromClientToServerHoldsTheRequestWhileTheServersBytesFlow() {
        Arrivals seen = run(cutAt1s(WORKLOAD, SERVER));
        assertEquals(List.of(6 * SECOND), seen.atServer(), "the request sent at 2 s arrives when the cut ends at 6 s");
        assertTrue(seen.clientBetween(SECOND + SECOND / 100, 6 * SECOND) >= 49, "the server's bytes kept flowing");
    }

    @Test
    void aCutFromServerToClientHoldsTheServersBytesWhileTheRequestFlows() {
        Arrivals seen = run(cutAt1s(SERVER, WORKLOAD));
        // the connect takes 700 us, the request leaves at 2.0007 s and arrives 350 us later
        assertEquals(List.of(2 * SECOND + 1_050_000), seen.atServer());
        assertEquals(0, seen.clientBetween(SECOND + SECOND / 100, 6 * SECOND), "nothing from the server");
        assertTrue(seen.clientBetween(6 * SECOND - 1, 6 * SECOND + 1) >= 49, "what was held arrives at 6 s");
    }

    @Test
    void anInjectorSeesTheCutPerDirectionAndHealsItBeforeItsTime() {
        Arrivals seen = run(new ScriptedInjector("heal", ctx -> {
            ctx.time().sleep(Duration.ofSeconds(1));
            ctx.cut(WORKLOAD, SERVER, Duration.ofHours(1));
            assertTrue(ctx.isPartitioned(WORKLOAD, SERVER));
            assertFalse(ctx.isPartitioned(SERVER, WORKLOAD));
            ctx.time().sleep(Duration.ofSeconds(2));
            ctx.heal(WORKLOAD, SERVER);
            assertFalse(ctx.isPartitioned(WORKLOAD, SERVER));
        }));
        assertEquals(List.of(3 * SECOND), seen.atServer(), "released by the heal at 3 s, not an hour later");
    }

    @Test
    void aHealLetsAConnectWaitingOnTheCutThroughAtOnce() {
        List<Long> connectedAt = new ArrayList<>();
        SimulationBuilder.create()
                .buggify(false)
                .processes(1, () -> new io.moonpool.sim.EchoServer(5000))
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(2));
                    ctx.network().connect(new InetSocketAddress(SERVER, 5000)).close();
                    connectedAt.add(ctx.time().nanoTime());
                })
                .faultInjector(new ScriptedInjector("heal", ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    ctx.cut(SERVER, WORKLOAD, Duration.ofHours(1)); // the connect's reply could not come back
                    ctx.time().sleep(Duration.ofSeconds(2));
                    ctx.heal(SERVER, WORKLOAD);
                }))
                .chaosDuration(Duration.ofSeconds(20))
                .seeds(3)
                .run()
                .assertPassed();
        assertEquals(List.of(3 * SECOND), connectedAt, "through at the heal, neither at chaos end nor timed out");
    }

    @Test
    void everyCutAndHealIsInTheSeedsTimelineAndTheReportCountsTheCutsByKind() {
        io.moonpool.sim.SimulationReport report = SimulationBuilder.create()
                .processes(2, () -> ctx -> ctx.shutdown().await())
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(2));
                    io.moonpool.api.Assertions.unreachable("the end, so that the seed keeps its timeline");
                })
                .faultInjector(new ScriptedInjector("every kind", ctx -> {
                    InetAddress other = ctx.processIps().get(1);
                    ctx.cut(WORKLOAD, SERVER, Duration.ofSeconds(5));
                    ctx.isolateSend(SERVER, Duration.ofSeconds(5));
                    ctx.isolateReceive(other, Duration.ofSeconds(5));
                    ctx.isolate(List.of(SERVER, other), Duration.ofSeconds(5));
                    ctx.heal(SERVER, WORKLOAD);
                    ctx.healAll();
                }))
                .chaosDuration(Duration.ofSeconds(10))
                .seeds(5)
                .run();
        io.moonpool.sim.RunResult r = report.runs().getFirst();
        List<String> cuts = r.timeline().stream()
                .filter(e -> e.what().contains("cut") || e.what().contains("isolation"))
                .map(e -> e.what() + " " + e.subject() + " " + e.value())
                .toList();
        assertEquals(
                List.of(
                        "one-way cut made 10.0.0.1 -> 10.0.1.1 5000000000",
                        "send isolation made 10.0.1.1 -> * 5000000000",
                        "receive isolation made * -> 10.0.1.2 5000000000",
                        "group cut made {10.0.1.1, 10.0.1.2} -/- * 5000000000",
                        "cuts healed 10.0.1.1 -/- 10.0.0.1 3",
                        "all cuts healed  3"),
                cuts,
                "the heal lifts the one-way cut and the pair out of both isolations; three cuts are left");
        java.util.Map<String, Long> faults = report.faults();
        for (String kind :
                List.of("one-way cut made", "send isolation made", "receive isolation made", "group cut made")) {
            assertEquals(1L, faults.get(kind), kind + " in " + faults);
        }
    }

    @Test
    void aGroupCutSeparatesTheGroupFromWorkloadsAndOtherProcesses() {
        SimulationBuilder.create()
                .processes(3, () -> ctx -> ctx.shutdown().await())
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(5)))
                .faultInjector(new ScriptedInjector("zone", ctx -> {
                    InetAddress a = ctx.processIps().get(0);
                    InetAddress b = ctx.processIps().get(1);
                    InetAddress c = ctx.processIps().get(2);
                    ctx.isolate(List.of(a, b), Duration.ofSeconds(3));
                    assertFalse(ctx.isPartitioned(a, b), "inside the group");
                    assertTrue(ctx.isPartitioned(a, c) && ctx.isPartitioned(c, b));
                    assertTrue(ctx.isPartitioned(WORKLOAD, a) && ctx.isPartitioned(b, WORKLOAD));
                    assertFalse(ctx.isPartitioned(WORKLOAD, c));
                    ctx.healAll();
                    assertFalse(ctx.isPartitioned(a, c));
                }))
                .chaosDuration(Duration.ofSeconds(4))
                .seeds(3)
                .run()
                .assertPassed();
    }

    @Test
    void aZoneIsCutFromTheRestWhileItsOwnProcessesStillReachOneAnother() {
        boolean[] checked = new boolean[1];
        SimulationBuilder.create()
                // one datacenter, two zones of two machines with one process each: dc1-z1 holds 10.0.1.1 and .2
                .processes(
                        io.moonpool.sim.Layout.of(1, 2, 2, 1),
                        () -> ctx -> ctx.shutdown().await())
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(5)))
                .faultInjector(new ScriptedInjector("zone", ctx -> {
                    List<InetAddress> zone = ctx.topology().ipsIn(io.moonpool.api.FailureDomain.ZONE, "dc1-z1");
                    List<InetAddress> rest = ctx.topology().ipsIn(io.moonpool.api.FailureDomain.ZONE, "dc1-z2");
                    assertEquals(List.of(ip("10.0.1.1"), ip("10.0.1.2")), zone);
                    ctx.partition(io.moonpool.api.FailureDomain.ZONE, "dc1-z1", Duration.ofSeconds(3));
                    assertFalse(ctx.isPartitioned(zone.get(0), zone.get(1)), "inside the zone");
                    assertFalse(ctx.isPartitioned(rest.get(0), rest.get(1)), "inside the other zone");
                    for (InetAddress in : zone) {
                        for (InetAddress out : List.of(rest.get(0), rest.get(1), WORKLOAD)) {
                            assertTrue(ctx.isPartitioned(in, out) && ctx.isPartitioned(out, in), in + " / " + out);
                        }
                    }
                    IllegalArgumentException unknown = org.junit.jupiter.api.Assertions.assertThrows(
                            IllegalArgumentException.class,
                            () -> ctx.partition(io.moonpool.api.FailureDomain.ZONE, "dc9-z9", Duration.ofSeconds(1)));
                    assertTrue(unknown.getMessage().contains("[dc1-z1, dc1-z2]"), unknown.getMessage());
                    ctx.time().sleep(Duration.ofSeconds(3));
                    assertFalse(ctx.isPartitioned(zone.get(0), rest.get(0)), "the cut ended");
                    checked[0] = true;
                }))
                .chaosDuration(Duration.ofSeconds(4))
                .seeds(3)
                .run()
                .assertPassed();
        assertTrue(checked[0], "the injector ran to its end");
    }

    @Test
    void aGroupCutWithResetsLeavesAMembersLoopbackConnectionAlone() {
        boolean[] survived = new boolean[1];
        SimulationBuilder.create()
                .configure(NetworkConfig.builder().partitionResets(1).build())
                .processes(2, () -> ctx -> {
                    if (!ctx.ip().equals(SERVER)) {
                        ctx.shutdown().await();
                        return;
                    }
                    Listener l = ctx.network().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 6000));
                    Connection client =
                            ctx.network().connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 6000));
                    Connection server = l.accept();
                    ctx.time().sleep(Duration.ofSeconds(3)); // the cut is made at 1 s
                    client.output().write(42);
                    survived[0] = server.input().read() == 42;
                    ctx.shutdown().await();
                })
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(5)))
                .faultInjector(new ScriptedInjector("group", ctx -> {
                    ctx.time().sleep(Duration.ofSeconds(1));
                    ctx.isolate(List.of(SERVER), Duration.ofSeconds(10));
                }))
                .chaosDuration(Duration.ofSeconds(6))
                .seeds(3)
                .run()
                .assertPassed();
        assertTrue(survived[0], "the loopback connection was reset by a cut between machines");
    }
}
