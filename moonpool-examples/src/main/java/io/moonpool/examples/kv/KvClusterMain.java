package io.moonpool.examples.kv;

import io.moonpool.api.SimContext;
import io.moonpool.runtime.NodeRuntime;
import io.moonpool.runtime.StaticTopology;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The same {@link KvServer} and {@link KvClient} on a real 3-node cluster on this machine, one
 * {@link NodeRuntime} per replica on loopback addresses (Linux routes all of {@code 127.0.0.0/8} to the loopback
 * interface), with their data directories under {@code target/}.
 *
 * <p>It writes keys through the client, shuts one replica down gracefully and writes on, restarts it, crashes
 * another ({@link NodeRuntime#abort()}) and writes on, restarts it, and then checks that every acknowledged
 * write is held by a majority of the replicas and returned by a quorum read. It prints what it does, and exits
 * by itself: 0 when every acknowledged write is readable, 1 when one is not, 2 when the run overran its time
 * limit or failed.
 *
 * <p>Arguments, each optional, as {@code name=value}: {@code ips=127.0.0.1,127.0.0.2,127.0.0.3} (the replicas),
 * {@code client=127.0.0.4} (the client's node), {@code port=7100}, {@code dir=target/kv-cluster},
 * {@code timeout=60s}; {@code -Dkv.bug=...} runs the cluster with a bug (see {@link KvBug}).
 */
public final class KvClusterMain {

    private static final int KEYS_PER_PHASE = 10;

    /**
     * What the cluster runs on.
     *
     * @param replicas the replicas' IPs, at least one; three for the scenario to mean something
     * @param client   the client node's IP, not a replica's
     * @param port     the port every replica listens on
     * @param dataDir  where each node keeps its directory ({@code dataDir/<ip>}); emptied of them at the start
     * @param timeout  the most the whole run may take
     * @param bug      the bug to run with, {@link KvBug#NONE} for the correct store
     */
    public record Settings(
            List<InetAddress> replicas, InetAddress client, int port, Path dataDir, Duration timeout, KvBug bug) {

        /**
         * Checks the settings.
         *
         * @throws IllegalArgumentException naming the setting that is wrong and what to give instead
         */
        public Settings {
            replicas = List.copyOf(replicas);
            if (replicas.isEmpty()) {
                throw new IllegalArgumentException("ips: give at least one replica IP, e.g. ips=127.0.0.1");
            }
            if (replicas.contains(client)) {
                throw new IllegalArgumentException(
                        "client: " + client.getHostAddress() + " is a replica's IP; give the client an IP of its own");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(
                        "port: " + port + " is not a TCP port; give 1..65535 (0 cannot be used: peers must know it)");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout: give a positive duration, e.g. timeout=60s");
            }
        }

        /**
         * The defaults: replicas on 127.0.0.1-3, the client on 127.0.0.4, port 7100, data under
         * {@code target/kv-cluster}, a minute, with the bug {@code -Dkv.bug} selects.
         *
         * @return the defaults
         */
        public static Settings defaults() {
            return new Settings(
                    List.of(ip("127.0.0.1"), ip("127.0.0.2"), ip("127.0.0.3")),
                    ip("127.0.0.4"),
                    KvServer.DEFAULT_PORT,
                    Path.of("target", "kv-cluster"),
                    Duration.ofSeconds(60),
                    KvBug.fromSystemProperty());
        }

        /**
         * These settings with the {@code name=value} arguments applied.
         *
         * @param args arguments as the class comment lists them
         * @return the settings
         * @throws IllegalArgumentException naming an unknown argument or a malformed value
         */
        public Settings with(String... args) {
            Settings s = this;
            for (String arg : args) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg : arg.substring(0, eq);
                String value = eq < 0 ? "" : arg.substring(eq + 1);
                s = switch (name) {
                    case "ips" ->
                        new Settings(
                                Stream.of(value.split(","))
                                        .map(KvClusterMain::ip)
                                        .toList(),
                                s.client,
                                s.port,
                                s.dataDir,
                                s.timeout,
                                s.bug);
                    case "client" -> new Settings(s.replicas, ip(value), s.port, s.dataDir, s.timeout, s.bug);
                    case "port" ->
                        new Settings(s.replicas, s.client, Integer.parseInt(value), s.dataDir, s.timeout, s.bug);
                    case "dir" -> new Settings(s.replicas, s.client, s.port, Path.of(value), s.timeout, s.bug);
                    case "timeout" ->
                        new Settings(
                                s.replicas,
                                s.client,
                                s.port,
                                s.dataDir,
                                Duration.parse("PT" + value.toUpperCase(java.util.Locale.ROOT)),
                                s.bug);
                    default ->
                        throw new IllegalArgumentException(
                                "unknown argument " + arg + "; use ips=a,b,c client=ip port=n dir=path timeout=60s");
                };
            }
            return s;
        }
    }

    private final Settings settings;
    private final PrintStream out;
    private final StaticTopology topology;
    private final Map<InetAddress, Replica> replicas = new LinkedHashMap<>();
    private final Map<String, Long> acknowledged = new TreeMap<>();
    private long lastVersion;
    private volatile NodeRuntime clientNode;

    /** A replica's current life: its node and the future of its {@code run}. */
    private record Replica(NodeRuntime node, CompletableFuture<Void> running) {}

    private KvClusterMain(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        StaticTopology.Builder b = StaticTopology.builder();
        for (InetAddress ip : settings.replicas()) {
            b.process(ip, Map.of());
        }
        this.topology = b.workload(settings.client()).build();
    }

    /**
     * Runs the scenario with the settings the arguments give, and exits with its status.
     *
     * @param args arguments as the class comment lists them
     */
    public static void main(String[] args) {
        int status;
        try {
            status = run(Settings.defaults().with(args), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("kv cluster: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    /**
     * Runs the scenario: starts the cluster, writes, reboots replicas, checks, and stops every node.
     *
     * @param settings what to run on
     * @param out      where to print what it does
     * @return 0 if every acknowledged write was readable, 1 if one was not, 2 if the run failed or overran
     *     {@link Settings#timeout()}
     */
    public static int run(Settings settings, PrintStream out) {
        KvClusterMain cluster = new KvClusterMain(settings, out);
        CompletableFuture<Integer> scenario = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return cluster.scenario();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                runnable -> Thread.ofPlatform()
                        .name("kv-cluster-scenario")
                        .daemon(true)
                        .start(runnable));
        try {
            return scenario.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            out.println("FAILED: the run overran its time limit of " + settings.timeout());
            return 2;
        } catch (ExecutionException e) {
            out.println("FAILED: " + e.getCause().getCause());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        } finally {
            scenario.cancel(true);
            cluster.stopAll();
        }
    }

    private int scenario() throws Exception {
        clearDataDir();
        out.println("kv cluster: replicas " + names(settings.replicas()) + " on port " + settings.port()
                + ", client " + settings.client().getHostAddress() + ", data under " + settings.dataDir()
                + (settings.bug() == KvBug.NONE
                        ? ""
                        : ", with the bug " + settings.bug().switchValue()));
        for (InetAddress ip : settings.replicas()) {
            start(ip);
        }
        clientNode = node(settings.client(), 0);
        SimContext ctx = clientNode.context();
        try (KvClient client = new KvClient(ctx, settings.replicas(), settings.port(), settings.bug())) {
            InetAddress graceful = settings.replicas().getLast();
            InetAddress crashed = settings.replicas().getFirst();

            writeKeys(ctx, client, "all replicas up");
            awaitEveryReplicaServing(ctx, client);
            out.println("shutting " + graceful.getHostAddress() + " down gracefully");
            replicas.get(graceful).node().shutdown();
            writeKeys(ctx, client, graceful.getHostAddress() + " down");
            start(graceful);
            writeKeys(ctx, client, graceful.getHostAddress() + " back");
            awaitEveryReplicaServing(ctx, client);

            out.println("crashing " + crashed.getHostAddress() + " (NodeRuntime.abort: connections reset, no grace)");
            replicas.get(crashed).node().abort();
            writeKeys(ctx, client, crashed.getHostAddress() + " crashed");
            start(crashed);
            writeKeys(ctx, client, crashed.getHostAddress() + " back");

            return check(client);
        }
    }

    /** Writes a batch of new keys, retrying until the cluster acknowledges each (it may still be booting). */
    private void writeKeys(SimContext ctx, KvClient client, String phase) throws Exception {
        int acked = 0;
        int first = acknowledged.size();
        for (int i = 0; i < KEYS_PER_PHASE; i++) {
            String key = "k" + (first + i);
            long version = ++lastVersion;
            Versioned value = new Versioned(version, "v" + version);
            while (!client.put(key, value).acknowledged()) {
                failIfAReplicaFailed();
                ctx.time().sleep(Duration.ofMillis(200)); // not acknowledged: a retry of the same version is safe
            }
            acknowledged.put(key, version);
            acked++;
        }
        long readable = 0;
        for (Map.Entry<String, Long> e : acknowledged.entrySet()) {
            Optional<Versioned> v = client.get(e.getKey());
            readable += v.isPresent() && v.get().version() >= e.getValue() ? 1 : 0;
        }
        out.println("  " + phase + ": " + acked + " writes acknowledged; " + readable + " of " + acknowledged.size()
                + " acknowledged writes readable");
    }

    /**
     * Waits until every replica answers reads, that is until none is still catching up: taking a replica down
     * while another has not caught up leaves one serving replica, and no majority, until it comes back.
     */
    private void awaitEveryReplicaServing(SimContext ctx, KvClient client) throws Exception {
        while (client.getEach("k0").size() < settings.replicas().size()) {
            failIfAReplicaFailed();
            ctx.time().sleep(Duration.ofMillis(100));
        }
        out.println("every replica is serving");
    }

    /** Ends the run at once when a replica's process threw, rather than at the time limit. */
    private void failIfAReplicaFailed() {
        for (Map.Entry<InetAddress, Replica> e : replicas.entrySet()) {
            CompletableFuture<Void> running = e.getValue().running();
            if (running.isCompletedExceptionally()) {
                throw new IllegalStateException(
                        "replica " + e.getKey().getHostAddress() + " failed: " + running.exceptionNow());
            }
        }
    }

    /** Every acknowledged write on a majority and returned by a quorum read; 0 if so, else 1. */
    private int check(KvClient client) throws InterruptedException {
        int majority = settings.replicas().size() / 2 + 1;
        List<String> lost = new ArrayList<>();
        for (Map.Entry<String, Long> e : acknowledged.entrySet()) {
            long holders = client.getEach(e.getKey()).values().stream()
                    .filter(v -> v.version() >= e.getValue())
                    .count();
            Optional<Versioned> read = client.get(e.getKey());
            if (holders < majority || read.isEmpty() || read.get().version() < e.getValue()) {
                lost.add(e.getKey() + " v" + e.getValue() + " (held by " + holders + ", read "
                        + read.map(v -> "v" + v.version()).orElse("nothing") + ")");
            }
        }
        if (lost.isEmpty()) {
            out.println("OK: every acknowledged write (" + acknowledged.size() + ") is on a majority of replicas and"
                    + " readable after a graceful shutdown and a crash");
            return 0;
        }
        out.println("FAILED: acknowledged writes lost: " + lost);
        return 1;
    }

    private void start(InetAddress ip) {
        NodeRuntime node = node(ip, replicas.size() + 1);
        CompletableFuture<Void> running = new CompletableFuture<>();
        Thread.ofVirtual().name("kv-replica-" + ip.getHostAddress()).start(() -> {
            try {
                node.run(new KvServer(settings.bug(), settings.port()));
                running.complete(null);
            } catch (Throwable t) {
                running.completeExceptionally(t);
                out.println("replica " + ip.getHostAddress() + " failed: " + t);
            }
        });
        replicas.put(ip, new Replica(node, running));
        out.println("started " + ip.getHostAddress());
    }

    private NodeRuntime node(InetAddress ip, long seed) {
        return NodeRuntime.builder()
                .ip(ip)
                .dataDir(settings.dataDir())
                .topology(topology)
                .seed(seed)
                .gracePeriod(Duration.ofSeconds(1))
                .build();
    }

    /** Stops the client's node and every replica's, each replica gracefully, all at once. */
    private void stopAll() {
        NodeRuntime c = clientNode;
        if (c != null) {
            c.abort();
        }
        List<Thread> stopping = new ArrayList<>();
        for (Replica r : List.copyOf(replicas.values())) {
            stopping.add(Thread.ofVirtual().start(r.node()::shutdown));
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Deletes the replicas' directories of an earlier run (only those: {@code dataDir/<ip>}). */
    private void clearDataDir() throws IOException {
        for (InetAddress ip : settings.replicas()) {
            Path dir = settings.dataDir().resolve(ip.getHostAddress());
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    private static String names(List<InetAddress> ips) {
        return String.join(", ", ips.stream().map(InetAddress::getHostAddress).toList());
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text.strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text + "; give one such as 127.0.0.1", e);
        }
    }
}
