package io.moonpool.net;

import static io.moonpool.net.NetworkSemanticsTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.Network;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.ChaosMode;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.api.spi.NetworkControl;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.api.spi.ResourceInstance;
import io.moonpool.api.spi.ResourcePlugin;
import io.moonpool.sim.EchoServer;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.ScriptedInjector;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import io.moonpool.testkit.ResourcePluginContract;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The network keeps every guarantee of a resource plugin (the inherited tests), and a chatty cluster under
 * every fault family and reboots replays exactly, seed after seed, while its seeds explore different
 * executions.
 */
class NetworkPluginContractTest extends ResourcePluginContract {

    private static final InetAddress CLIENT = ip("10.0.0.1");
    private static final InetAddress SERVER = ip("10.0.1.1");
    private static final InetSocketAddress LISTEN = new InetSocketAddress(SERVER, 7000);

    @Override
    protected ResourcePlugin plugin() {
        return discovered("network");
    }

    @Override
    protected ResourceConfig faultsOff() {
        return NetworkConfig.defaults();
    }

    @Override
    protected ResourceConfig faultsOn() {
        // every family that cannot hang the exercise: silent closes and hanging connects would wait for ever
        return NetworkConfig.builder()
                .deliveryLatency(Duration.ofNanos(50_000), Duration.ofMillis(5))
                .writeLatency(Duration.ZERO, Duration.ofNanos(20_000))
                .slowTail(0.05)
                .pairLatency(Duration.ofMillis(3))
                .partialIo(0.3)
                .clogging(0.05, Duration.ofMillis(10), Duration.ofMillis(500))
                .randomClose(0.02, 0)
                .bitFlips(0.05)
                .connectFailures(0.1, 0)
                .build();
    }

    private static Network network(ResourceInstance instance, InetAddress ip) {
        return instance.provide(Network.class, ip).orElseThrow();
    }

    /** Five request-reply exchanges from the client to the server, each on a connection of its own. */
    @Override
    protected Object exercise(ResourceInstance instance) throws Exception {
        Listener listener = network(instance, SERVER).bind(LISTEN);
        List<String> seen = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            try {
                Connection client = network(instance, CLIENT).connect(LISTEN);
                Connection server = listener.accept();
                byte[] request = new byte[100 * i];
                Arrays.fill(request, (byte) i);
                client.output().write(request);
                byte[] got = server.input().readNBytes(request.length);
                server.output().write(got, 0, 10);
                seen.add("reply " + Arrays.hashCode(client.input().readNBytes(10)));
                client.close();
                seen.add("end " + server.input().read());
                server.close();
            } catch (IOException e) {
                seen.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return seen;
    }

    @Override
    protected void makeLastingFaults(ResourceInstance instance) {
        instance.capability(NetworkControl.class).orElseThrow().partition(CLIENT, SERVER, Duration.ofHours(1));
    }

    /** A server with a client connected: the client sees a reset after a crash, a FIN after a clean stop. */
    @Override
    protected void checkReboot(ResourceInstance instance, RebootKind kind, Consumer<InetAddress> reboot)
            throws Exception {
        Listener listener = network(instance, SERVER).bind(LISTEN);
        Connection client = network(instance, CLIENT).connect(LISTEN);
        listener.accept();
        reboot.accept(SERVER);
        if (kind == RebootKind.CRASH) {
            SocketException e =
                    assertThrows(SocketException.class, () -> client.input().read());
            assertEquals("Connection reset", e.getMessage());
        } else {
            assertEquals(-1, client.input().read(), "a clean stop closes with FIN");
        }
        // the process's listener went with it
        assertThrows(ConnectException.class, () -> network(instance, CLIENT).connect(LISTEN));
    }

    @Override
    protected SimulationBuilder simulation(ResourceConfig faults) {
        return cluster(faults, ctx -> talk(ctx, 30));
    }

    /** Every process talks to every other; the workload talks to all; errors are counted, not fatal. */
    static final class Chatty implements SimProcess {
        @Override
        public void run(SimContext ctx) throws Exception {
            EchoServer.inBackground(ctx, 5000);
            talk(ctx, 40);
            ctx.shutdown().await();
        }
    }

    static int talk(SimContext ctx, int rounds) throws InterruptedException {
        int errors = 0;
        for (int i = 0; i < rounds; i++) {
            ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(1, 100)));
            InetAddress peer = ctx.topology()
                    .processIps()
                    .get(ctx.random().nextInt(ctx.topology().processIps().size()));
            try {
                Connection c = ctx.time()
                        .timeout(Duration.ofSeconds(2), () -> ctx.network().connect(new InetSocketAddress(peer, 5000)));
                byte[] msg = new byte[1 + ctx.random().nextInt(400)];
                ctx.random().nextBytes(msg);
                c.output().write(msg);
                ctx.time().timeout(Duration.ofSeconds(2), () -> c.input().readNBytes(msg.length));
                c.close();
            } catch (IOException | java.util.concurrent.TimeoutException e) {
                errors++;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return errors;
    }

    /** Three chatty processes and a client, under random partitions and reboots (crash or graceful). */
    private static SimulationBuilder cluster(ResourceConfig config, Workload client) {
        return SimulationBuilder.create()
                .processes(3, Chatty::new)
                .workload(client)
                .configure(config)
                .faultInjector(new ScriptedInjector("partitions-and-reboots", ctx -> {
                    while (!ctx.chaosShutdown().isRequested()) {
                        ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(100, 1000)));
                        List<InetAddress> ips = ctx.processIps();
                        ctx.partition(
                                ips.get(ctx.random().nextInt(3)),
                                ips.get(ctx.random().nextInt(3)),
                                Duration.ofMillis(ctx.random().nextInt(50, 500)));
                        InetAddress victim = ips.get(ctx.random().nextInt(3));
                        if (ctx.random().nextInt(4) == 0 && ctx.isAlive(victim)) {
                            ctx.reboot(victim, ctx.random().nextBoolean() ? RebootKind.CRASH : RebootKind.GRACEFUL);
                        }
                    }
                }))
                .chaosDuration(Duration.ofSeconds(5));
    }

    @Test
    void aChattyClusterUnderEveryFaultFamilyAndRebootsReplaysTheSameTraceFor100Seeds() {
        NetworkConfig everything = NetworkConfig.builder()
                .deliveryLatency(Duration.ofNanos(50_000), Duration.ofMillis(5))
                .writeLatency(Duration.ZERO, Duration.ofNanos(20_000))
                .slowTail(0.05)
                .pairLatency(Duration.ofMillis(3))
                .partialIo(0.3)
                .clogging(0.02, Duration.ofMillis(10), Duration.ofMillis(500))
                .randomClose(0.01, 0.5)
                .bitFlips(0.01)
                .connectFailures(0.05, 0.3)
                .connectTimeout(Duration.ofSeconds(1))
                .partitionResets(0.5)
                .chaos(ChaosMode.SWARM)
                .build();
        Map<Long, Integer> errors = new TreeMap<>();
        Workload client = ctx -> errors.put(ctx.seed(), talk(ctx, 60));
        long[] seeds = new long[100];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = 1000 + i;
        }
        SimulationReport first = cluster(everything, client).seeds(seeds).run();
        Map<Long, Integer> firstErrors = new TreeMap<>(errors);
        errors.clear();
        SimulationReport second = cluster(everything, client).seeds(seeds).run();
        assertEquals(firstErrors, errors, "what the client saw replays too");
        long seedsWithErrors = firstErrors.values().stream().filter(n -> n > 0).count();
        assertTrue(seedsWithErrors >= 50, "the faults should strike in most seeds: " + seedsWithErrors);
        Set<Long> distinct = new HashSet<>();
        for (int i = 0; i < seeds.length; i++) {
            RunResult a = first.runs().get(i);
            a.assertPassed();
            assertEquals(a.traceHash(), second.runs().get(i).traceHash(), "seed " + seeds[i] + " did not replay");
            assertEquals(a.events(), second.runs().get(i).events());
            distinct.add(a.traceHash());
        }
        assertEquals(seeds.length, distinct.size(), "seeds should explore different executions");
    }
}
