package io.moonpool.sim;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.config.ConfigurationProblems;

/**
 * The shape of a cluster of processes placed on machines, machines in zones, zones in datacenters: how many
 * datacenters, zones per datacenter, machines per zone and processes per machine. Each dimension is a fixed
 * count or a range from which each seed draws its own count, as the reference simulator and FoundationDB do,
 * so that every seed runs a cluster of a different shape.
 *
 * <pre>{@code
 * // 3 datacenters x 2 zones x 2 machines x 1 process = 12 processes
 * builder.processes(Layout.of(3, 2, 2, 1), MyServer::new);
 * // 1 to 3 datacenters, 3 zones each, 2 to 4 machines per zone, 2 processes per machine
 * builder.processes(Layout.builder().datacenters(1, 3).zonesPerDatacenter(3).machinesPerZone(2, 4)
 *         .processesPerMachine(2).build(), MyServer.class);
 * }</pre>
 *
 * <p><b>Placement.</b> The process count is the product of the four counts. Placement is contiguous:
 * consecutive processes (in boot order, {@code 10.0.1.1}, {@code 10.0.1.2}, ...) share a machine,
 * consecutive machines a zone, consecutive zones a datacenter. The ids are hierarchical and unique in the
 * cluster: datacenter {@code dc1}, its zones {@code dc1-z1}, {@code dc1-z2}, the machines of a zone
 * {@code dc1-z1-m1}, {@code dc1-z1-m2} (see {@link io.moonpool.api.Locality}).
 *
 * <p><b>Determinism.</b> A range is drawn once per seed, in the order datacenters, zones, machines, processes,
 * from a stream of its own that depends on the seed alone: it shifts no other draw, and gives the same shape
 * for the same seed in every JVM. A fixed count draws nothing. The shape of a seed is the first entry of its
 * timeline ({@code layout}, e.g. {@code 2 dc x 3 zones x 2 machines x 1 process}).
 *
 * <p>Immutable and thread-safe; equal layouts have equal counts.
 *
 * @param minDatacenters         the fewest datacenters
 * @param maxDatacenters         the most datacenters
 * @param minZonesPerDatacenter  the fewest zones per datacenter
 * @param maxZonesPerDatacenter  the most zones per datacenter
 * @param minMachinesPerZone     the fewest machines per zone
 * @param maxMachinesPerZone     the most machines per zone
 * @param minProcessesPerMachine the fewest processes per machine
 * @param maxProcessesPerMachine the most processes per machine
 */
public record Layout(
        int minDatacenters,
        int maxDatacenters,
        int minZonesPerDatacenter,
        int maxZonesPerDatacenter,
        int minMachinesPerZone,
        int maxMachinesPerZone,
        int minProcessesPerMachine,
        int maxProcessesPerMachine) {

    /** The most processes a cluster may have: the limit of the process address scheme. */
    public static final int MAX_PROCESSES = 255 * 254;

    /**
     * Validates the counts: each at least 1, each minimum at most its maximum, and the largest process count
     * (the product of the maxima) at most {@link #MAX_PROCESSES}.
     *
     * @throws ConfigurationException naming every problem
     */
    public Layout {
        ConfigurationProblems problems = new ConfigurationProblems("layout");
        dimension(problems, "datacenters", minDatacenters, maxDatacenters);
        dimension(problems, "zonesPerDatacenter", minZonesPerDatacenter, maxZonesPerDatacenter);
        dimension(problems, "machinesPerZone", minMachinesPerZone, maxMachinesPerZone);
        dimension(problems, "processesPerMachine", minProcessesPerMachine, maxProcessesPerMachine);
        if (problems.problems().isEmpty()) {
            long most = (long) maxDatacenters * maxZonesPerDatacenter * maxMachinesPerZone * maxProcessesPerMachine;
            if (most > MAX_PROCESSES) {
                problems.add("layout: the largest cluster it can draw has " + maxDatacenters + " x "
                        + maxZonesPerDatacenter + " x " + maxMachinesPerZone + " x " + maxProcessesPerMachine
                        + " = " + most + " processes, above the limit of " + MAX_PROCESSES + " (the process"
                        + " address scheme, 10.0.1.1 to 10.0.255.254): lower a maximum");
            }
        }
        problems.throwIfAny();
    }

    private static void dimension(ConfigurationProblems problems, String name, int min, int max) {
        if (min < 1) {
            problems.add("layout " + name + " must be at least 1, was " + min);
        }
        if (min > max) {
            problems.add("layout " + name + " range has its minimum " + min + " above its maximum " + max + ": give "
                    + name + "(min, max) with min <= max");
        }
    }

    /**
     * A layout of fixed counts.
     *
     * @param datacenters         how many datacenters; at least 1
     * @param zonesPerDatacenter  zones in each datacenter; at least 1
     * @param machinesPerZone     machines in each zone; at least 1
     * @param processesPerMachine processes on each machine; at least 1
     * @return the layout
     * @throws ConfigurationException if a count is below 1 or the product above {@link #MAX_PROCESSES}
     */
    public static Layout of(int datacenters, int zonesPerDatacenter, int machinesPerZone, int processesPerMachine) {
        return new Layout(
                datacenters,
                datacenters,
                zonesPerDatacenter,
                zonesPerDatacenter,
                machinesPerZone,
                machinesPerZone,
                processesPerMachine,
                processesPerMachine);
    }

    /**
     * A builder, every count 1 until set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether every dimension is a fixed count, so that every seed has the same shape.
     *
     * @return true if no range was given
     */
    public boolean fixed() {
        return minDatacenters == maxDatacenters
                && minZonesPerDatacenter == maxZonesPerDatacenter
                && minMachinesPerZone == maxMachinesPerZone
                && minProcessesPerMachine == maxProcessesPerMachine;
    }

    /**
     * The fewest processes a seed can have: the product of the minima.
     *
     * @return the smallest process count
     */
    public int minProcesses() {
        return minDatacenters * minZonesPerDatacenter * minMachinesPerZone * minProcessesPerMachine;
    }

    /**
     * The most processes a seed can have: the product of the maxima.
     *
     * @return the largest process count
     */
    public int maxProcesses() {
        return maxDatacenters * maxZonesPerDatacenter * maxMachinesPerZone * maxProcessesPerMachine;
    }

    /** Builds a {@link Layout}: each dimension a fixed count or a range; {@link #build()} validates. */
    public static final class Builder {
        private int minDatacenters = 1;
        private int maxDatacenters = 1;
        private int minZones = 1;
        private int maxZones = 1;
        private int minMachines = 1;
        private int maxMachines = 1;
        private int minProcesses = 1;
        private int maxProcesses = 1;

        private Builder() {}

        /**
         * A fixed number of datacenters.
         *
         * @param count at least 1 (checked by {@link #build()})
         * @return this builder
         */
        public Builder datacenters(int count) {
            return datacenters(count, count);
        }

        /**
         * A number of datacenters drawn per seed, both ends included.
         *
         * @param min at least 1 (checked by {@link #build()})
         * @param max at least {@code min}
         * @return this builder
         */
        public Builder datacenters(int min, int max) {
            this.minDatacenters = min;
            this.maxDatacenters = max;
            return this;
        }

        /**
         * A fixed number of zones in each datacenter.
         *
         * @param count at least 1 (checked by {@link #build()})
         * @return this builder
         */
        public Builder zonesPerDatacenter(int count) {
            return zonesPerDatacenter(count, count);
        }

        /**
         * A number of zones per datacenter drawn per seed (the same in every datacenter of the seed).
         *
         * @param min at least 1 (checked by {@link #build()})
         * @param max at least {@code min}
         * @return this builder
         */
        public Builder zonesPerDatacenter(int min, int max) {
            this.minZones = min;
            this.maxZones = max;
            return this;
        }

        /**
         * A fixed number of machines in each zone.
         *
         * @param count at least 1 (checked by {@link #build()})
         * @return this builder
         */
        public Builder machinesPerZone(int count) {
            return machinesPerZone(count, count);
        }

        /**
         * A number of machines per zone drawn per seed (the same in every zone of the seed).
         *
         * @param min at least 1 (checked by {@link #build()})
         * @param max at least {@code min}
         * @return this builder
         */
        public Builder machinesPerZone(int min, int max) {
            this.minMachines = min;
            this.maxMachines = max;
            return this;
        }

        /**
         * A fixed number of processes on each machine.
         *
         * @param count at least 1 (checked by {@link #build()})
         * @return this builder
         */
        public Builder processesPerMachine(int count) {
            return processesPerMachine(count, count);
        }

        /**
         * A number of processes per machine drawn per seed (the same on every machine of the seed).
         *
         * @param min at least 1 (checked by {@link #build()})
         * @param max at least {@code min}
         * @return this builder
         */
        public Builder processesPerMachine(int min, int max) {
            this.minProcesses = min;
            this.maxProcesses = max;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the layout
         * @throws ConfigurationException naming every problem: a count below 1, a minimum above its maximum, a
         *                                largest product above {@link Layout#MAX_PROCESSES}
         */
        public Layout build() {
            return new Layout(
                    minDatacenters,
                    maxDatacenters,
                    minZones,
                    maxZones,
                    minMachines,
                    maxMachines,
                    minProcesses,
                    maxProcesses);
        }
    }
}
