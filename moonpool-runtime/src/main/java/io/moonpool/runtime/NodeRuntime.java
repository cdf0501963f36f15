package io.moonpool.runtime;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.config.ConfigurationProblems;
import io.moonpool.runtime.internal.DirectoryStorage;
import io.moonpool.runtime.internal.LocalState;
import io.moonpool.runtime.internal.NodeContext;
import io.moonpool.runtime.internal.NodeLife;
import io.moonpool.runtime.internal.NodeTask;
import io.moonpool.runtime.internal.NodeTasks;
import io.moonpool.runtime.internal.NodeTopology;
import io.moonpool.runtime.internal.SeededRandom;
import io.moonpool.runtime.internal.ShutdownSignal;
import io.moonpool.runtime.internal.SystemTime;
import io.moonpool.runtime.internal.TcpNetwork;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One node of a real cluster: the {@link SimContext} a process gets in production, on the system clock, virtual
 * threads, real TCP from the node's IP and a real directory, so that the process classes a simulation tests are
 * the ones a cluster runs.
 *
 * <pre>{@code
 * try (NodeRuntime node = NodeRuntime.builder()
 *         .ip(InetAddress.getByName("127.0.0.1"))
 *         .dataDir(Path.of("target/data"))
 *         .topology(topology)
 *         .build()) {
 *     node.run(new KvServer());
 * }
 * }</pre>
 *
 * <p><b>How it differs from simulation.</b> Nothing is deterministic: tasks run in parallel on virtual threads,
 * time is the system's, the network and the disk are real and inject no fault. A node lives once: after
 * {@link #shutdown()} or {@link #abort()} it cannot run again (build a new one to restart; its data directory
 * keeps what was written). An exception escaping a task nobody has joined when the node stops cannot fail a
 * seed: it is logged then ({@link System.Logger}, {@code ERROR}, logger {@code io.moonpool.runtime}) naming the
 * task, the node and the stack, unless the task's handle was told {@code expectFailure()} (printed to
 * {@code System.err} instead when the JVM's shutdown hook stops the node: the logging system may be shut down
 * by its own hook by then). {@code ctx.state()} is the node's own: no
 * invariant reads it and no other node sees it. {@code ctx.metrics()} records nothing.
 *
 * <p>Thread-safe: every method may be called from any thread, {@link #shutdown()} also from a task of the node.
 */
public final class NodeRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("io.moonpool.runtime");

    /** How long a stop waits, after interrupting, for the node's tasks to end before it gives up on them. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(1);

    private final NodeLife life;
    private final NodeContext context;
    private final NodeTasks tasks;
    private final ShutdownSignal signal;
    private final Duration gracePeriod;
    private final Thread hook;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final Object stopLock = new Object();
    private boolean stopStarted;
    /** Set by the shutdown hook: the JVM is exiting, and the logging system may be shut down already. */
    private volatile boolean jvmExiting;

    /** Every node's IP, which a node may neither bind nor treat as its own loopback. */
    private static java.util.Set<InetAddress> nodeIps(StaticTopology topology) {
        java.util.Set<InetAddress> ips = new java.util.LinkedHashSet<>(topology.processIps());
        ips.addAll(topology.workloadIps());
        return ips;
    }

    private NodeRuntime(Builder b, StaticTopology topology, Path root) {
        this.life = new NodeLife(b.ip);
        this.tasks = new NodeTasks(life);
        this.signal = new ShutdownSignal();
        this.gracePeriod = b.gracePeriod;
        Map<InetAddress, Map<String, String>> processes = new LinkedHashMap<>();
        for (InetAddress ip : topology.processIps()) {
            processes.put(ip, topology.tagsOf(ip));
        }
        this.context = new NodeContext(
                b.ip,
                new NodeTopology(processes, topology.localities(), topology.workloadIps(), b.ip),
                new SystemTime(life),
                tasks,
                new TcpNetwork(life, nodeIps(topology)),
                root == null ? null : new DirectoryStorage(life, root),
                new SeededRandom(b.seed),
                signal,
                b.seed,
                new LocalState(life, topology.processIps()));
        if (b.shutdownHook) {
            hook = new Thread(
                    () -> {
                        jvmExiting = true;
                        shutdown();
                    },
                    "moonpool shutdown of " + life.name());
            Runtime.getRuntime().addShutdownHook(hook);
        } else {
            hook = null;
        }
    }

    /**
     * A builder of a node.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The IP this node binds and is known by.
     *
     * @return the node's IP
     */
    public InetAddress ip() {
        return life.ip();
    }

    /**
     * The node's context: what a process sees. The same instance for the node's whole life; its providers may be
     * used from any thread, also from outside the node's tasks (a {@code main}, a test), unlike in simulation,
     * where they work on simulated tasks only.
     *
     * <ul>
     *   <li>{@code time()}: the system clock ({@code clock()} is {@link java.time.Clock#systemUTC()}),
     *       {@code nanoTime()} counts from the node's build, {@code sleep} and {@code timeout} wait real time
     *       (a timeout interrupts the caller at its limit, never after {@code timeout} returned);
     *   <li>{@code tasks()}: virtual threads owned by the node, and an executor closed when it stops;
     *       {@code spawn} throws {@link IllegalStateException} naming the node once its grace period is over;
     *   <li>{@code network()}: TCP from the node's IP (an interrupt of a task blocked on a socket closes that
     *       socket, as the JDK does, and the task gets {@link InterruptedIOException});
     *   <li>{@code storage()}: the directory {@code dataDir/<ip>}; {@link IllegalStateException} naming
     *       {@code dataDir} when the node has none;
     *   <li>{@code random()}: seeded by {@link Builder#seed(long)}, thread-safe (draws are serialised, so only a
     *       single thread drawing sees a reproducible sequence).
     * </ul>
     *
     * @return the node's context
     */
    public SimContext context() {
        return context;
    }

    /**
     * Runs a process on a task of this node, blocking the caller until the process returns or throws, or the
     * node has shut down. Several processes may run on one node at once, each from its own caller.
     *
     * @param process the process
     * @throws Exception            what the process threw; an {@link InterruptedException} (or an interrupted
     *                              I/O call) caused by the node's own shutdown or abort is a normal end
     * @throws IllegalStateException if the node has shut down
     * @throws InterruptedException if the caller is interrupted while waiting; the process is then cancelled
     * @throws NullPointerException if {@code process} is null
     */
    public void run(SimProcess process) throws Exception {
        java.util.Objects.requireNonNull(process, "process");
        NodeTask<Void> task = NodeTask.start(
                life,
                process.name(),
                () -> {
                    process.run(context);
                    return null;
                },
                true); // run() rethrows its failure
        try {
            CompletableFuture.anyOf(task.ended(), terminated).get();
        } catch (InterruptedException e) {
            task.cancel();
            throw e;
        }
        if (!task.isDone()) {
            return; // the node stopped; the process ignored its interrupt
        }
        try {
            task.join();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (life.phase().compareTo(NodeLife.Phase.STOPPING) >= 0 && causedByInterrupt(cause)) {
                return;
            }
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } catch (java.util.concurrent.CancellationException e) {
            // cancelled by the node's stop
        }
    }

    private static boolean causedByInterrupt(Throwable t) {
        return t instanceof InterruptedException
                || t instanceof InterruptedIOException
                || t instanceof ClosedByInterruptException
                || (t instanceof SocketException && "Socket closed".equals(t.getMessage()));
    }

    /**
     * Graceful shutdown: fires the {@code Shutdown} signal, waits up to the grace period for the node's tasks to
     * end, then interrupts those left and closes the node's listeners, connections (FIN), open files and executor.
     * Idempotent and thread-safe: a second call waits for the first to finish. Called from a task of the node
     * itself, it fires the signal and returns at once, the rest going on on a thread of its own (the caller is
     * one of the tasks it waits for). The JVM shutdown hook (SIGTERM) calls it; it removes the hook.
     *
     * <p>In simulation a graceful reboot does the same, with simulated time for the grace period.
     */
    public void shutdown() {
        boolean mine;
        synchronized (stopLock) {
            mine = !stopStarted;
            stopStarted = true;
        }
        if (mine) {
            life.advance(NodeLife.Phase.SHUTTING_DOWN);
            signal.fire();
            if (life.ownsCurrentThread()) {
                Thread.ofPlatform()
                        .name("moonpool shutdown of " + life.name())
                        .daemon(true)
                        .start(this::gracefulStop);
                return;
            }
            gracefulStop();
        } else if (!life.ownsCurrentThread()) {
            terminated.join(); // the hook too: the JVM must not exit before the node has stopped
        }
    }

    private void gracefulStop() {
        life.awaitThreads(gracePeriod, NodeLife.Phase.STOPPING, null);
        stop(true);
    }

    /**
     * A crash: no {@code Shutdown} signal and no grace period; every open connection is reset (RST), listeners and
     * files are closed (without forcing what was written), and every task is interrupted at once. Idempotent; also
     * cuts short a shutdown in its grace period. Called from a task of the node, it does not wait for that task.
     *
     * <p>Unlike a simulated crash, the real disk keeps what the operating system has of the unforced writes:
     * they are lost only if the machine itself crashes.
     */
    public void abort() {
        synchronized (stopLock) {
            stopStarted = true;
        }
        stop(false);
    }

    /** Interrupts the tasks, closes everything, waits a little for the tasks, and ends the node's life. */
    private void stop(boolean graceful) {
        if (!life.advance(NodeLife.Phase.STOPPING)) {
            if (!life.ownsCurrentThread()) {
                terminated.join();
            }
            return;
        }
        try {
            life.logUnjoinedFailures(jvmExiting); // before the interrupts: what fails from here on is the stop's doing
            // closed first: an interrupt closes the socket a virtual thread is blocked on, with a FIN, not a RST
            life.closeResources(graceful);
            for (Thread t : life.threads()) {
                if (t != Thread.currentThread()) {
                    t.interrupt();
                }
            }
            try {
                tasks.stopExecutor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Thread self = life.ownsCurrentThread() ? Thread.currentThread() : null;
            if (!life.awaitThreads(STOP_WAIT, NodeLife.Phase.TERMINATED, self)) {
                List<String> left = life.threads().stream()
                        .filter(t -> t != self)
                        .map(Thread::getName)
                        .toList();
                LOG.log(
                        System.Logger.Level.WARNING,
                        life.name() + " stopped, but tasks ignored their interrupt and still run: " + left);
            }
        } finally {
            life.advance(NodeLife.Phase.TERMINATED);
            removeHook();
            terminated.complete(null);
        }
    }

    private void removeHook() {
        if (hook == null || Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already exiting: the hook runs, finds the node stopped, and returns
        }
    }

    /**
     * Whether the node has shut down or been aborted completely.
     *
     * @return true once every resource of the node is closed
     */
    public boolean isTerminated() {
        return terminated.isDone();
    }

    /** The same as {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }

    @Override
    public String toString() {
        return life.name();
    }

    /**
     * Configuration of a node; {@link #build()} validates it and reports every problem at once. Not thread-safe.
     */
    public static final class Builder {

        /** The grace period when none is given. */
        public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(5);

        private InetAddress ip;
        private Path dataDir;
        private StaticTopology topology;
        private long seed = new SecureRandom().nextLong();
        private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
        private boolean shutdownHook = true;

        private Builder() {}

        /**
         * The address the node binds and is known by (required). It must be an address of this machine: a
         * loopback address (on Linux all of {@code 127.0.0.0/8}, so several nodes can share one machine) or the
         * address of a local interface.
         *
         * @param ip the IP
         * @return this builder
         */
        public Builder ip(InetAddress ip) {
            this.ip = ip;
            return this;
        }

        /**
         * The directory under which the node keeps its files (optional): its storage is
         * {@code dataDir/<ip>}, created by {@link #build()}, so nodes may share one data directory. Without it
         * {@code ctx.storage()} throws {@link IllegalStateException}.
         *
         * @param dataDir the data directory
         * @return this builder
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /**
         * Every node's IP and tags (optional; by default the node alone, as a process without tags). It must
         * contain this node's IP.
         *
         * @param topology the cluster's topology
         * @return this builder
         */
        public Builder topology(StaticTopology topology) {
            this.topology = topology;
            return this;
        }

        /**
         * The seed of {@code ctx.random()} (optional; by default drawn from {@link SecureRandom}).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * How long a graceful shutdown waits for the node's tasks before it interrupts them (optional; by default
         * {@link #DEFAULT_GRACE_PERIOD}; zero interrupts at once).
         *
         * @param gracePeriod the grace period, not negative, at most
         *                    {@link ConfigurationProblems#MAX_DURATION}
         * @return this builder
         */
        public Builder gracePeriod(Duration gracePeriod) {
            this.gracePeriod = gracePeriod;
            return this;
        }

        /**
         * Whether a JVM shutdown hook (run on SIGTERM, or when {@code main} ends) shuts the node down gracefully
         * (optional; true by default). The hook is removed when the node stops.
         *
         * @param enabled true by default
         * @return this builder
         */
        public Builder shutdownHook(boolean enabled) {
            this.shutdownHook = enabled;
            return this;
        }

        /**
         * Builds the node and creates its storage directory {@code dataDir/<ip>}.
         *
         * @return the node, running (its tasks start when spawned or run)
         * @throws ConfigurationException naming every problem and its fix: no {@code ip}, an {@code ip} that
         *                                is not this machine's, a {@code topology} without the node's IP, a
         *                                negative or too long {@code gracePeriod}, a {@code dataDir} that
         *                                cannot be created
         */
        public NodeRuntime build() {
            ConfigurationProblems problems = new ConfigurationProblems("");
            if (ip == null) {
                problems.add("ip is required: give the address the node binds and is known by, such as"
                        + " InetAddress.getByName(\"127.0.0.1\")");
            } else if (!isLocal(ip)) {
                problems.add("ip " + ip.getHostAddress() + " is not an address of this machine: give a loopback"
                        + " address (127.0.0.x on Linux) or the address of one of its network interfaces");
            }
            StaticTopology effective = topology;
            if (ip != null && topology == null) {
                effective = StaticTopology.single(ip);
            } else if (ip != null && !topology.contains(ip)) {
                problems.add("topology " + topology + " does not contain this node's ip " + ip.getHostAddress()
                        + ": add it with StaticTopology.builder().process(ip, tags) or .workload(ip)");
            }
            problems.nonNegative("gracePeriod", gracePeriod);
            Path root = null;
            if (dataDir != null && ip != null) {
                root = dataDir.resolve(ip.getHostAddress());
                try {
                    Files.createDirectories(root);
                } catch (IOException | RuntimeException e) {
                    problems.add("dataDir " + dataDir + ": cannot create the node's directory " + root + " (" + e
                            + "); give a directory this process may write");
                }
            }
            problems.throwIfAny();
            return new NodeRuntime(this, effective, root);
        }

        private static boolean isLocal(InetAddress ip) {
            if (ip.isLoopbackAddress()) {
                return true;
            }
            if (ip.isAnyLocalAddress()) {
                return false;
            }
            try {
                return NetworkInterface.getByInetAddress(ip) != null;
            } catch (SocketException e) {
                return false;
            }
        }
    }
}
