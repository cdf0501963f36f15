package io.moonpool.sim.internal.runner;

import io.moonpool.api.FailureDomain;
import io.moonpool.sim.Layout;
import io.moonpool.sim.internal.kernel.Seeds;
import java.util.random.RandomGenerator;

/**
 * How a simulation places its processes on machines, zones and datacenters: a {@link Layout} (its counts per
 * parent, ranges drawn per seed), totals given with {@code machines(m)}, {@code zones(z)},
 * {@code datacenters(d)} for {@code processes(n, ...)}, or the default, each process its own machine in one
 * zone of one datacenter. {@link #resolve} gives one seed's {@link Localities}.
 *
 * @param layout      the layout given, or null
 * @param processes   the process count of {@code processes(n, ...)} (with a layout, the most it can draw)
 * @param machines    total machines, or null when not given (one per process)
 * @param zones       total zones, or null when not given (one)
 * @param datacenters total datacenters, or null when not given (one)
 */
public record Placement(Layout layout, int processes, Integer machines, Integer zones, Integer datacenters) {

    /** Whether anything but the default was configured: only then is the seed's shape put in its timeline. */
    boolean configured() {
        return layout != null || machines != null || zones != null || datacenters != null;
    }

    /** The fewest processes a seed can have. */
    int minProcesses() {
        return layout != null ? layout.minProcesses() : processes;
    }

    /** The most processes a seed can have. */
    int maxProcesses() {
        return layout != null ? layout.maxProcesses() : processes;
    }

    /** The fewest units of a domain a seed can have, for checks that must hold for every seed. */
    long minUnits(FailureDomain domain) {
        if (layout != null) {
            long dcs = layout.minDatacenters();
            long zs = dcs * layout.minZonesPerDatacenter();
            long ms = zs * layout.minMachinesPerZone();
            return switch (domain) {
                case DATACENTER -> dcs;
                case ZONE -> zs;
                case MACHINE -> ms;
                case PROCESS -> ms * layout.minProcessesPerMachine();
            };
        }
        return switch (domain) {
            case DATACENTER -> datacenters != null ? datacenters : 1;
            case ZONE -> zones != null ? zones : 1;
            case MACHINE -> machines != null ? machines : processes;
            case PROCESS -> processes;
        };
    }

    /**
     * One seed's placement. A layout's ranges are drawn from the seed's layout stream, which nothing else draws
     * from: the simulation stream and every other stream are as they would be without it.
     *
     * @param seed the iteration seed
     * @return where each process runs
     */
    Localities resolve(long seed) {
        if (layout != null) {
            int d = layout.minDatacenters();
            int z = layout.minZonesPerDatacenter();
            int m = layout.minMachinesPerZone();
            int p = layout.minProcessesPerMachine();
            if (!layout.fixed()) {
                RandomGenerator random = Seeds.stream(seed, Seeds.LAYOUT_STREAM);
                d = pick(random, layout.minDatacenters(), layout.maxDatacenters());
                z = pick(random, layout.minZonesPerDatacenter(), layout.maxZonesPerDatacenter());
                m = pick(random, layout.minMachinesPerZone(), layout.maxMachinesPerZone());
                p = pick(random, layout.minProcessesPerMachine(), layout.maxProcessesPerMachine());
            }
            return Localities.regular(d, z, m, p);
        }
        int n = processes;
        if (n <= 0) {
            return Localities.none();
        }
        int ms = machines != null ? machines : n;
        int zs = zones != null ? zones : 1;
        int ds = datacenters != null ? datacenters : 1;
        return Localities.spread(n, ms, zs, ds, configured());
    }

    private static int pick(RandomGenerator random, int min, int max) {
        return min == max ? min : random.nextInt(min, max + 1);
    }
}
