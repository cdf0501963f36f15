package io.moonpool.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.Workload;
import io.moonpool.net.NetworkConfig;
import io.moonpool.sim.BuggifySite;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Each built-in buggify site of the network: it fires in some seeds (never in a seed where it is not
 * active), its effect is visible with every network fault off, and with buggify off it never shows.
 */
class BuggifySitesTest {

    private static final InetSocketAddress SERVER = new InetSocketAddress(ip("10.0.0.1"), 7000);
    private static final int SEEDS = 40;
    /** The default delivery latency, with every fault off. */
    private static final long DELIVERY = NetworkConfig.DEFAULT_DELIVERY_MICROS * 1_000L;

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A workload that tells whether it saw the site's effect in its seed. */
    private interface Probe {
        boolean sawEffect(SimContext ctx) throws Exception;
    }

    /** What a sweep saw: the seeds with the effect, and the report. */
    private record Sweep(Set<Long> seedsWithEffect, SimulationReport report) {
        BuggifySite site(String name) {
            return report.buggifySites().stream()
                    .filter(s -> s.site().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(name + " never ran: " + report.buggifySites()));
        }
    }

    private static Sweep sweep(boolean buggify, Probe probe) {
        Set<Long> seen = new TreeSet<>();
        long[] seeds = new long[SEEDS];
        for (int i = 0; i < SEEDS; i++) {
            seeds[i] = i + 1;
        }
        SimulationReport report = SimulationBuilder.create()
                .buggify(buggify)
                .workload((Workload) ctx -> {
                    if (probe.sawEffect(ctx)) {
                        seen.add(ctx.seed());
                    }
                })
                .seeds(seeds)
                .run();
        report.assertPassed();
        return new Sweep(seen, report);
    }

    /** The effect shows in some seeds, only where the site is active, and never with buggify off. */
    private static void assertSite(String site, Probe probe) {
        Sweep on = sweep(true, probe);
        BuggifySite s = on.site(site);
        assertTrue(s.fired() > 0, site + " never fired: " + s);
        assertFalse(on.seedsWithEffect().isEmpty(), site + " fired " + s.fired() + " times, but no seed saw it");
        assertTrue(
                new TreeSet<>(s.seedsActive()).containsAll(on.seedsWithEffect()),
                "seen in " + on.seedsWithEffect() + ", active only in " + s.seedsActive());
        Sweep off = sweep(false, probe);
        assertEquals(Set.of(), off.seedsWithEffect(), site + " with buggify off");
        assertEquals(List.of(), off.report().buggifySites());
    }

    /** Connects, retrying a refused connect as a real client does (the first one may be refused). */
    private static Connection connect(SimContext ctx, InetSocketAddress to) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return ctx.network().connect(to);
            } catch (ConnectException e) {
                assertTrue(attempt == 0 && e.getMessage().startsWith("Connection refused"), e::getMessage);
            }
        }
    }

    private static Connection[] pair(SimContext ctx) throws IOException {
        Listener l = ctx.network().bind(SERVER);
        Connection client = connect(ctx, SERVER);
        return new Connection[] {client, l.accept()};
    }

    @Test
    void aDeliveryComesLaterThanTheConfiguredLatencyButBoundedly() {
        assertSite(BuggifySites.DELIVERY_DELAY, ctx -> {
            Connection[] p = pair(ctx);
            boolean late = false;
            for (int i = 0; i < 50; i++) {
                long start = ctx.time().nanoTime();
                p[0].output().write(new byte[10]);
                assertTrue(p[1].input().read() >= 0);
                long took = ctx.time().nanoTime() - start;
                assertTrue(took >= DELIVERY && took <= DELIVERY + BuggifySites.MAX_DELAY_NANOS, "took " + took);
                late |= took > DELIVERY;
                p[1].input().skipNBytes(9);
            }
            return late;
        });
    }

    @Test
    void anAcceptReturnsLaterThanItsConnect() {
        assertSite(BuggifySites.ACCEPT_DELAY, ctx -> {
            Listener l = ctx.network().bind(SERVER);
            boolean late = false;
            for (int i = 0; i < 20; i++) {
                long[] connected = new long[1];
                var client = ctx.tasks().spawn("client", () -> {
                    Connection c = connect(ctx, SERVER);
                    connected[0] = ctx.time().nanoTime();
                    return c;
                });
                Connection server = l.accept();
                long after = ctx.time().nanoTime() - connected[0];
                client.join().close();
                server.close();
                assertTrue(after >= 0 && after <= BuggifySites.MAX_DELAY_NANOS, "accepted " + after + " ns late");
                late |= after > 0;
            }
            return late;
        });
    }

    @Test
    void aReadReturnsFewerBytesThanAreBufferedAndAskedForWithPartialIoOff() {
        assertSite(BuggifySites.READ_SHORT, ctx -> {
            Connection[] p = pair(ctx);
            boolean shortRead = false;
            byte[] buf = new byte[1000];
            for (int i = 0; i < 20; i++) {
                p[0].output().write(new byte[1000]);
                while (p[1].input().available() < 1000) {
                    ctx.time().sleep(java.time.Duration.ofMillis(1));
                }
                int n = p[1].input().read(buf, 0, 1000);
                assertTrue(n >= 1, "a short read still returns a byte");
                shortRead |= n < 1000;
                p[1].input().skipNBytes(1000 - n);
            }
            return shortRead;
        });
    }

    @Test
    void aWriteArrivesInPartsWithPartialIoOff() {
        assertSite(BuggifySites.WRITE_SHORT, ctx -> {
            Connection[] p = pair(ctx);
            boolean inParts = false;
            for (int i = 0; i < 20; i++) {
                p[0].output().write(new byte[1000]);
                assertTrue(p[1].input().read() >= 0); // one byte: never shortened
                inParts |= p[1].input().available() < 999;
                p[1].input().skipNBytes(999); // every byte arrives in the end
                assertEquals(0, p[1].input().available());
            }
            return inParts;
        });
    }

    /** Connects once per life to a listener the workload keeps, and records how its connects went. */
    private static final class FirstConnector implements SimProcess {
        private final List<String> outcomes;

        FirstConnector(List<String> outcomes) {
            this.outcomes = outcomes;
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            for (int i = 0; i < 3; i++) {
                try {
                    ctx.network().connect(SERVER).close();
                    outcomes.add(ctx.seed() + " " + i + " ok");
                } catch (ConnectException e) {
                    assertEquals("Connection refused: " + SERVER, e.getMessage());
                    outcomes.add(ctx.seed() + " " + i + " refused");
                }
            }
            ctx.shutdown().await();
        }
    }

    @Test
    void aProcesssFirstConnectIsRefusedAndOnlyItsFirst() {
        for (boolean on : new boolean[] {true, false}) {
            List<String> outcomes = new ArrayList<>();
            long[] seeds = new long[SEEDS];
            for (int i = 0; i < SEEDS; i++) {
                seeds[i] = i + 1;
            }
            SimulationReport report = SimulationBuilder.create()
                    .buggify(on)
                    .processes(1, () -> new FirstConnector(outcomes))
                    .workload(new Workload() {
                        private Listener listener;

                        @Override
                        public void setup(SimContext ctx) throws IOException {
                            listener = ctx.network().bind(SERVER);
                        }

                        @Override
                        public void run(SimContext ctx) throws Exception {
                            ctx.tasks().spawn("acceptor", () -> {
                                while (true) {
                                    listener.accept().close();
                                }
                            });
                            ctx.time().sleep(java.time.Duration.ofSeconds(1));
                        }
                    })
                    .seeds(seeds)
                    .run();
            report.assertPassed();
            Set<Long> refused = new TreeSet<>();
            for (String o : outcomes) {
                String[] f = o.split(" ");
                if (f[2].equals("refused")) {
                    assertEquals("0", f[1], "only the first connect of a life is refused: " + outcomes);
                    refused.add(Long.parseLong(f[0]));
                }
            }
            assertEquals(3 * SEEDS, outcomes.size(), outcomes::toString);
            if (on) {
                BuggifySite s = report.buggifySites().stream()
                        .filter(b -> b.site().equals(BuggifySites.CONNECT_FIRST_REFUSED))
                        .findFirst()
                        .orElseThrow();
                assertFalse(refused.isEmpty(), "no first connect was refused in " + SEEDS + " seeds");
                assertTrue(new TreeSet<>(s.seedsActive()).containsAll(refused), refused + " " + s);
            } else {
                assertEquals(Set.of(), refused);
            }
        }
    }
}
