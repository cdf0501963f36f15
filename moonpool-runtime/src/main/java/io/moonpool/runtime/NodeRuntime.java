package io.moonpool.runtime;

import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One node of a real cluster: the {@link SimContext} a process gets in production, on the system clock, virtual
 * threads, real TCP from the node's IP and a real directory.
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
 * <p>SKELETON: the implementation lands with issue 13.
 */
public final class NodeRuntime implements AutoCloseable {

    private NodeRuntime() {}

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
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The node's context: what a process sees.
     *
     * @return the node's context
     */
    public SimContext context() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Runs a process on a task of this node until it returns or the node shuts down.
     *
     * @param process the process
     * @throws Exception what the process threw
     */
    public void run(SimProcess process) throws Exception {
        throw new UnsupportedOperationException("not yet");
    }

    /** Graceful shutdown: fires the {@code Shutdown} signal, waits the grace period, then interrupts. */
    public void shutdown() {
        throw new UnsupportedOperationException("not yet");
    }

    /** A crash: every task is interrupted at once, every connection reset (RST), no grace period. */
    public void abort() {
        throw new UnsupportedOperationException("not yet");
    }

    /** The same as {@link #shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }

    /** Configuration of a node; {@link #build()} validates it. */
    public static final class Builder {

        private Builder() {}

        /**
         * The address the node binds and is known by.
         *
         * @param ip the IP
         * @return this builder
         */
        public Builder ip(InetAddress ip) {
            return this;
        }

        /**
         * The directory under which the node keeps its files.
         *
         * @param dataDir the data directory
         * @return this builder
         */
        public Builder dataDir(Path dataDir) {
            return this;
        }

        /**
         * Every node's IP and tags.
         *
         * @param topology the cluster's topology
         * @return this builder
         */
        public Builder topology(StaticTopology topology) {
            return this;
        }

        /**
         * The seed of {@code ctx.random()}.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            return this;
        }

        /**
         * How long a graceful shutdown waits before it interrupts.
         *
         * @param gracePeriod the grace period
         * @return this builder
         */
        public Builder gracePeriod(Duration gracePeriod) {
            return this;
        }

        /**
         * Whether a JVM shutdown hook (SIGTERM) shuts the node down gracefully.
         *
         * @param enabled true by default
         * @return this builder
         */
        public Builder shutdownHook(boolean enabled) {
            return this;
        }

        /**
         * Builds the node.
         *
         * @return the node
         */
        public NodeRuntime build() {
            throw new UnsupportedOperationException("not yet");
        }
    }
}
