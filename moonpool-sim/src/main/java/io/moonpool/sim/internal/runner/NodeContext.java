package io.moonpool.sim.internal.runner;

import io.moonpool.api.MoonpoolException;
import io.moonpool.api.Network;
import io.moonpool.api.Shutdown;
import io.moonpool.api.SimContext;
import io.moonpool.api.Storage;
import io.moonpool.api.Tasks;
import io.moonpool.api.Time;
import io.moonpool.api.Topology;
import java.net.InetAddress;
import java.util.random.RandomGenerator;

/**
 * The {@link SimContext} of one node (a workload, or one life of a process).
 */
final class NodeContext implements SimContext {

    private final InetAddress ip;
    private final Topology topology;
    private final Time time;
    private final Tasks tasks;
    private final RandomGenerator random;
    private final Shutdown shutdown;
    private final long seed;
    private final Resources resources;
    private final io.moonpool.api.SimState state;

    NodeContext(
            InetAddress ip,
            Topology topology,
            Time time,
            Tasks tasks,
            RandomGenerator random,
            Shutdown shutdown,
            long seed,
            Resources resources,
            io.moonpool.api.SimState state) {
        this.resources = resources;
        this.state = state;
        this.ip = ip;
        this.topology = topology;
        this.time = time;
        this.tasks = tasks;
        this.random = random;
        this.shutdown = shutdown;
        this.seed = seed;
    }

    @Override
    public InetAddress ip() {
        return ip;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public Time time() {
        return time;
    }

    @Override
    public Tasks tasks() {
        return tasks;
    }

    @Override
    public Network network() {
        return resources
                .provide(Network.class, ip)
                .orElseThrow(
                        () -> new MoonpoolException(
                                "ctx.network() needs the simulated network, which is in the moonpool-net module:"
                                        + " add the dependency io.moonpool:moonpool-net (and `requires io.moonpool.net` on the module path)"));
    }

    @Override
    public Storage storage() {
        return resources
                .provide(Storage.class, ip)
                .orElseThrow(() -> new MoonpoolException(
                        "ctx.storage() needs simulated disks, which are in the moonpool-storage module:"
                                + " add the dependency io.moonpool:moonpool-storage (and `requires io.moonpool.storage` on the"
                                + " module path)"));
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public Shutdown shutdown() {
        return shutdown;
    }

    @Override
    public long seed() {
        return seed;
    }

    /** The simulation's metrics, found through the calling task, like the static assertions' sink. */
    @Override
    public io.moonpool.api.Metrics metrics() {
        return MetricsTable.OF_CURRENT_SIMULATION;
    }

    @Override
    public io.moonpool.api.SimState state() {
        return state;
    }

    @Override
    public String toString() {
        return "SimContext[" + ip.getHostAddress() + "]";
    }
}
