package io.moonpool.sim.internal.runner;

import io.moonpool.api.MoonpoolException;
import io.moonpool.api.Shutdown;
import io.moonpool.api.Time;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.api.fault.RebootTiming;
import io.moonpool.api.spi.NetworkControl;
import io.moonpool.api.spi.ResourceConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.random.RandomGenerator;

/** The {@link FaultContext} of one injector in one iteration. */
record InjectorContext(
        String injector,
        RebootTiming timing,
        Cluster cluster,
        SimTopology topology,
        Time time,
        RandomGenerator random,
        Shutdown chaosShutdown,
        Resources resources)
        implements FaultContext {

    @Override
    public List<InetAddress> processIps() {
        return topology.processIps();
    }

    @Override
    public List<InetAddress> ipsTagged(String key, String value) {
        return topology.ipsTagged(
                required(key, "ipsTagged(key, value)", "key"), required(value, "ipsTagged(key, value)", "value"));
    }

    @Override
    public void reboot(InetAddress ip, RebootKind kind) {
        cluster.reboot(
                required(ip, "reboot(ip, kind)", "ip"), required(kind, "reboot(ip, kind)", "kind"), injector, timing);
    }

    @Override
    public boolean isAlive(InetAddress ip) {
        return cluster.isAlive(required(ip, "isAlive(ip)", "ip"));
    }

    @Override
    public boolean hasExited(InetAddress ip) {
        return cluster.hasExited(required(ip, "hasExited(ip)", "ip"));
    }

    @Override
    public void partition(InetAddress a, InetAddress b, Duration duration) {
        String call = "partition(a, b, duration)";
        required(a, call, "a");
        required(b, call, "b");
        requireDuration(duration, call);
        network("partition()").partition(a, b, duration);
    }

    @Override
    public void cut(InetAddress from, InetAddress to, Duration duration) {
        String call = "cut(from, to, duration)";
        required(from, call, "from");
        required(to, call, "to");
        requireDuration(duration, call);
        network("cut()").cut(from, to, duration);
    }

    @Override
    public void isolateSend(InetAddress node, Duration duration) {
        String call = "isolateSend(node, duration)";
        required(node, call, "node");
        requireDuration(duration, call);
        network("isolateSend()").isolateSend(node, duration);
    }

    @Override
    public void isolateReceive(InetAddress node, Duration duration) {
        String call = "isolateReceive(node, duration)";
        required(node, call, "node");
        requireDuration(duration, call);
        network("isolateReceive()").isolateReceive(node, duration);
    }

    @Override
    public void isolate(Collection<InetAddress> group, Duration duration) {
        String call = "isolate(group, duration)";
        required(group, call, "group");
        List<InetAddress> copy = new ArrayList<>(group.size());
        for (InetAddress ip : group) {
            copy.add(required(ip, call, "a node of group"));
        }
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(call + ": group is empty; name at least one node to cut from the"
                    + " rest (an empty ipsTagged(...) or locality list is the usual cause)");
        }
        requireDuration(duration, call);
        network("isolate()").isolate(copy, duration);
    }

    @Override
    public boolean isPartitioned(InetAddress from, InetAddress to) {
        String call = "isPartitioned(from, to)";
        required(from, call, "from");
        required(to, call, "to");
        return network("isPartitioned()").isPartitioned(from, to);
    }

    @Override
    public void heal(InetAddress a, InetAddress b) {
        String call = "heal(a, b)";
        required(a, call, "a");
        required(b, call, "b");
        network("heal()").heal(a, b);
    }

    @Override
    public void healAll() {
        network("healAll()").healAll();
    }

    @Override
    public int clog(InetAddress ip, double fraction, Duration duration) {
        String call = "clog(ip, fraction, duration)";
        required(ip, call, "ip");
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException(call + ": fraction must be between 0 and 1, was " + fraction);
        }
        requireDuration(duration, call);
        return network("clog()").clog(ip, fraction, duration);
    }

    private static <T> T required(T value, String call, String argument) {
        if (value == null) {
            throw new NullPointerException(call + ": " + argument + " is null");
        }
        return value;
    }

    /** A duration too long for nanoseconds is fine: the fault then lasts until the chaos phase ends. */
    private static void requireDuration(Duration duration, String call) {
        required(duration, call, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException(call + ": duration must not be negative, was " + duration);
        }
    }

    /** The network's cluster-wide control: it belongs to no node, so no node's IP is named to find it. */
    private NetworkControl network(String operation) {
        return resources
                .capability(NetworkControl.class)
                .orElseThrow(() -> new MoonpoolException(operation
                        + " needs the simulated network, which is in the moonpool-net module: add the dependency"
                        + " io.moonpool:moonpool-net"));
    }

    // --- reconfiguration (issue 14) ---

    @Override
    public void reconfigure(InetAddress ip, ResourceConfig config, Duration duration) {
        String call = "reconfigure(ip, config, duration)";
        required(ip, call, "ip");
        required(config, call, "config");
        requireDuration(duration, call);
        if (!isNode(ip)) {
            throw new IllegalArgumentException(call + ": " + ip.getHostAddress() + " is no node of this simulation:"
                    + " name a process (processIps()) or a workload");
        }
        resources.reconfigure(ip, config, duration);
    }

    /** A process (found by its address's number, not a scan) or a workload (at most 254 of them). */
    private boolean isNode(InetAddress ip) {
        int n = SimTopology.processNumber(ip);
        return (n >= 1 && n <= topology.processIps().size())
                || topology.workloadIps().contains(ip);
    }

    // ---- failure domains ----

    // topology() is the record's accessor: the cluster-wide view, with no tags and no locality of its own

    @Override
    public void reboot(io.moonpool.api.FailureDomain domain, String id, RebootKind kind) {
        String call = "reboot(domain, id, kind)";
        cluster.reboot(
                required(domain, call, "domain"),
                required(id, call, "id"),
                required(kind, call, "kind"),
                injector,
                timing);
    }

    @Override
    public void partition(io.moonpool.api.FailureDomain domain, String id, Duration duration) {
        String call = "partition(domain, id, duration)";
        required(domain, call, "domain");
        required(id, call, "id");
        requireDuration(duration, call);
        isolate(cluster.members(domain, id), duration);
    }

    @Override
    public boolean isAlive(io.moonpool.api.FailureDomain domain, String id) {
        String call = "isAlive(domain, id)";
        return cluster.isAlive(required(domain, call, "domain"), required(id, call, "id"));
    }
}
