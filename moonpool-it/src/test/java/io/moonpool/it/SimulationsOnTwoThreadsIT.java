package io.moonpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Assertions;
import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.Attrition;
import io.moonpool.sim.AssertionResult;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Two simulations on two platform threads of one JVM give the same per-seed results (trace hashes, failures,
 * assertion counts) as when they run one after the other, with Guice building a process class on every boot and
 * attrition rebooting them: the framework's own work that could contend with the other thread (Guice, class
 * loading) runs on each kernel thread, never on a task thread. And the assertion tables of the two stay apart.
 */
class SimulationsOnTwoThreadsIT {

    private static final int PORT = 7000;
    private static final int SEEDS = 500;

    /** Echoes one byte per connection, plus the greeting's length: built by Guice on every boot. */
    public static final class Echo implements SimProcess {
        private final Greeting greeting;

        /**
         * Built by Guice.
         *
         * @param greeting a user binding
         */
        @Inject
        public Echo(Greeting greeting) {
            this.greeting = greeting;
        }

        @Override
        public void run(SimContext ctx) throws Exception {
            Listener listener = ctx.network().bind(new InetSocketAddress(ctx.ip(), PORT));
            while (!ctx.shutdown().isRequested()) {
                Connection c = listener.accept();
                ctx.tasks().spawn("serve", () -> {
                    try (c) {
                        int b = c.input().read();
                        c.output().write(b + greeting.text().length());
                        c.output().flush();
                    }
                    return null;
                });
            }
        }
    }

    /** Calls random processes for a while; its assertions carry the simulation's name, to see they stay apart. */
    private static Workload caller(String sim) {
        return new Workload() {
            private int answered;

            @Override
            public void run(SimContext ctx) throws Exception {
                answered = 0;
                for (int i = 0; i < 4; i++) {
                    ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(50, 250)));
                    var ips = ctx.topology().processIps();
                    var ip = ips.get(ctx.random().nextInt(ips.size()));
                    int sent = ctx.random().nextInt(100);
                    try (Connection c = ctx.network().connect(new InetSocketAddress(ip, PORT))) {
                        c.output().write(sent);
                        c.output().flush();
                        int got = c.input().read();
                        Assertions.always(got < 0 || got == sent + sim.length(), sim + ": the echo adds the greeting");
                        Assertions.sometimes(got >= 0, sim + ": an echo came back");
                        if (got >= 0) {
                            answered++;
                        }
                    } catch (IOException rebooted) {
                        Assertions.sometimes(true, sim + ": a call met a reboot");
                    }
                }
            }

            @Override
            public void check(SimContext ctx) {
                if (answered == 2) { // some seeds fail: failures must agree too
                    throw new IllegalStateException(sim + ": " + answered + " answers");
                }
            }
        };
    }

    private static SimulationReport simulation(String sim) {
        long[] seeds = new long[SEEDS];
        for (int i = 0; i < SEEDS; i++) {
            seeds[i] = sim.hashCode() * 1000L + i;
        }
        return SimulationBuilder.create()
                .processes(2, Echo.class)
                .module(binder -> binder.bind(Greeting.class).toInstance(new Greeting(sim)))
                .workload(caller(sim))
                .attrition(Attrition.builder().maxDead(1).build())
                .chaosDuration(Duration.ofSeconds(1))
                .verifyFailures(false)
                .seeds(seeds)
                .run();
    }

    /** What must not differ between two runs of a seed. */
    private static List<String> perSeed(SimulationReport report) {
        List<String> lines = new ArrayList<>();
        for (RunResult r : report.runs()) {
            lines.add(r.seed() + " " + Long.toHexString(r.traceHash()) + " " + r.simTime() + " " + r.events() + " "
                    + r.failure()
                            .map(f -> f.kind() + " " + f.source() + " "
                                    + f.message().lines().findFirst().orElse(""))
                            .orElse("passed"));
        }
        return lines;
    }

    /** Fails naming the seeds that differ, not all 500. */
    private static void assertSameSeeds(List<String> alone, List<String> both) {
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < alone.size(); i++) {
            if (!alone.get(i).equals(both.get(i))) {
                differ.add("alone " + alone.get(i) + " | beside another " + both.get(i));
            }
        }
        assertEquals(alone.size(), both.size());
        assertTrue(differ.isEmpty(), differ.size() + " seeds differ:\n" + String.join("\n", differ));
    }

    private static List<String> assertionCounts(SimulationReport report) {
        List<String> lines = new ArrayList<>();
        for (AssertionResult a : report.assertions()) {
            lines.add(a.message() + " " + a.checks() + " " + a.trues() + " " + a.seedsViolated());
        }
        return lines;
    }

    @Test
    void twoSimulationsOnTwoThreadsGiveTheResultsOfSequentialRuns() throws Exception {
        SimulationReport aAlone = simulation("alpha");
        SimulationReport bAlone = simulation("beta-2");
        CompletableFuture<SimulationReport> a = new CompletableFuture<>();
        CompletableFuture<SimulationReport> b = new CompletableFuture<>();
        Thread ta = Thread.ofPlatform().name("simulation-alpha").start(() -> complete(a, "alpha"));
        Thread tb = Thread.ofPlatform().name("simulation-beta").start(() -> complete(b, "beta-2"));
        ta.join();
        tb.join();
        SimulationReport aBoth = unwrap(a);
        SimulationReport bBoth = unwrap(b);
        assertSameSeeds(perSeed(aAlone), perSeed(aBoth));
        assertSameSeeds(perSeed(bAlone), perSeed(bBoth));
        assertEquals(assertionCounts(aAlone), assertionCounts(aBoth));
        assertEquals(assertionCounts(bAlone), assertionCounts(bBoth));
        assertTrue(
                aAlone.runs().stream().anyMatch(r -> r.failure().isPresent()), "some seeds fail, for the test's sake");
        assertTrue(aAlone.runs().stream().anyMatch(r -> r.failure().isEmpty()), "and some pass");
        assertTrue(aAlone.runs().stream().anyMatch(r -> !r.rebootCounts().isEmpty()), "attrition rebooted processes");
        // the tables do not mix: each holds its own simulation's assertions alone
        for (AssertionResult r : aBoth.assertions()) {
            assertTrue(r.message().startsWith("alpha: "), r.message());
        }
        for (AssertionResult r : bBoth.assertions()) {
            assertTrue(r.message().startsWith("beta-2: "), r.message());
        }
        assertEquals(3, aBoth.assertions().size(), aBoth.assertions()::toString);
        assertEquals(3, bBoth.assertions().size(), bBoth.assertions()::toString);
    }

    private static void complete(CompletableFuture<SimulationReport> into, String sim) {
        try {
            into.complete(simulation(sim));
        } catch (RuntimeException | Error e) {
            into.completeExceptionally(e);
        }
    }

    private static SimulationReport unwrap(CompletableFuture<SimulationReport> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }
}
