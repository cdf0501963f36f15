package io.moonpool.sim.internal.runner;

import io.moonpool.api.Topology;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The addresses and tags of one iteration, seen from one node. The lists are made once per iteration and shared
 * by every node's view ({@link #seenBy}), so a view costs the same whatever the size of the cluster.
 */
final class SimTopology implements Topology {

    private final List<InetAddress> processIps;
    private final List<InetAddress> workloadIps;
    private final List<Map<String, String>> processTags;
    private final Map<String, String> myTags;

    /**
     * Copies its arguments.
     *
     * @param processIps  process IPs in boot order
     * @param workloadIps workload IPs in the order added
     * @param processTags the tags of each process, aligned with {@code processIps}
     * @param myTags      the tags of the node this view belongs to
     */
    SimTopology(
            List<InetAddress> processIps,
            List<InetAddress> workloadIps,
            List<Map<String, String>> processTags,
            Map<String, String> myTags) {
        this.processIps = List.copyOf(processIps);
        this.workloadIps = List.copyOf(workloadIps);
        this.processTags = processTags.stream().map(SimTopology::sorted).toList();
        this.myTags = sorted(myTags);
    }

    private SimTopology(SimTopology shared, Map<String, String> myTags) {
        this.processIps = shared.processIps;
        this.workloadIps = shared.workloadIps;
        this.processTags = shared.processTags;
        this.myTags = sorted(myTags);
    }

    /** Tags in key order: never Map.copyOf, whose iteration order is salted per JVM launch. */
    private static Map<String, String> sorted(Map<String, String> tags) {
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags));
    }

    /** The same topology as seen from a node with other tags: the lists are shared, not copied. */
    SimTopology seenBy(Map<String, String> tags) {
        return new SimTopology(this, tags);
    }

    @Override
    public List<InetAddress> processIps() {
        return processIps;
    }

    @Override
    public List<InetAddress> workloadIps() {
        return workloadIps;
    }

    /**
     * The tags of each process, aligned with {@link #processIps()}.
     *
     * @return an unmodifiable list of unmodifiable maps in key order
     */
    List<Map<String, String>> processTags() {
        return processTags;
    }

    @Override
    public Map<String, String> myTags() {
        return myTags;
    }

    @Override
    public List<InetAddress> ipsTagged(String key, String value) {
        List<InetAddress> ips = new ArrayList<>();
        for (int i = 0; i < processIps.size(); i++) {
            if (value.equals(processTags.get(i).get(key))) {
                ips.add(processIps.get(i));
            }
        }
        return List.copyOf(ips);
    }

    /** How many workloads fit: one /24 subnet, {@code 10.0.0.1} to {@code 10.0.0.254}. */
    static final int MAX_WORKLOADS = 254;

    /**
     * How many processes fit: the /24 subnets {@code 10.0.1.0} to {@code 10.0.255.0}, 254 hosts each
     * ({@code .0} and {@code .255} are never a host), so 255 * 254.
     */
    static final int MAX_PROCESSES = 255 * 254;

    /** The n-th workload's address (from 1): {@code 10.0.0.n}. */
    static InetAddress workloadAddress(int n) {
        if (n < 1 || n > MAX_WORKLOADS) {
            throw new IllegalArgumentException(
                    "at most " + MAX_WORKLOADS + " workloads are supported, asked for workload " + n);
        }
        return address(0, n);
    }

    /**
     * The n-th process's address (from 1): processes 1 to 254 are {@code 10.0.1.1} to {@code 10.0.1.254}, and the
     * next ones continue in the next /24 subnets (process 255 is {@code 10.0.2.1}, process 508 is {@code 10.0.2.254},
     * process 509 is {@code 10.0.3.1}), up to {@link #MAX_PROCESSES} at {@code 10.0.255.254}. Boot order is then the
     * order of the address bytes.
     */
    static InetAddress processAddress(int n) {
        if (n < 1 || n > MAX_PROCESSES) {
            throw new IllegalArgumentException(
                    "at most " + MAX_PROCESSES + " processes are supported, asked for process " + n);
        }
        return address(1 + (n - 1) / 254, 1 + (n - 1) % 254);
    }

    /**
     * The inverse of {@link #processAddress}: which process an address would be, so that a lookup by IP is a list
     * index rather than a scan of every process.
     *
     * @return n from 1, or 0 if no process of any cluster has this address
     */
    static int processNumber(InetAddress ip) {
        byte[] b = ip == null ? null : ip.getAddress();
        if (b == null || b.length != 4 || b[0] != 10 || b[1] != 0) {
            return 0;
        }
        int subnet = b[2] & 0xff;
        int host = b[3] & 0xff;
        if (subnet < 1 || host < 1 || host > 254) {
            return 0;
        }
        return (subnet - 1) * 254 + host;
    }

    /** The n-th host (1 to 254) of the /24 subnet {@code 10.0.subnet.0}. */
    private static InetAddress address(int subnet, int n) {
        try {
            return InetAddress.getByAddress(new byte[] {10, 0, (byte) subnet, (byte) n});
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }
}
