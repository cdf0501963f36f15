package io.moonpool.sim.internal.runner;

import io.moonpool.api.MoonpoolException;
import io.moonpool.api.Shutdown;
import io.moonpool.api.Time;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.api.fault.RebootTiming;
import io.moonpool.api.spi.NetworkControl;
import java.net.InetAddress;
import java.time.Duration;
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
    public boolean isAlive(io.moonpool.api.FailureDomain domain, String id) {
        String call = "isAlive(domain, id)";
        return cluster.isAlive(required(domain, call, "domain"), required(id, call, "id"));
    }
}
