package io.moonpool.sim.internal.runner;

import io.moonpool.api.FailureDomain;
import io.moonpool.api.Locality;
import io.moonpool.api.Topology;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The addresses, tags and localities of one iteration, seen from one node. The lists and the placement are made
 * once per iteration and shared by every node's view ({@link #seenBy}), so a view costs the same whatever the size
 * of the cluster; a domain's processes are a sub-list of the process list (placement is contiguous,
 * {@link Localities}), never a copy.
 */
final class SimTopology implements Topology {

    private final List<InetAddress> processIps;
    private final List<InetAddress> workloadIps;
    private final List<Map<String, String>> processTags;
    private final Localities localities;
    private final Map<String, String> myTags;
    /** The process this view belongs to, or -1 for a workload's view and the cluster-wide one. */
    private final int me;
    /** The processes' addresses as strings, made at the first PROCESS-level query and shared by every view. */
    private final List<String> processIds;

    /**
     * Copies its arguments; the view of no process (a workload's, or the cluster-wide one).
     *
     * @param processIps  process IPs in boot order
     * @param workloadIps workload IPs in the order added
     * @param processTags the tags of each process, aligned with {@code processIps}
     * @param localities  where each process runs, as many as {@code processIps}
     */
    SimTopology(
            List<InetAddress> processIps,
            List<InetAddress> workloadIps,
            List<Map<String, String>> processTags,
            Localities localities) {
        if (localities.processes() != processIps.size()) {
            throw new IllegalArgumentException(
                    localities.processes() + " localities for " + processIps.size() + " processes");
        }
        this.processIps = List.copyOf(processIps);
        this.workloadIps = List.copyOf(workloadIps);
        this.processTags = processTags.stream().map(SimTopology::sorted).toList();
        this.localities = localities;
        this.myTags = sorted(Map.of());
        this.me = -1;
        List<InetAddress> ips = this.processIps;
        this.processIds = new java.util.AbstractList<>() {
            @Override
            public String get(int index) {
                return ips.get(index).getHostAddress();
            }

            @Override
            public int size() {
                return ips.size();
            }
        };
    }

    private SimTopology(SimTopology shared, int me) {
        this.processIps = shared.processIps;
        this.workloadIps = shared.workloadIps;
        this.processTags = shared.processTags;
        this.localities = shared.localities;
        this.processIds = shared.processIds;
        this.myTags = me < 0 ? shared.myTags : processTags.get(me);
        this.me = me;
    }

    /** Tags in key order: never Map.copyOf, whose iteration order is salted per JVM launch. */
    private static Map<String, String> sorted(Map<String, String> tags) {
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags));
    }

    /** The same topology as seen from one process: the lists are shared, not copied. */
    SimTopology seenBy(int process) {
        return new SimTopology(this, process);
    }

    /** Where each process runs. */
    Localities localities() {
        return localities;
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

    @Override
    public Locality locality(InetAddress ip) {
        int i = indexOf(Objects.requireNonNull(ip, "ip"));
        if (i < 0) {
            throw new IllegalArgumentException(ip.getHostAddress() + " is not a process of this simulation (a"
                    + " workload, or no node): only processes have a locality; "
                    + (processIps.isEmpty()
                            ? "this simulation has none"
                            : "processes are 10.0.1.1 to "
                                    + processIps.get(processIps.size() - 1).getHostAddress()));
        }
        return localities.locality(i);
    }

    @Override
    public Optional<Locality> myLocality() {
        return me < 0 ? Optional.empty() : Optional.of(localities.locality(me));
    }

    @Override
    public List<InetAddress> ipsIn(FailureDomain domain, String id) {
        int unit = unit(Objects.requireNonNull(domain, "domain"), Objects.requireNonNull(id, "id"));
        if (unit < 0) {
            return List.of();
        }
        return processIps.subList(localities.first(domain, unit), localities.end(domain, unit));
    }

    @Override
    public List<String> domains(FailureDomain domain) {
        return Objects.requireNonNull(domain, "domain") == FailureDomain.PROCESS ? processIds : localities.ids(domain);
    }

    /**
     * The unit of a domain with that id: a process's index for {@link FailureDomain#PROCESS} (its IP string).
     *
     * @return the unit, or -1 if none has that id
     */
    int unit(FailureDomain domain, String id) {
        if (domain != FailureDomain.PROCESS) {
            return localities.unit(domain, id);
        }
        int n = processNumber(id);
        return n >= 1
                        && n <= processIps.size()
                        && processIps.get(n - 1).getHostAddress().equals(id)
                ? n - 1
                : -1;
    }

    /** A process's index, or -1 for an IP that is no process. */
    int indexOf(InetAddress ip) {
        int n = processNumber(ip);
        return n >= 1 && n <= processIps.size() && processIps.get(n - 1).equals(ip) ? n - 1 : -1;
    }

    /** {@link #processNumber(InetAddress)} of a dotted IPv4 string, parsed here: never a name lookup. */
    private static int processNumber(String dotted) {
        int[] bytes = new int[4];
        int part = 0;
        int digits = 0;
        for (int i = 0; i < dotted.length(); i++) {
            char c = dotted.charAt(i);
            if (c == '.') {
                if (digits == 0 || ++part > 3) {
                    return 0;
                }
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                bytes[part] = bytes[part] * 10 + (c - '0');
                digits++;
            } else {
                return 0;
            }
        }
        if (part != 3 || digits == 0 || bytes[0] != 10 || bytes[1] != 0) {
            return 0;
        }
        int subnet = bytes[2];
        int host = bytes[3];
        if (subnet < 1 || subnet > 255 || host < 1 || host > 254) {
            return 0;
        }
        return (subnet - 1) * 254 + host;
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
