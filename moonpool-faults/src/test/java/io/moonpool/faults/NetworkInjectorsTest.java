package io.moonpool.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Connection;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.sim.EchoServer;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The network injectors, discovered by name, visibly delay traffic; without them nothing is delayed. */
class NetworkInjectorsTest {

    /**
     * Echoes every byte it receives, and pings every other process five times a second, noting the slowest
     * round trip in the array it is given (one element, shared by the processes of one run).
     */
    static final class EchoAndPing implements SimProcess {
        private final long[] slowest;

        EchoAndPing(long[] slowest) {
            this.slowest = slowest;
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            EchoServer.inBackground(ctx, 5000);
            ctx.time().sleep(Duration.ofMillis(10));
            List<Connection> peers = new ArrayList<>();
            for (InetAddress ip : ctx.topology().processIps()) {
                if (!ip.equals(ctx.ip())) {
                    peers.add(ctx.network().connect(new InetSocketAddress(ip, 5000)));
                }
            }
            for (int round = 0; !ctx.shutdown().isRequested(); round++) {
                ctx.time().sleep(Duration.ofMillis(200));
                for (Connection c : peers) {
                    long start = ctx.time().nanoTime();
                    c.output().write(round);
                    assertEquals(round & 0xFF, c.input().read());
                    slowest[0] = Math.max(slowest[0], ctx.time().nanoTime() - start);
                }
            }
        }
    }

    private static long slowestRoundTrip(String... faults) {
        long worst = 0;
        for (long seed = 1; seed <= 3; seed++) {
            long[] slowest = {0};
            SimulationBuilder b = SimulationBuilder.create()
                    .buggify(false) // exact round trips: buggified delays would add to them
                    .processes(3, () -> new EchoAndPing(slowest))
                    .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(60)))
                    .seeds(seed);
            if (faults.length > 0) {
                b.faults(faults).chaosDuration(Duration.ofSeconds(60));
            }
            RunResult r = b.run().runs().getFirst();
            r.assertPassed();
            worst = Math.max(worst, slowest[0]);
        }
        return worst;
    }

    @Test
    void withoutInjectorsNothingIsDelayed() {
        assertEquals(700_000, slowestRoundTrip(), "two deliveries of 350 us");
    }

    @Test
    void partitionInjectorsHoldTrafficForAtLeastACut() {
        for (String injector : List.of("partition_random", "partition_isolate_single", "partition_split")) {
            long slowest = slowestRoundTrip(injector);
            assertTrue(slowest >= 1_000_000_000L, injector + " never held traffic: slowest " + slowest + " ns");
        }
    }

    @Test
    void oneWayPartitionInjectorsHoldRoundTripsForAtLeastACut() {
        // a round trip needs both directions: a cut of either holds it
        for (String injector :
                List.of("partition_random_oneway", "partition_isolate_single_oneway", "partition_split_oneway")) {
            long slowest = slowestRoundTrip(injector);
            assertTrue(slowest >= 1_000_000_000L, injector + " never held traffic: slowest " + slowest + " ns");
        }
    }

    private static List<Long> traceHashes(long... seeds) {
        return SimulationBuilder.create()
                .processes(3, () -> new EchoAndPing(new long[1]))
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(30)))
                .faults("partition_random_oneway", "partition_isolate_single_oneway", "partition_split_oneway")
                .chaosDuration(Duration.ofSeconds(30))
                .seeds(seeds)
                .run()
                .runs()
                .stream()
                .map(RunResult::traceHash)
                .toList();
    }

    @Test
    void theOneWayInjectorsReplayTheSameTraceForTheSameSeed() {
        List<Long> first = traceHashes(1, 2, 3);
        assertEquals(first, traceHashes(1, 2, 3));
        assertEquals(3, new java.util.HashSet<>(first).size(), "each seed its own story: " + first);
    }

    @Test
    void swizzleClogsConnections() {
        long slowest = slowestRoundTrip("swizzle");
        assertTrue(slowest >= 500_000_000L, "swizzle never clogged: slowest " + slowest + " ns");
    }
}
