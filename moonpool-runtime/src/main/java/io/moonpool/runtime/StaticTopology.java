package io.moonpool.runtime;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.Locality;
import io.moonpool.api.config.ConfigurationProblems;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The addresses and tags of a real cluster, fixed at configuration, so that a node's
 * {@link io.moonpool.api.Topology} answers as in simulation: {@code processIps()} and {@code workloadIps()} in the
 * order the nodes were added here (the simulator's are in boot order), {@code myTags()} the node's own tags in
 * key order, {@code ipsTagged(key, value)} the processes carrying a tag, in the order added.
 *
 * <p>Give every node of the cluster the same topology. Immutable and thread-safe.
 */
public final class StaticTopology {

    private final Map<InetAddress, Map<String, String>> processes;
    private final Map<InetAddress, Locality> localities;
    private final List<InetAddress> workloads;

    private StaticTopology(
            Map<InetAddress, Map<String, String>> processes,
            Map<InetAddress, Locality> localities,
            List<InetAddress> workloads) {
        this.processes = processes;
        this.localities = localities;
        this.workloads = workloads;
    }

    /**
     * The locality a process runs in when none is given: its own machine, named after its IP, in {@code dc1-z1}.
     *
     * @param ip the process
     * @return {@code (dc1, dc1-z1, ip.getHostAddress())}
     */
    static Locality defaultLocality(InetAddress ip) {
        return new Locality("dc1", "dc1-z1", ip.getHostAddress());
    }

    /**
     * Every process's locality, in the order added.
     *
     * @return an unmodifiable map
     */
    Map<InetAddress, Locality> localities() {
        return localities;
    }

    /**
     * A builder of a topology.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A topology of one process and nothing else: what a node without a configured topology sees.
     *
     * @param ip the process's IP
     * @return the topology
     * @throws NullPointerException if {@code ip} is null
     */
    static StaticTopology single(InetAddress ip) {
        return builder()
                .process(java.util.Objects.requireNonNull(ip, "ip"), Map.of())
                .build();
    }

    /**
     * The processes' IPs, in the order added.
     *
     * @return an unmodifiable list
     */
    List<InetAddress> processIps() {
        return List.copyOf(processes.keySet());
    }

    /**
     * The workloads' IPs, in the order added.
     *
     * @return an unmodifiable list
     */
    List<InetAddress> workloadIps() {
        return workloads;
    }

    /**
     * The tags of a process.
     *
     * @param ip a process's IP
     * @return its tags in key order; empty for a workload or an IP not in this topology
     */
    Map<String, String> tagsOf(InetAddress ip) {
        return processes.getOrDefault(ip, Collections.emptySortedMap());
    }

    /**
     * Whether an IP is a process or a workload of this topology.
     *
     * @param ip the IP
     * @return true if it was added
     */
    boolean contains(InetAddress ip) {
        return processes.containsKey(ip) || workloads.contains(ip);
    }

    /** Processes and workloads, as {@code processes [127.0.0.1, ...], workloads [...]}. */
    @Override
    public String toString() {
        List<String> p = new ArrayList<>();
        processes.keySet().forEach(ip -> p.add(ip.getHostAddress()));
        List<String> w = new ArrayList<>();
        workloads.forEach(ip -> w.add(ip.getHostAddress()));
        return "processes " + p + ", workloads " + w;
    }

    /** Nodes in the order they are added; {@link #build()} validates them. */
    public static final class Builder {

        private record Entry(
                InetAddress ip, Map<String, String> tags, Locality locality, boolean located, boolean process) {}

        private final List<Entry> entries = new ArrayList<>();

        private Builder() {}

        /**
         * Adds a process node (a server).
         *
         * @param ip   its IP
         * @param tags its tags (copied; they iterate in key order)
         * @return this builder
         */
        public Builder process(InetAddress ip, Map<String, String> tags) {
            entries.add(new Entry(ip, tags, null, false, true));
            return this;
        }

        /**
         * Adds a process node (a server) running in a locality: its datacenter, zone and machine, whose ids must
         * be unique in the cluster (a machine in one zone only, a zone in one datacenter only; checked by
         * {@link #build()}).
         *
         * @param ip       its IP
         * @param tags     its tags (copied; they iterate in key order)
         * @param locality where it runs
         * @return this builder
         */
        public Builder process(InetAddress ip, Map<String, String> tags, Locality locality) {
            entries.add(new Entry(ip, tags, locality, true, true));
            return this;
        }

        /**
         * Adds a workload node (a client), which has no tags.
         *
         * @param ip its IP
         * @return this builder
         */
        public Builder workload(InetAddress ip) {
            entries.add(new Entry(ip, Map.of(), null, false, false));
            return this;
        }

        /**
         * Builds the topology.
         *
         * @return the topology
         * @throws ConfigurationException naming every problem: a null IP or tags, a null tag key or value, an IP
         *                                added twice, a null locality, a machine in two zones or a zone in two
         *                                datacenters
         */
        public StaticTopology build() {
            ConfigurationProblems problems = new ConfigurationProblems("topology");
            Map<InetAddress, Map<String, String>> processes = new LinkedHashMap<>();
            Map<InetAddress, Locality> localities = new LinkedHashMap<>();
            Map<String, String> zoneOfMachine = new TreeMap<>();
            Map<String, String> datacenterOfZone = new TreeMap<>();
            Set<InetAddress> workloads = new LinkedHashSet<>();
            Set<InetAddress> seen = new LinkedHashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                String what = (e.process() ? "process(" : "workload(") + (i + 1) + "th node)";
                if (e.ip() == null) {
                    problems.add("topology " + what + ": ip must not be null; give each node's InetAddress");
                    continue;
                }
                if (!seen.add(e.ip())) {
                    problems.add("topology " + what + ": " + e.ip().getHostAddress() + " is added twice; give"
                            + " every node one IP of its own, once");
                    continue;
                }
                if (e.tags() == null) {
                    problems.add("topology " + what + ": tags of " + e.ip().getHostAddress() + " must not be null;"
                            + " give Map.of() for none");
                    continue;
                }
                java.util.SortedMap<String, String> tags = new TreeMap<>();
                boolean ok = true;
                for (Map.Entry<String, String> t : e.tags().entrySet()) {
                    if (t.getKey() == null || t.getValue() == null) {
                        problems.add("topology " + what + ": a tag of " + e.ip().getHostAddress() + " has a null"
                                + " key or value (" + t.getKey() + "=" + t.getValue() + "); give non-null strings");
                        ok = false;
                    } else {
                        tags.put(t.getKey(), t.getValue());
                    }
                }
                if (!ok) {
                    continue;
                }
                if (e.process()) {
                    processes.put(e.ip(), Collections.unmodifiableSortedMap(tags));
                    if (e.located() && e.locality() == null) {
                        problems.add("topology " + what + ": the locality of " + e.ip().getHostAddress() + " must"
                                + " not be null; give new Locality(datacenter, zone, machine), or use"
                                + " process(ip, tags) for the default (its own machine in dc1-z1)");
                        continue;
                    }
                    Locality l = e.locality() != null ? e.locality() : defaultLocality(e.ip());
                    localities.put(e.ip(), l);
                    String zone = zoneOfMachine.putIfAbsent(l.machine(), l.zone());
                    if (zone != null && !zone.equals(l.zone())) {
                        problems.add("topology " + what + ": machine '" + l.machine() + "' of "
                                + e.ip().getHostAddress() + " is in zone '" + l.zone() + "' and in zone '" + zone
                                + "': machine ids must be unique in the cluster (e.g. prefix them with the zone)");
                    }
                    String dc = datacenterOfZone.putIfAbsent(l.zone(), l.datacenter());
                    if (dc != null && !dc.equals(l.datacenter())) {
                        problems.add("topology " + what + ": zone '" + l.zone() + "' of " + e.ip().getHostAddress()
                                + " is in datacenter '" + l.datacenter() + "' and in datacenter '" + dc
                                + "': zone ids must be unique in the cluster (e.g. prefix them with the datacenter)");
                    }
                } else {
                    workloads.add(e.ip());
                }
            }
            problems.throwIfAny();
            return new StaticTopology(
                    Collections.unmodifiableMap(processes),
                    Collections.unmodifiableMap(localities),
                    List.copyOf(new ArrayList<>(workloads)));
        }
    }
}
