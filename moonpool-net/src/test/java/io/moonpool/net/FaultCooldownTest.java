package io.moonpool.net;

import static io.moonpool.net.NetworkSemanticsTest.SERVER;
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
import io.moonpool.sim.SimulationReport;
import io.moonpool.sim.TimelineEntry;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Fault cooldowns: bit flips on one connection, and random closes between one pair of nodes, are at least the
 * cooldown apart in the timeline, and closer without it.
 */
class FaultCooldownTest {

    private static final long MS = 1_000_000;
    private static final long[] SEEDS = {31, 32, 33};

    /** Runs one workload on the given seeds, keeping every timeline entry. */
    private static SimulationReport run(NetworkConfig config, int processes, Workload w) {
        SimulationBuilder b = SimulationBuilder.create().buggify(false).configure(config);
        if (processes > 0) {
            b.processes(processes, () -> new Drain());
        }
        SimulationReport report = b.workload(w).seeds(SEEDS).traceAll().run();
        report.runs().forEach(r -> r.assertPassed());
        return report;
    }

    /** Accepts connections on port 5000 and reads each until it ends. */
    static final class Drain implements SimProcess {
        @Override
        public void run(SimContext ctx) throws Exception {
            Listener l = ctx.network().bind(new InetSocketAddress(ctx.ip(), 5000));
            while (true) {
                Connection c = l.accept();
                ctx.tasks().spawn("drain", () -> {
                    try {
                        while (c.input().read() >= 0) {
                            // drained
                        }
                    } catch (SocketException e) {
                        // reset: done
                    }
                    return null;
                });
            }
        }
    }

    /** The instants (ns) of a seed's timeline entries of one kind, per subject. */
    private static Map<String, List<Long>> instants(SimulationReport report, long seed, String what) {
        Map<String, List<Long>> bySubject = new TreeMap<>();
        for (TimelineEntry e : report.timeline(seed)) {
            if (e.what().equals(what)) {
                bySubject
                        .computeIfAbsent(e.subject(), k -> new java.util.ArrayList<>())
                        .add(e.time().toNanos());
            }
        }
        return bySubject;
    }

    /** The smallest gap between consecutive instants of one list; Long.MAX_VALUE for fewer than two. */
    private static long smallestGap(List<Long> instants) {
        long gap = Long.MAX_VALUE;
        for (int i = 1; i < instants.size(); i++) {
            gap = Math.min(gap, instants.get(i) - instants.get(i - 1));
        }
        return gap;
    }

    /** One connection within the workload's node; a byte each way every 10 ms for 2 s. */
    private static final Workload PING_PONG = ctx -> {
        Listener l = ctx.network().bind(SERVER);
        Connection client = ctx.network().connect(SERVER);
        Connection server = l.accept();
        for (int i = 0; i < 200; i++) {
            client.output().write(1);
            server.input().read();
            server.output().write(2);
            client.input().read();
            ctx.time().sleep(Duration.ofMillis(10));
        }
    };

    /** The bit flips of each seed, all on the one connection (either direction). */
    private static List<List<Long>> bitFlips(NetworkConfig config) {
        SimulationReport report = run(config, 0, PING_PONG);
        List<List<Long>> perSeed = new java.util.ArrayList<>();
        for (long seed : SEEDS) {
            List<Long> all = new java.util.ArrayList<>();
            instants(report, seed, "bit flipped (bit)").values().forEach(all::addAll);
            all.sort(null);
            perSeed.add(all);
        }
        return perSeed;
    }

    @Test
    void bitFlipsOnOneConnectionAreAtLeastTheCooldownApart() {
        for (List<Long> flips : bitFlips(NetworkConfig.builder()
                .bitFlips(1)
                .bitFlipCooldown(Duration.ofMillis(100))
                .build())) {
            // 2 s of pieces every 5 ms, at most one flip per 100 ms: about 20
            assertTrue(flips.size() >= 15 && flips.size() <= 21, flips.toString());
            assertTrue(smallestGap(flips) >= 100 * MS, flips.toString());
        }
        // without the cooldown every piece flips: 400 flips, each at most 10 ms after the one before
        for (List<Long> flips : bitFlips(NetworkConfig.builder().bitFlips(1).build())) {
            assertEquals(400, flips.size());
            assertTrue(smallestGap(flips) < 100 * MS, flips.toString());
        }
    }

    /**
     * Writes a byte every 10 ms for 3 s on a connection to each of processes 10.0.1.1 and 10.0.1.2, reconnecting
     * when the network resets one.
     */
    private static final Workload RECONNECTING = ctx -> {
        ctx.time().sleep(Duration.ofMillis(1)); // the processes are listening
        InetSocketAddress[] peers = {
            new InetSocketAddress(ip("10.0.1.1"), 5000), new InetSocketAddress(ip("10.0.1.2"), 5000)
        };
        Connection[] open = new Connection[peers.length];
        for (int i = 0; i < 300; i++) {
            for (int p = 0; p < peers.length; p++) {
                try {
                    if (open[p] == null) {
                        open[p] = ctx.network().connect(peers[p]);
                    }
                    open[p].output().write(1);
                } catch (SocketException e) {
                    open[p] = null; // reset by the network: the next round reconnects
                }
            }
            ctx.time().sleep(Duration.ofMillis(10));
        }
    };

    /** The network's resets of one seed, per peer (whatever the connection), and all together. */
    private static Map<String, List<Long>> randomCloses(SimulationReport report, long seed) {
        Map<String, List<Long>> perPeer = new TreeMap<>();
        instants(report, seed, "connection reset by the network").forEach((route, at) -> {
            // the subject is the writing end, "local -> remote": the peer is the remote address's IP
            String peer = route.substring(route.indexOf("-> ") + 3, route.lastIndexOf(':'));
            perPeer.computeIfAbsent(peer, k -> new java.util.ArrayList<>()).addAll(at);
        });
        List<Long> all = new java.util.ArrayList<>();
        perPeer.values().forEach(l -> {
            l.sort(null);
            all.addAll(l);
        });
        all.sort(null);
        perPeer.put("all", all);
        return perPeer;
    }

    @Test
    void randomClosesBetweenTwoNodesAreAtLeastTheCooldownApartWhateverTheConnection() {
        SimulationReport cooled = run(
                NetworkConfig.builder()
                        .randomClose(1, 0)
                        .randomCloseCooldown(Duration.ofMillis(500))
                        .build(),
                2,
                RECONNECTING);
        for (long seed : SEEDS) {
            Map<String, List<Long>> closes = randomCloses(cooled, seed);
            for (String peer : new String[] {"10.0.1.1", "10.0.1.2"}) {
                List<Long> pair = closes.get(peer);
                // 3 s of writes, every close ending its connection: a new one each time, yet 500 ms apart
                assertTrue(pair.size() >= 5 && pair.size() <= 7, peer + ": " + pair);
                assertTrue(smallestGap(pair) >= 500 * MS, peer + ": " + pair);
            }
            // per pair, not for the whole network: the other pair's closes come in between
            assertTrue(smallestGap(closes.get("all")) < 500 * MS, closes.toString());
        }
        SimulationReport uncooled =
                run(NetworkConfig.builder().randomClose(1, 0).build(), 2, RECONNECTING);
        for (long seed : SEEDS) {
            List<Long> pair = randomCloses(uncooled, seed).get("10.0.1.1");
            assertTrue(pair.size() >= 100, "every write closes: " + pair.size());
            assertTrue(smallestGap(pair) < 500 * MS, pair.toString());
        }
    }

    @Test
    void aNegativeCooldownNamesTheField() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> NetworkConfig.builder()
                        .randomCloseCooldown(Duration.ofMillis(-1))
                        .bitFlipCooldown(Duration.ofMillis(-1))
                        .build());
        assertTrue(e.getMessage().contains("randomClose.cooldown must not be negative"), e.getMessage());
        assertTrue(e.getMessage().contains("bitFlips.cooldown must not be negative"), e.getMessage());
    }

    @Test
    void theDefaultsHaveNoCooldown() {
        assertEquals(Duration.ZERO, NetworkConfig.defaults().randomClose().cooldown());
        assertEquals(Duration.ZERO, NetworkConfig.defaults().bitFlips().cooldown());
    }
}
