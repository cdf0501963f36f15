package io.moonpool.sim.internal.runner;

import io.moonpool.api.FailureDomain;
import io.moonpool.api.Locality;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Where each process of one iteration runs. Placement is contiguous at every level (the processes of a machine,
 * the machines of a zone, the zones of a datacenter are consecutive), so a domain is a range of process indices
 * and every lookup is arithmetic or a binary search over the boundaries: nothing per process is allocated up
 * front, and ids and {@link Locality} values are made at first use and kept.
 *
 * <p>Invariant: {@code machineStart[k]} is the first process of machine k ({@code machineStart[machines] =
 * processes}), {@code zoneStart[k]} the first machine of zone k, {@code dcStart[k]} the first zone of
 * datacenter k; each array is strictly increasing from 0.
 */
final class Localities {

    private final int processes;
    private final int[] machineStart;
    private final int[] zoneStart;
    private final int[] dcStart;
    /** The seed's shape for its timeline, or null for the default placement. */
    private final String shape;

    private final String[][] ids = new String[4][];
    private final Locality[] localities;
    private final List<?>[] domainLists = new List<?>[4];

    private Localities(int processes, int[] machineStart, int[] zoneStart, int[] dcStart, String shape) {
        this.processes = processes;
        this.machineStart = machineStart;
        this.zoneStart = zoneStart;
        this.dcStart = dcStart;
        this.shape = shape;
        this.localities = new Locality[machineStart.length - 1];
    }

    /** No process at all: a simulation of workloads only. */
    static Localities none() {
        return new Localities(0, new int[] {0}, new int[] {0}, new int[] {0}, null);
    }

    /** A layout's shape: d datacenters of z zones of m machines of p processes. */
    static Localities regular(int d, int z, int m, int p) {
        int machines = d * z * m;
        int[] machineStart = new int[machines + 1];
        for (int k = 0; k <= machines; k++) {
            machineStart[k] = k * p;
        }
        int[] zoneStart = new int[d * z + 1];
        for (int k = 0; k <= d * z; k++) {
            zoneStart[k] = k * m;
        }
        int[] dcStart = new int[d + 1];
        for (int k = 0; k <= d; k++) {
            dcStart[k] = k * z;
        }
        String shape = d + " dc x " + z + (z == 1 ? " zone" : " zones") + " x " + m
                + (m == 1 ? " machine" : " machines") + " x " + p + (p == 1 ? " process" : " processes");
        return new Localities(machines * p, machineStart, zoneStart, dcStart, shape);
    }

    /**
     * Totals spread contiguously: process i on machine floor(i * m / n), machine j in zone floor(j * z / m),
     * zone k in datacenter floor(k * d / z). Needs 1 <= d <= z <= m <= n.
     */
    static Localities spread(int n, int m, int z, int d, boolean configured) {
        String shape = configured
                ? n + (n == 1 ? " process" : " processes") + " on " + m + (m == 1 ? " machine" : " machines") + " in "
                        + z + (z == 1 ? " zone" : " zones") + " in " + d + " dc"
                : null;
        return new Localities(n, starts(n, m), starts(m, z), starts(z, d), shape);
    }

    /** The first of the n items in each of k groups, item i in group floor(i * k / n): the group's start is ceil(g * n / k). */
    private static int[] starts(int n, int k) {
        int[] start = new int[k + 1];
        for (int g = 0; g <= k; g++) {
            start[g] = (int) (((long) g * n + k - 1) / k);
        }
        return start;
    }

    /** How many processes. */
    int processes() {
        return processes;
    }

    /** The seed's shape for its timeline, or null when nothing was configured. */
    String shape() {
        return shape;
    }

    /** How many units of a domain there are. */
    int units(FailureDomain domain) {
        return switch (domain) {
            case PROCESS -> processes;
            case MACHINE -> machineStart.length - 1;
            case ZONE -> zoneStart.length - 1;
            case DATACENTER -> dcStart.length - 1;
        };
    }

    /** The first process of a unit. */
    int first(FailureDomain domain, int unit) {
        return switch (domain) {
            case PROCESS -> unit;
            case MACHINE -> machineStart[unit];
            case ZONE -> machineStart[zoneStart[unit]];
            case DATACENTER -> machineStart[zoneStart[dcStart[unit]]];
        };
    }

    /** One past the last process of a unit: the first of the next (the arrays end at the process count). */
    int end(FailureDomain domain, int unit) {
        return first(domain, unit + 1);
    }

    /** The machine a process runs on. */
    int machineOf(int process) {
        return group(machineStart, process);
    }

    /** The unit of a domain a process belongs to. */
    int unitOf(FailureDomain domain, int process) {
        if (domain == FailureDomain.PROCESS) {
            return process;
        }
        int machine = machineOf(process);
        if (domain == FailureDomain.MACHINE) {
            return machine;
        }
        int zone = group(zoneStart, machine);
        return domain == FailureDomain.ZONE ? zone : group(dcStart, zone);
    }

    /** The group whose range [start[g], start[g + 1]) holds i. */
    private static int group(int[] start, int i) {
        int lo = 0;
        int hi = start.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (start[mid] <= i) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The locality of a process; one value per machine, made at first use. */
    Locality locality(int process) {
        int machine = machineOf(process);
        Locality l = localities[machine];
        if (l == null) {
            int zone = group(zoneStart, machine);
            int dc = group(dcStart, zone);
            l = new Locality(
                    id(FailureDomain.DATACENTER, dc), id(FailureDomain.ZONE, zone), id(FailureDomain.MACHINE, machine));
            localities[machine] = l;
        }
        return l;
    }

    /** The id of a unit of a machine, zone or datacenter: {@code dc1}, {@code dc1-z2}, {@code dc1-z2-m3}. */
    String id(FailureDomain domain, int unit) {
        String[] known = ids[domain.ordinal()];
        if (known == null) {
            known = new String[units(domain)];
            ids[domain.ordinal()] = known;
        }
        String id = known[unit];
        if (id == null) {
            id = switch (domain) {
                case DATACENTER -> "dc" + (unit + 1);
                case ZONE -> {
                    int dc = group(dcStart, unit);
                    yield "dc" + (dc + 1) + "-z" + (unit - dcStart[dc] + 1);
                }
                case MACHINE -> {
                    int zone = group(zoneStart, unit);
                    yield id(FailureDomain.ZONE, zone) + "-m" + (unit - zoneStart[zone] + 1);
                }
                case PROCESS -> throw new IllegalArgumentException("a process is named by its IP");
            };
            known[unit] = id;
        }
        return id;
    }

    /**
     * The unit of a machine, zone or datacenter with that id, parsed from the id itself (no table of ids).
     *
     * @return the unit, or -1 if no unit has that id
     */
    int unit(FailureDomain domain, String id) {
        int[] numbers = parse(id, domain == FailureDomain.DATACENTER ? 1 : domain == FailureDomain.ZONE ? 2 : 3);
        if (numbers == null) {
            return -1;
        }
        int dc = numbers[0] - 1;
        if (dc < 0 || dc >= units(FailureDomain.DATACENTER)) {
            return -1;
        }
        int unit = dc;
        if (numbers.length > 1) {
            int zone = dcStart[dc] + numbers[1] - 1;
            if (numbers[1] < 1 || zone >= dcStart[dc + 1]) {
                return -1;
            }
            unit = zone;
            if (numbers.length > 2) {
                int machine = zoneStart[zone] + numbers[2] - 1;
                if (numbers[2] < 1 || machine >= zoneStart[zone + 1]) {
                    return -1;
                }
                unit = machine;
            }
        }
        // "dc01" parses as dc1 but is not its id
        return id.equals(id(domain, unit)) ? unit : -1;
    }

    private static final char[] MARKS = {'c', 'z', 'm'};

    /** "dc1-z2-m3" with {@code parts} numbers: {1, 2, 3}; null if the id does not have that form. */
    private static int[] parse(String id, int parts) {
        if (!id.startsWith("d")) {
            return null;
        }
        int[] numbers = new int[parts];
        int at = 1;
        for (int k = 0; k < parts; k++) {
            if (k > 0) {
                if (at >= id.length() || id.charAt(at) != '-') {
                    return null;
                }
                at++;
            }
            if (at >= id.length() || id.charAt(at) != MARKS[k]) {
                return null;
            }
            at++;
            int start = at;
            long value = 0;
            while (at < id.length() && Character.isDigit(id.charAt(at)) && at - start < 9) {
                value = value * 10 + (id.charAt(at) - '0');
                at++;
            }
            if (at == start) {
                return null;
            }
            numbers[k] = (int) value;
        }
        return at == id.length() ? numbers : null;
    }

    /** The ids of every unit of a machine, zone or datacenter, in unit order: a view, made once. */
    @SuppressWarnings("unchecked")
    List<String> ids(FailureDomain domain) {
        List<String> list = (List<String>) domainLists[domain.ordinal()];
        if (list == null) {
            list = new Ids(domain);
            domainLists[domain.ordinal()] = list;
        }
        return list;
    }

    /** An unmodifiable view of the ids of one level. */
    private final class Ids extends AbstractList<String> implements RandomAccess {
        private final FailureDomain domain;

        Ids(FailureDomain domain) {
            this.domain = domain;
        }

        @Override
        public String get(int index) {
            java.util.Objects.checkIndex(index, size());
            return id(domain, index);
        }

        @Override
        public int size() {
            return units(domain);
        }
    }
}
