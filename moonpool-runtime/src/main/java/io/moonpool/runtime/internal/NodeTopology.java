package io.moonpool.runtime.internal;

import io.moonpool.api.Topology;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A fixed {@link Topology} seen from one node: processes and workloads in the order they were configured. */
public final class NodeTopology implements Topology {

    private final List<InetAddress> processIps;
    private final List<InetAddress> workloadIps;
    private final Map<InetAddress, Map<String, String>> tags;
    private final Map<String, String> myTags;

    /**
     * A topology seen from {@code self}.
     *
     * @param processes every process's IP and tags, in order
     * @param workloads every workload's IP, in order
     * @param self      the node looking
     */
    public NodeTopology(
            Map<InetAddress, Map<String, String>> processes, List<InetAddress> workloads, InetAddress self) {
        Map<InetAddress, Map<String, String>> copy = new LinkedHashMap<>();
        processes.forEach((ip, t) -> copy.put(ip, Collections.unmodifiableMap(new TreeMap<>(t))));
        this.tags = copy;
        this.processIps = List.copyOf(processes.keySet());
        this.workloadIps = List.copyOf(workloads);
        this.myTags = copy.getOrDefault(self, Collections.unmodifiableMap(new TreeMap<>()));
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
    public String toString() {
        return "processes " + processIps + ", workloads " + workloadIps;
    }
}
