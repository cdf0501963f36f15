package io.moonpool.api;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * The addresses and tags of the simulated cluster in the current iteration.
 *
 * <p>Every collection returned here has a fixed iteration order, documented on its method, that is the same
 * in every iteration and every JVM, so code that iterates it stays deterministic.
 */
public interface Topology {

    /**
     * The IPs of all processes in boot order ({@code 10.0.1.1}, {@code 10.0.1.2}, ..., {@code 10.0.1.254},
     * {@code 10.0.2.1}, ... in the simulator: past 254 processes the next /24 subnets), alive or not.
     *
     * @return an unmodifiable list of process IPs
     */
    List<InetAddress> processIps();

    /**
     * The IPs of all workloads in the order they were added ({@code 10.0.0.1}, {@code 10.0.0.2}, ...).
     *
     * @return an unmodifiable list of workload IPs
     */
    List<InetAddress> workloadIps();

    /**
     * The tags of the node this topology was obtained from; empty for workloads.
     *
     * @return an unmodifiable map from tag key to value, iterating in key order (the same in every JVM)
     */
    Map<String, String> myTags();

    /**
     * The IPs of the processes that carry a tag value.
     *
     * @param key   the tag key
     * @param value the tag value
     * @return an unmodifiable list of process IPs in boot order, empty if none carries it
     */
    List<InetAddress> ipsTagged(String key, String value);
}
