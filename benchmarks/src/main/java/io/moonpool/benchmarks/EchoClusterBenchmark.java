package io.moonpool.benchmarks;

import io.moonpool.api.Connection;
import io.moonpool.api.Listener;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.TaskHandle;
import io.moonpool.api.Workload;
import io.moonpool.net.NetworkConfig;
import io.moonpool.runtime.NodeRuntime;
import io.moonpool.runtime.StaticTopology;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * A 3-process echo cluster: each process listens on port {@value #PORT} and echoes every byte it reads on
 * every accepted connection; a workload connects to each process and makes {@value #ROUND_TRIPS_PER_PROCESS}
 * round trips of a {@value #MESSAGE_SIZE}-byte message with each (write, then read the echo back). A round
 * trip takes two delivery latencies of simulated time: 700 µs with the default 350 µs
 * ({@link Latency#deliveryMicros}). The score is the wall time per round trip ({@value #ROUND_TRIPS} per invocation; booting the cluster and the 3 connects are included
 * and amortised).
 *
 * <p>{@link #clients}: {@code 1}, one client task makes the round trips to the 3 processes in turn, so
 * exactly one message is in flight and the simulated time is 3 x {@value #ROUND_TRIPS_PER_PROCESS} round trips;
 * {@code 3}, one client task per process, all three at once, so the simulated time is a third of that for
 * the same work.
 *
 * <p>Subject: {@link #simulatedCluster}, one simulation iteration per invocation. Its auxiliary counter
 * {@code simulatedMicros} counts simulated microseconds; in this average-time mode JMH reports it as wall
 * nanoseconds per simulated microsecond, so 1.0 is 1,000 simulated seconds per wall second and lower is
 * faster (simulated seconds per wall second = 1,000 / score). The ratio over all measurement iterations is
 * also printed at the end of the trial, as "simulated seconds per wall second". Baseline: {@link #baselineLoopbackSockets}, the same round trips over real
 * {@link Socket}s to 3 {@link ServerSocket}s on 127.0.0.1 (TCP_NODELAY on both ends), each echo server and
 * each client on virtual threads. Targets (DESIGN.md): at least 1,000 simulated seconds per wall second; the
 * simulation takes at least 50x less wall time than the baseline per round trip.
 *
 * <p>Runtime column: {@link #runtimeCluster}, the same {@link EchoProcess} and {@link EchoWorkload} classes on
 * {@code NodeRuntime} nodes (127.0.0.1 to 127.0.0.4) over real TCP, the production providers of the same API:
 * the simulation's speed-up over reality measured through one API.
 */
public class EchoClusterBenchmark extends AbstractBenchmark {

    /** Round trips with each process per invocation. */
    public static final int ROUND_TRIPS_PER_PROCESS = 1_000;

    /** Echo servers in the cluster. */
    public static final int PROCESSES = 3;

    /** Round trips per invocation. */
    public static final int ROUND_TRIPS = PROCESSES * ROUND_TRIPS_PER_PROCESS;

    /** Bytes per message. */
    public static final int MESSAGE_SIZE = 64;

    /** The port every simulated echo server listens on. */
    public static final int PORT = 7000;

    /** How many client tasks share the round trips: 1 (one after another) or 3 (one per process). */
    @Param({"1", "3"})
    public int clients;

    private List<ServerSocket> servers;
    private List<Thread> acceptors;
    private List<NodeRuntime> runtimeServers;
    private NodeRuntime runtimeClient;

    /**
     * Simulated time covered by the subject, as a JMH auxiliary counter reset every iteration.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class SimulatedTime {
        /** Simulated microseconds run in this iteration; JMH reports wall ns per simulated µs. */
        public long simulatedMicros;

        private long simulatedNanos;
        private long wallNanos;
        private long trialSimulatedNanos;
        private long trialWallNanos;

        /** Creates the counter; JMH calls this. */
        public SimulatedTime() {}

        /** Resets the counter before each iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            simulatedMicros = 0;
            simulatedNanos = 0;
            wallNanos = 0;
        }

        void add(long simulated, long wall) {
            simulatedNanos += simulated;
            simulatedMicros = simulatedNanos / 1_000;
            wallNanos += wall;
        }

        /**
         * Adds a measurement iteration's times to the trial's; warm-up iterations are left out.
         *
         * @param iteration which iteration just ended
         */
        @TearDown(Level.Iteration)
        public void accumulate(IterationParams iteration) {
            if (iteration.getType() == IterationType.MEASUREMENT) {
                trialSimulatedNanos += simulatedNanos;
                trialWallNanos += wallNanos;
            }
        }

        /** Prints simulated seconds per wall second over the measurement iterations of the trial. */
        @TearDown(Level.Trial)
        public void printTrial() {
            System.out.printf(
                    "%nsimulated seconds per wall second over the measurement iterations: %,.0f%n",
                    ratio(trialSimulatedNanos, trialWallNanos));
        }

        private static double ratio(long simulated, long wall) {
            return wall == 0 ? 0 : (double) simulated / wall;
        }
    }

    /** The simulated network's latency; a state of its own, since JMH would count an auxiliary counter's field. */
    @State(Scope.Thread)
    public static class Latency {
        /**
         * The delivery latency each way, in µs: the default ({@value NetworkConfig#DEFAULT_DELIVERY_MICROS}),
         * and 100 µs, a short one that shows how the ratio of simulated to wall time scales with it (the wall
         * time per round trip hardly depends on it). A connect takes one round trip.
         */
        @Param({"350", "100"})
        public int deliveryMicros;

        /** Creates the state; JMH calls this. */
        public Latency() {}
    }

    /** An echo server: every accepted connection gets a task that writes back whatever it reads. */
    static final class EchoProcess implements SimProcess {
        @Override
        public void run(SimContext ctx) throws Exception {
            Listener listener = ctx.network().bind(new InetSocketAddress(ctx.ip(), PORT));
            while (true) {
                Connection c = listener.accept();
                ctx.tasks().spawn("echo " + c.remoteAddress(), () -> {
                    echo(c.input(), c.output());
                    c.close();
                    return null;
                });
            }
        }
    }

    /** Round trips with the simulated cluster. */
    record EchoWorkload(int clients) implements Workload {
        @Override
        public void run(SimContext ctx) throws Exception {
            // the processes boot as the run phase starts; let them bind before connecting
            ctx.time().sleep(Duration.ofMillis(1));
            List<InetAddress> ips = ctx.topology().processIps();
            if (clients == 1) {
                List<Connection> connections = new ArrayList<>();
                for (InetAddress ip : ips) {
                    connections.add(ctx.network().connect(new InetSocketAddress(ip, PORT)));
                }
                List<InputStream> ins = new ArrayList<>();
                List<OutputStream> outs = new ArrayList<>();
                for (Connection c : connections) {
                    ins.add(c.input());
                    outs.add(c.output());
                }
                roundTripsInTurn(ins, outs);
                for (Connection c : connections) {
                    c.close();
                }
            } else {
                List<TaskHandle<Void>> tasks = new ArrayList<>();
                for (InetAddress ip : ips) {
                    tasks.add(ctx.tasks().spawn("client " + ip.getHostAddress(), () -> {
                        try (Connection c = ctx.network().connect(new InetSocketAddress(ip, PORT))) {
                            roundTripsInTurn(List.of(c.input()), List.of(c.output()));
                        }
                        return null;
                    }));
                }
                for (TaskHandle<Void> t : tasks) {
                    t.join();
                }
            }
        }
    }

    /** Copies everything it reads back until the end of the stream. */
    private static void echo(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    /** {@value #ROUND_TRIPS_PER_PROCESS} rounds; each round makes one round trip on every stream in turn. */
    private static void roundTripsInTurn(List<InputStream> ins, List<OutputStream> outs) throws IOException {
        byte[] message = new byte[MESSAGE_SIZE];
        byte[] reply = new byte[MESSAGE_SIZE];
        for (int i = 0; i < ROUND_TRIPS_PER_PROCESS; i++) {
            for (int s = 0; s < ins.size(); s++) {
                message[0] = (byte) i;
                message[1] = (byte) s;
                OutputStream out = outs.get(s);
                out.write(message);
                out.flush();
                readFully(ins.get(s), reply);
                if (reply[0] != message[0] || reply[1] != message[1]) {
                    throw new IllegalStateException("round trip " + i + " with server " + s + " got a wrong echo");
                }
            }
        }
    }

    private static void readFully(InputStream in, byte[] buffer) throws IOException {
        int got = 0;
        while (got < buffer.length) {
            int n = in.read(buffer, got, buffer.length - got);
            if (n < 0) {
                throw new EOFException("the stream ended after " + got + " bytes of an echo");
            }
            got += n;
        }
    }

    /**
     * Subject: one iteration of the simulated 3-process echo cluster.
     *
     * @param time    the auxiliary counter of simulated time
     * @param latency the delivery latency
     * @return the kernel's event count, so that the work is not dead code
     */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public long simulatedCluster(SimulatedTime time, Latency latency) {
        long start = System.nanoTime();
        Duration delivery = Duration.ofNanos(latency.deliveryMicros * 1_000L);
        SimulationReport report = SimulationBuilder.create()
                .configure(NetworkConfig.builder()
                        .deliveryLatency(delivery, delivery)
                        .connectLatency(delivery.multipliedBy(2), delivery.multipliedBy(2))
                        .build())
                .processes(PROCESSES, EchoProcess::new)
                .workload(new EchoWorkload(clients))
                .buggify(false) // the same simulated work as the baseline, whatever buggify's sites do
                .seeds(SEED)
                .run();
        long wall = System.nanoTime() - start;
        if (!report.passed()) {
            throw new IllegalStateException("the echo cluster failed: " + report);
        }
        RunResult run = report.runs().getFirst();
        time.add(run.simTime().toNanos(), wall);
        return run.events();
    }

    /**
     * Starts the 3 loopback echo servers of the baseline, each accepting on a virtual thread.
     *
     * @throws IOException if a server socket cannot be opened
     */
    @Setup(Level.Trial)
    public void startLoopbackServers() throws IOException {
        servers = new ArrayList<>();
        acceptors = new ArrayList<>();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int i = 0; i < PROCESSES; i++) {
            ServerSocket server = new ServerSocket(0, 50, loopback);
            servers.add(server);
            acceptors.add(Thread.ofVirtual().name("echo-acceptor-" + i).start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        s.setTcpNoDelay(true);
                        Thread.ofVirtual()
                                .name("echo " + s.getRemoteSocketAddress())
                                .start(() -> {
                                    try (s) {
                                        echo(s.getInputStream(), s.getOutputStream());
                                    } catch (IOException e) {
                                        // the client went away
                                    }
                                });
                    } catch (IOException e) {
                        // closed at the end of the trial
                    }
                }
            }));
        }
    }

    /**
     * Closes the loopback echo servers.
     *
     * @throws IOException if closing fails
     * @throws InterruptedException if interrupted while waiting for the acceptors
     */
    @TearDown(Level.Trial)
    public void stopLoopbackServers() throws IOException, InterruptedException {
        for (ServerSocket s : servers) {
            s.close();
        }
        for (Thread t : acceptors) {
            t.join();
        }
    }

    /**
     * Baseline: the same round trips over real loopback sockets to the 3 echo servers; the clients connect
     * and close within the invocation, as the simulated workload does.
     *
     * @return the local port of the last connection, so that the work is not dead code
     * @throws Exception if a socket fails
     */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int baselineLoopbackSockets() throws Exception {
        if (clients == 1) {
            List<Socket> sockets = new ArrayList<>();
            List<InputStream> ins = new ArrayList<>();
            List<OutputStream> outs = new ArrayList<>();
            for (ServerSocket server : servers) {
                Socket s = new Socket(server.getInetAddress(), server.getLocalPort());
                s.setTcpNoDelay(true);
                sockets.add(s);
                ins.add(s.getInputStream());
                outs.add(s.getOutputStream());
            }
            // on a virtual thread, like the simulated client and the echo servers
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread client = Thread.ofVirtual().name("client").start(() -> {
                try {
                    roundTripsInTurn(ins, outs);
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            client.join();
            int port = 0;
            for (Socket s : sockets) {
                port = s.getLocalPort();
                s.close();
            }
            rethrow(failure.get());
            return port;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        int[] ports = new int[servers.size()];
        for (int i = 0; i < servers.size(); i++) {
            ServerSocket server = servers.get(i);
            int index = i;
            threads.add(Thread.ofVirtual().name("client " + i).start(() -> {
                try (Socket s = new Socket(server.getInetAddress(), server.getLocalPort())) {
                    s.setTcpNoDelay(true);
                    ports[index] = s.getLocalPort();
                    roundTripsInTurn(List.of(s.getInputStream()), List.of(s.getOutputStream()));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        rethrow(failure.get());
        return ports[ports.length - 1];
    }

    private static void rethrow(Throwable failure) throws Exception {
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /**
     * Starts the runtime column's cluster: 3 {@link NodeRuntime} nodes on 127.0.0.1 to 127.0.0.3, each running
     * the same {@link EchoProcess} as the simulation on port {@value #PORT}, and a client node on 127.0.0.4.
     *
     * @throws Exception if a node cannot start or its echo server does not answer within 10 s
     */
    @Setup(Level.Trial)
    public void startRuntimeCluster() throws Exception {
        StaticTopology.Builder topology = StaticTopology.builder();
        List<InetAddress> ips = new ArrayList<>();
        for (int i = 1; i <= PROCESSES; i++) {
            InetAddress ip = InetAddress.getByName("127.0.0." + i);
            ips.add(ip);
            topology.process(ip, Map.of());
        }
        InetAddress clientIp = InetAddress.getByName("127.0.0." + (PROCESSES + 1));
        StaticTopology cluster = topology.workload(clientIp).build();
        runtimeServers = new ArrayList<>();
        for (InetAddress ip : ips) {
            NodeRuntime node = NodeRuntime.builder()
                    .ip(ip)
                    .topology(cluster)
                    .seed(SEED)
                    .shutdownHook(false)
                    .build();
            runtimeServers.add(node);
            Thread.ofVirtual().name("echo node " + ip.getHostAddress()).start(() -> {
                try {
                    node.run(new EchoProcess());
                } catch (Exception e) {
                    // the node was shut down at the end of the trial
                }
            });
        }
        runtimeClient = NodeRuntime.builder()
                .ip(clientIp)
                .topology(cluster)
                .seed(SEED)
                .shutdownHook(false)
                .build();
        SimContext ctx = runtimeClient.context();
        for (InetAddress ip : ips) {
            // a benchmark's setup, not a test: wait (bounded) until each echo server listens
            for (int attempt = 0; ; attempt++) {
                try {
                    ctx.network().connect(new InetSocketAddress(ip, PORT)).close();
                    break;
                } catch (ConnectException e) {
                    if (attempt == 1_000) {
                        throw e;
                    }
                    Thread.sleep(10);
                }
            }
        }
    }

    /** Shuts the runtime column's nodes down. */
    @TearDown(Level.Trial)
    public void stopRuntimeCluster() {
        if (runtimeClient != null) {
            runtimeClient.shutdown();
        }
        for (NodeRuntime node : runtimeServers) {
            node.shutdown();
        }
    }

    /**
     * Runtime column: the same {@link EchoWorkload} on a task of the client node, against the same
     * {@link EchoProcess} on 3 {@code NodeRuntime} nodes, over real loopback TCP through {@code ctx.network()};
     * the cost of the API over raw sockets is the difference from {@link #baselineLoopbackSockets}.
     *
     * @return the number of round trips, so that the work is not dead code
     * @throws Exception if a round trip fails
     */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int runtimeCluster() throws Exception {
        SimContext ctx = runtimeClient.context();
        EchoWorkload workload = new EchoWorkload(clients);
        ctx.tasks()
                .spawn("workload", () -> {
                    workload.run(ctx);
                    return null;
                })
                .join();
        return ROUND_TRIPS;
    }
}
