package io.moonpool.runtime.internal;

import io.moonpool.api.Network;
import io.moonpool.api.Shutdown;
import io.moonpool.api.SimContext;
import io.moonpool.api.SimState;
import io.moonpool.api.Storage;
import io.moonpool.api.Tasks;
import io.moonpool.api.Time;
import io.moonpool.api.Topology;
import java.net.InetAddress;
import java.util.random.RandomGenerator;

/**
 * The {@link SimContext} of a node: its providers, fixed for its life.
 *
 * @param ip       the node's IP
 * @param topology the cluster's topology seen from it
 * @param time     its time
 * @param tasks    its tasks
 * @param network  its network
 * @param storage  its storage, or null without a data directory
 * @param random   its random stream
 * @param shutdown its shutdown signal
 * @param seed     the seed of {@code random}
 * @param state    its state
 */
public record NodeContext(
        InetAddress ip,
        Topology topology,
        Time time,
        Tasks tasks,
        Network network,
        Storage storage,
        RandomGenerator random,
        Shutdown shutdown,
        long seed,
        SimState state)
        implements SimContext {

    @Override
    public Storage storage() {
        if (storage == null) {
            throw new IllegalStateException("node " + ip.getHostAddress() + " has no storage: give it a data"
                    + " directory with NodeRuntime.builder().dataDir(path)");
        }
        return storage;
    }

    @Override
    public String toString() {
        return "context of node " + ip.getHostAddress();
    }
}
