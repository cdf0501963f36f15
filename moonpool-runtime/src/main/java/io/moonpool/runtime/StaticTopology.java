package io.moonpool.runtime;

import java.net.InetAddress;
import java.util.Map;

/**
 * The addresses and tags of a real cluster, fixed at configuration, so that a node's
 * {@link io.moonpool.api.Topology} answers as in simulation.
 *
 * <p>SKELETON: the implementation lands with issue 13.
 */
public final class StaticTopology {

    private StaticTopology() {}

    /**
     * A builder of a topology.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Nodes in the order they are added; {@link #build()} validates them. */
    public static final class Builder {

        private Builder() {}

        /**
         * Adds a process node.
         *
         * @param ip   its IP
         * @param tags its tags
         * @return this builder
         */
        public Builder process(InetAddress ip, Map<String, String> tags) {
            return this;
        }

        /**
         * Adds a workload node (a client).
         *
         * @param ip its IP
         * @return this builder
         */
        public Builder workload(InetAddress ip) {
            return this;
        }

        /**
         * Builds the topology.
         *
         * @return the topology
         */
        public StaticTopology build() {
            throw new UnsupportedOperationException("not yet");
        }
    }
}
