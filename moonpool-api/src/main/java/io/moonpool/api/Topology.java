package io.moonpool.api;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The addresses, tags and localities of the simulated cluster in the current iteration.
 *
 * <p><b>Localities.</b> Every process runs on a machine, in a zone, in a datacenter ({@link Locality}); those are
 * its failure domains ({@link FailureDomain}). Without a configured layout each process is its own machine
 * {@code dc1-z1-m<n>} (n from 1, in boot order), all in the zone {@code dc1-z1} of the datacenter {@code dc1}.
 * In the simulator, the processes of a domain are consecutive in boot order.
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

    /**
     * The locality of a process: its datacenter, zone and machine.
     *
     * @param ip a process's IP
     * @return its locality
     * @throws IllegalArgumentException if {@code ip} is not a process of this cluster (a workload, or unknown)
     * @throws NullPointerException     if {@code ip} is null
     */
    Locality locality(InetAddress ip);

    /**
     * The locality of the node this topology was obtained from.
     *
     * @return the node's own locality; empty for a workload (a client outside the cluster's failure domains)
     *         and for the cluster-wide view a fault injector gets
     */
    Optional<Locality> myLocality();

    /**
     * The processes of one failure domain, alive or not.
     *
     * @param domain the level
     * @param id     the domain's id: a {@link Locality} id for {@link FailureDomain#MACHINE},
     *               {@link FailureDomain#ZONE} and {@link FailureDomain#DATACENTER}, the IP's
     *               {@link InetAddress#getHostAddress()} for {@link FailureDomain#PROCESS}
     * @return an unmodifiable list of process IPs in boot order; empty if no process is in that domain
     * @throws NullPointerException if {@code domain} or {@code id} is null
     */
    List<InetAddress> ipsIn(FailureDomain domain, String id);

    /**
     * The ids of every domain of one level that holds a process.
     *
     * @param domain the level
     * @return an unmodifiable list of ids, each once, in the order of their first process in boot order (for
     *         {@link FailureDomain#PROCESS}, the processes' {@link InetAddress#getHostAddress()} in boot order)
     * @throws NullPointerException if {@code domain} is null
     */
    List<String> domains(FailureDomain domain);
}
