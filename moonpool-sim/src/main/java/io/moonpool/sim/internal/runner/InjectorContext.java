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
}
