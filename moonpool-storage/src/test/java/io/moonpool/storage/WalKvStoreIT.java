package io.moonpool.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Connection;
import io.moonpool.api.SimContext;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The write-ahead-log store, replicated to 3 processes under attrition (crashes and wipes of a minority) and
 * a power loss of every process as chaos ends, keeps every acknowledged write across 500 seeds; the variant
 * that acknowledges before forcing loses some, and the same simulation catches it. Its replay in a fresh JVM
 * is {@link StoragePluginContractTest}'s.
 */
class WalKvStoreIT {

    private static final Duration CHAOS = Duration.ofSeconds(20);

    /** Writes versions to all replicas; a write is acknowledged once a majority said OK. */
    static final class Writer implements Workload {
        private final Map<String, Long> acknowledged = new TreeMap<>();

        @Override
        public void setup(SimContext ctx) {
            acknowledged.clear();
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            long version = 0;
            while (ctx.time().nanoTime() < CHAOS.toNanos()) {
                ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(20, 100)));
                String key = "k" + ctx.random().nextInt(8);
                version++;
                int oks = 0;
                for (InetAddress server : ctx.topology().processIps()) {
                    String put = "PUT " + key + " " + version + " v" + version;
                    oks += "OK".equals(ask(ctx, server, put)) ? 1 : 0;
                }
                if (oks >= 2) {
                    acknowledged.merge(key, version, Math::max);
                }
            }
        }

        @Override
        public void check(SimContext ctx) throws Exception {
            for (Map.Entry<String, Long> e : acknowledged.entrySet()) {
                long newest = 0;
                for (InetAddress server : ctx.topology().processIps()) {
                    String answer = ask(ctx, server, "GET " + e.getKey());
                    if (answer != null && answer.startsWith("VAL ")) {
                        newest = Math.max(newest, Long.parseLong(answer.split(" ")[1]));
                    }
                }
                if (newest < e.getValue()) {
                    throw new AssertionError("acknowledged write lost: " + e.getKey() + " version " + e.getValue()
                            + ", the replicas hold at most version " + newest);
                }
            }
        }

        private static String ask(SimContext ctx, InetAddress server, String request) throws Exception {
            try {
                return ctx.time().timeout(Duration.ofMillis(500), () -> {
                    try (Connection c = ctx.network().connect(new InetSocketAddress(server, WalKvStore.PORT))) {
                        WalKvStore.send(c.output(), request);
                        return WalKvStore.readLine(c.input());
                    }
                });
            } catch (IOException | TimeoutException unreachable) {
                return null;
            }
        }
    }

    /** Crashes every live process just before chaos ends: unforced data anywhere is at risk at once. */
    static final class PowerLoss implements FaultInjector {
        @Override
        public String name() {
            return "power_loss";
        }

        @Override
        public void inject(FaultContext ctx) throws Exception {
            ctx.time().sleep(CHAOS.minusMillis(100));
            for (InetAddress ip : ctx.processIps()) {
                if (ctx.isAlive(ip)) {
                    ctx.reboot(ip, RebootKind.CRASH);
                }
            }
        }
    }

    /** The cluster, the writer, attrition and the power loss, without seeds. */
    static SimulationBuilder cluster(boolean wrong) {
        return SimulationBuilder.create()
                .processes(3, () -> new WalKvStore(wrong))
                .workload(new Writer())
                .attrition(Attrition.builder()
                        .maxDead(1)
                        .probGraceful(0.2)
                        .probCrash(0.5)
                        .probWipe(0.3)
                        .recoveryDelay(Duration.ofSeconds(1), Duration.ofSeconds(4))
                        .build())
                .faultInjector(new PowerLoss())
                .chaosDuration(CHAOS);
    }

    static SimulationReport simulate(boolean wrong, long... seeds) {
        return cluster(wrong).seeds(seeds).run();
    }

    private static long[] seeds(int count) {
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = 7_000 + i;
        }
        return seeds;
    }

    @Test
    void everyAcknowledgedWriteSurvives500SeedsOfCrashesWipesAndAPowerLoss() {
        SimulationReport report = simulate(false, seeds(500));
        report.assertPassed();
        long reboots = report.runs().stream()
                .mapToLong(r -> r.reboots(RebootKind.CRASH) + r.reboots(RebootKind.CRASH_AND_WIPE))
                .sum();
        assertTrue(reboots > 1500, "too few crashes to mean anything: " + reboots);
    }

    @Test
    void acknowledgingBeforeForcingIsCaughtWithinTheSameSeeds() {
        SimulationReport report = simulate(true, seeds(500));
        assertTrue(!report.failedSeeds().isEmpty(), "the wrong variant passed 500 seeds");
        RunResult first =
                report.runs().stream().filter(r -> !r.passed()).findFirst().orElseThrow();
        assertTrue(
                first.failure().orElseThrow().message().contains("acknowledged write lost"),
                first.failure().orElseThrow().message());
    }
}
