package io.moonpool.runtime.internal;

import io.moonpool.api.FailureDomain;
import io.moonpool.api.Locality;
import io.moonpool.api.Topology;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A fixed {@link Topology} seen from one node: processes and workloads in the order they were configured, and
 * every failure domain's processes in that order, indexed once when the node starts.
 */
public final class NodeTopology implements Topology {

    private final List<InetAddress> processIps;
    private final List<InetAddress> workloadIps;
    private final Map<InetAddress, Map<String, String>> tags;
    private final Map<String, String> myTags;
    private final Map<InetAddress, Locality> localities;
    private final Optional<Locality> myLocality;
    /** Per level, each domain's processes in configuration order; the map iterates in order of first process. */
    private final Map<FailureDomain, Map<String, List<InetAddress>>> domains = new EnumMap<>(FailureDomain.class);

    /**
     * A topology seen from {@code self}.
     *
     * @param processes  every process's IP and tags, in order
     * @param localities every process's locality (the same keys as {@code processes})
     * @param workloads  every workload's IP, in order
     * @param self       the node looking
     */
    public NodeTopology(
            Map<InetAddress, Map<String, String>> processes,
            Map<InetAddress, Locality> localities,
            List<InetAddress> workloads,
            InetAddress self) {
        Map<InetAddress, Map<String, String>> copy = new LinkedHashMap<>();
        processes.forEach((ip, t) -> copy.put(ip, Collections.unmodifiableMap(new TreeMap<>(t))));
        this.tags = copy;
        this.processIps = List.copyOf(processes.keySet());
        this.workloadIps = List.copyOf(workloads);
        this.myTags = copy.getOrDefault(self, Collections.unmodifiableMap(new TreeMap<>()));
        this.localities = new LinkedHashMap<>(localities);
        this.myLocality = Optional.ofNullable(this.localities.get(self));
        for (FailureDomain d : FailureDomain.values()) {
            Map<String, List<InetAddress>> byId = new LinkedHashMap<>();
            for (InetAddress ip : processIps) {
                String id = d == FailureDomain.PROCESS
                        ? ip.getHostAddress()
                        : this.localities.get(ip).id(d);
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(ip);
            }
            byId.replaceAll((k, v) -> List.copyOf(v));
            domains.put(d, Collections.unmodifiableMap(byId));
        }
    }

    @Override
    public List<InetAddress> processIps() {
        return processIps;
    }

    @Override
    public List<InetAddress> workloadIps() {
        return workloadIps;
    }

    @Override
    public Map<String, String> myTags() {
        return myTags;
    }

    @Override
    public List<InetAddress> ipsTagged(String key, String value) {
        List<InetAddress> ips = new ArrayList<>();
        for (Map.Entry<InetAddress, Map<String, String>> e : tags.entrySet()) {
            if (value != null && value.equals(e.getValue().get(key))) {
                ips.add(e.getKey());
            }
        }
        return Collections.unmodifiableList(ips);
    }

    @Override
    public Locality locality(InetAddress ip) {
        Locality l = localities.get(Objects.requireNonNull(ip, "ip"));
        if (l == null) {
            throw new IllegalArgumentException(ip.getHostAddress() + " is not a process of this topology (a"
                    + " workload, or not in it): only processes have a locality; processes are " + processIps);
        }
        return l;
    }

    @Override
    public Optional<Locality> myLocality() {
        return myLocality;
    }

    @Override
    public List<InetAddress> ipsIn(FailureDomain domain, String id) {
        Objects.requireNonNull(id, "id");
        return domains.get(Objects.requireNonNull(domain, "domain")).getOrDefault(id, List.of());
    }

    @Override
    public List<String> domains(FailureDomain domain) {
        return List.copyOf(domains.get(Objects.requireNonNull(domain, "domain")).keySet());
    }

    @Override
    public String toString() {
        return "processes " + processIps + ", workloads " + workloadIps;
    }
}
