package io.moonpool.sim.internal.runner;

import io.moonpool.api.MoonpoolException;
import io.moonpool.api.Shutdown;
import io.moonpool.api.Time;
import io.moonpool.api.fault.FaultContext;
import io.moonpool.api.fault.RebootKind;
import io.moonpool.api.spi.NetworkControl;
import io.moonpool.api.spi.ResourceInstance;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/** The {@link FaultContext} of one injector in one iteration. */
record InjectorContext(String injector, Cluster cluster, SimTopology topology, Time time, RandomGenerator random,
                       Shutdown chaosShutdown, List<ResourceInstance> resources) implements FaultContext {

    @Override
    public List<InetAddress> processIps() {
        return topology.processIps();
    }

    @Override
    public List<InetAddress> ipsTagged(String key, String value) {
        return topology.ipsTagged(key, value);
    }

    @Override
    public void reboot(InetAddress ip, RebootKind kind) {
        cluster.reboot(ip, kind, injector);
    }

    @Override
    public boolean isAlive(InetAddress ip) {
        return cluster.isAlive(ip);
    }

    @Override
    public void partition(InetAddress a, InetAddress b, Duration duration) {
        network("partition()").partition(a, b, duration);
    }

    @Override
    public int clog(InetAddress ip, double fraction, Duration duration) {
        return network("clog()").clog(ip, fraction, duration);
    }

    private NetworkControl network(String operation) {
        for (ResourceInstance r : resources) {
            NetworkControl control = r.provide(NetworkControl.class, topology.processIps().isEmpty()
                    ? topology.workloadIps().getFirst() : topology.processIps().getFirst());
            if (control != null) {
                return control;
            }
        }
        throw new MoonpoolException(operation + " needs the simulated network, which is in the moonpool-net"
                + " module: add the dependency io.moonpool:moonpool-net");
    }
}
