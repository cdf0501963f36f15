package io.moonpool.sim.internal.runner;

import io.moonpool.api.Topology;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The addresses and tags of one iteration, seen from one node.
 *
 * @param processIps  process IPs in boot order
 * @param workloadIps workload IPs in the order added
 * @param processTags the tags of each process, aligned with {@code processIps}
 * @param myTags      the tags of the node this view belongs to
 */
record SimTopology(
        List<InetAddress> processIps,
        List<InetAddress> workloadIps,
        List<Map<String, String>> processTags,
        Map<String, String> myTags)
        implements Topology {

    SimTopology {
        processIps = List.copyOf(processIps);
        workloadIps = List.copyOf(workloadIps);
        processTags = processTags.stream().map(SimTopology::sorted).toList();
        myTags = sorted(myTags);
    }

    /** Tags in key order: never Map.copyOf, whose iteration order is salted per JVM launch. */
    private static Map<String, String> sorted(Map<String, String> tags) {
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags));
    }

    /** The same topology as seen from a node with other tags. */
    SimTopology seenBy(Map<String, String> tags) {
        return new SimTopology(processIps, workloadIps, processTags, tags);
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

    /** The n-th address (from 1) of a /24 subnet {@code 10.0.subnet.0}. */
    static InetAddress address(int subnet, int n) {
        if (n < 1 || n > 254) {
            throw new IllegalArgumentException("at most 254 nodes of a kind are supported, asked for node " + n);
        }
        try {
            return InetAddress.getByAddress(new byte[] {10, 0, (byte) subnet, (byte) n});
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4-byte address is always valid", e);
        }
    }
}
