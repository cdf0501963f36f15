package io.moonpool.net;

import static io.moonpool.net.NetworkSemanticsTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Connection;
import io.moonpool.api.SimContext;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.sim.EchoServer;
import io.moonpool.sim.LifecycleEntry;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.ScriptedInjector;
import io.moonpool.sim.SimulationBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A 1,000-process cluster through the real lifecycle: addresses past 10.0.1.254 boot, reboot and answer. */
class LargeClusterTest {

    private static final int PROCESSES = 1_000;

    /** Process 1,000: the 238th host of the fourth /24 subnet of processes. */
    private static final InetAddress LAST = ip("10.0.4.238");

    /** One round trip of one byte with a process's echo server on port 5000. */
    private static void roundTrip(SimContext ctx, InetAddress server, int value) throws IOException {
        try (Connection c = ctx.network().connect(new InetSocketAddress(server, 5000))) {
            c.output().write(value);
            assertEquals(value, c.input().read(), "the echo of " + server.getHostAddress());
        }
    }

    @Test
    void aThousandProcessesBootRebootAndAreEachReachableFromAWorkload() {
        List<InetAddress> boots = new ArrayList<>();
        List<InetAddress> reached = new ArrayList<>();
        List<InetAddress> order = new ArrayList<>();
        RunResult r = SimulationBuilder.create()
                .processes(PROCESSES, () -> ctx -> {
                    boots.add(ctx.ip());
                    new EchoServer(5000).run(ctx);
                })
                .workload(ctx -> {
                    ctx.time().sleep(Duration.ofMillis(1));
                    order.addAll(ctx.topology().processIps());
                    for (InetAddress server : ctx.topology().processIps()) {
                        roundTrip(ctx, server, 7);
                        reached.add(server);
                    }
                    // the injector crashed process 1,000 at 5 s; it is back after at most 10 s of recovery
                    ctx.time()
                            .sleep(Duration.ofSeconds(20).minusNanos(ctx.time().nanoTime()));
                    roundTrip(ctx, LAST, 9);
                    reached.add(LAST);
                })
                .faultInjector(new ScriptedInjector("crash-last", f -> {
                    f.time().sleep(Duration.ofSeconds(5));
                    f.reboot(LAST, RebootKind.CRASH);
                }))
                .chaosDuration(Duration.ofSeconds(10))
                .buggify(false)
                .seeds(14)
                .run()
                .runs()
                .getFirst();
        r.assertPassed();
        assertEquals(PROCESSES, order.size());
        assertEquals("10.0.2.1", order.get(254).getHostAddress(), "process 255 opens the next subnet");
        assertEquals(LAST, order.getLast());
        // all boot at time 0, run in an order the seed draws: in address-byte order they are the topology
        List<InetAddress> firstBoots = new ArrayList<>(boots.subList(0, PROCESSES));
        firstBoots.sort((a, b) -> Arrays.compareUnsigned(a.getAddress(), b.getAddress()));
        assertTrue(firstBoots.equals(order), "every process booted once at its own address");
        assertEquals(List.of(LAST), boots.subList(PROCESSES, boots.size()), "and process 1,000 once more");
        List<InetAddress> expected = new ArrayList<>(order);
        expected.add(LAST);
        assertTrue(expected.equals(reached), "every process answered, and process 1,000 again after its reboot");
        List<String> lifecycle = r.lifecycle().stream()
                .map(e -> e.ip().getHostAddress() + " " + e.kind())
                .toList();
        assertEquals(List.of("10.0.4.238 KILLED", "10.0.4.238 RESTARTED"), lifecycle);
        assertTrue(r.lifecycle().stream().allMatch(e -> e.simTime().compareTo(Duration.ofSeconds(5)) >= 0));
        assertEquals(LifecycleEntry.Kind.RESTARTED, r.lifecycle().getLast().kind());
    }
}
