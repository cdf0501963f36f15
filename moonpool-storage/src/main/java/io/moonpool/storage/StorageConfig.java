package io.moonpool.storage;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.config.ConfigurationProblems;
import io.moonpool.api.config.DurationRange;
import io.moonpool.api.fault.ChaosMode;
import io.moonpool.api.spi.ResourceConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the simulated disks behave: what is always on (latencies, IOPS and bandwidth), then one record per fault
 * family, then the chaos mode and the per-IP overrides. Every fault is off by default, latencies are fixed (so
 * a disk with every fault off draws nothing from the random stream), and IOPS and bandwidth are unlimited.
 *
 * <p><b>One naming rule.</b> In every fault family, {@code probability} is the chance that the fault strikes
 * once per event the family names (a write, a {@code force}, an operation); a family that strikes reads and
 * writes separately has a {@code readProbability} and a {@code writeProbability}; {@code duration} is a range
 * drawn per episode. Problems name the field by its path, as {@code stalls.probability}.
 *
 * <p><b>Chaos.</b> With {@link Builder#chaos(ChaosMode)} other than {@link ChaosMode#OFF}, each fault family is
 * drawn per seed between off and its configured value (or a moderate built-in bound when left off;
 * corruption, misdirection and phantom writes stay off unless configured). The mode of this configuration
 * applies to every disk, overridden ones too.
 *
 * <p><b>Buggify.</b> Apart from this configuration, the disks have a built-in {@code io.moonpool.api.Buggify}
 * site, on unless {@code SimulationBuilder.buggify(false)}: during the chaos phase, in the seeds where it is
 * active, a {@code force} or a directory sync may take 1 ms to 500 ms longer than its latency, the disk busy
 * meanwhile ({@code storage.force.slow}), with every fault here off. It draws nothing from the simulation
 * stream, nor from any disk's knobs or crash outcomes.
 *
 * <p><b>Reconfiguration.</b> A fault injector may give one disk another configuration for a while with
 * {@code FaultContext.reconfigure(ip, storageConfig, duration)}: its latencies, IOPS and bandwidth, fault
 * probabilities, stalls and throttles then apply to every operation that arrives from that instant until the
 * duration passes or the chaos phase ends; an operation already under way finishes as it started (its time and
 * its fault draws are those of the configuration it arrived with), a stall or throttle episode in progress keeps
 * its end, and the disk's crash outcomes and buggify are untouched. Such a configuration is used as given: its
 * chaos mode must be {@link ChaosMode#OFF} and it must have no {@code forIp} overrides (either is refused with
 * an {@code IllegalArgumentException}). Afterwards the disk goes back to what it had for the seed (drawn, under
 * a chaos mode).
 *
 * <p>A simulated file may hold up to {@link #MAX_FILE_SIZE} (1 TiB) of address space. Its bytes are kept in
 * 4 KiB pages, so a sparse file costs the pages written, not its size: a hole reads as zeros and takes no
 * heap. A write that would end past the limit throws {@code IOException} ("File too large", as a real file
 * system's {@code EFBIG}) and changes nothing, so the file stays usable.
 *
 * <p><b>Disks and machines.</b> Each process has a disk of its own by default; a crash-and-wipe of a machine, a
 * zone or a datacenter wipes the disk of every process it takes down. With {@link Builder#sharedDisk(boolean)}
 * the processes of one machine share one disk, which loses unforced data only when the whole machine goes down
 * at once (see there).
 *
 * <p>Every range of durations is not negative, its minimum at most its maximum, and its maximum at most
 * {@link ConfigurationProblems#MAX_DURATION} (about 50 years).
 *
 * @param latency       the always-on latencies
 * @param throughput    the always-on limits of IOPS and bandwidth
 * @param corruption    bits flipped in what is read or stored
 * @param misdirection  reads and writes at another offset
 * @param phantomWrites writes that are gone after the next crash
 * @param syncFailures  {@code force} calls that fail
 * @param stalls        episodes in which the whole disk freezes
 * @param throttles     episodes in which the whole disk slows down
 * @param chaos         how the fault families are drawn per seed; {@link ChaosMode#OFF} uses them as given
 * @param overrides     per-IP configurations, replacing this one for those IPs, in the order added (an
 *                      iteration order that is the same in every JVM)
 * @param sharedDisk    whether the processes of one machine share one disk (see {@link Builder#sharedDisk})
 */
public record StorageConfig(
        Latency latency,
        Throughput throughput,
        Corruption corruption,
        Misdirection misdirection,
        PhantomWrites phantomWrites,
        SyncFailures syncFailures,
        Stalls stalls,
        Throttles throttles,
        ChaosMode chaos,
        Map<InetAddress, StorageConfig> overrides,
        boolean sharedDisk)
        implements ResourceConfig {

    /**
     * The largest size a simulated file may reach, 1 TiB: a write ending past it throws {@code IOException}.
     */
    public static final long MAX_FILE_SIZE = 1L << 40;

    /**
     * The latencies every operation pays, faults or not.
     *
     * @param read  time of a read
     * @param write time of a write or a metadata change
     * @param sync  time of a {@code force} or {@code sync}
     */
    public record Latency(DurationRange read, DurationRange write, DurationRange sync) {}

    /**
     * The disk's service limits.
     *
     * @param iops      operations per second the disk serves, 0 for unlimited
     * @param bandwidth bytes per second the disk moves, 0 for unlimited
     */
    public record Throughput(long iops, long bandwidth) {}

    /**
     * Corruption: one bit flipped.
     *
     * @param readProbability  per read, that one bit of what is returned is flipped
     * @param writeProbability per write, that one bit of what is stored is flipped
     */
    public record Corruption(double readProbability, double writeProbability) {}

    /**
     * Misdirected I/O, within the same file.
     *
     * @param readProbability  per read, that it reads another offset
     * @param writeProbability per write, that it lands at another offset
     */
    public record Misdirection(double readProbability, double writeProbability) {}

    /**
     * Phantom writes: reported written, surviving {@code force}, but gone after the next crash.
     *
     * @param probability per write
     */
    public record PhantomWrites(double probability) {}

    /**
     * Sync failures: {@code force} throws {@code IOException}; what was not yet durable stays not durable.
     *
     * @param probability per {@code force}
     */
    public record SyncFailures(double probability) {}

    /**
     * Stall episodes of the whole disk: every operation arriving during one waits until it ends (concurrent
     * operations share one stall, they do not add theirs up).
     *
     * @param probability per operation arriving while no stall is in progress, that one starts
     * @param duration    how long an episode lasts
     */
    public record Stalls(double probability, DurationRange duration) {}

    /**
     * Throttle episodes of the whole disk: service is slowed during the window.
     *
     * @param probability per operation arriving while no throttle is in progress, that one starts
     * @param duration    how long an episode lasts
     * @param factor      by how much IOPS and bandwidth are divided during the window (and latency multiplied
     *                    when they are unlimited); an operation straddling the window's end goes at the normal
     *                    pace for the rest of its service
     */
    public record Throttles(double probability, DurationRange duration, int factor) {}

    /**
     * Validates every component at once: probabilities in [0, 1], ranges as the class comment says, IOPS and
     * bandwidth not negative, the throttle factor at least 1.
     *
     * @throws ConfigurationException naming every invalid field
     */
    public StorageConfig {
        Objects.requireNonNull(chaos, "chaos");
        ConfigurationProblems problems = new ConfigurationProblems("storage")
                .range("latency.read", latency.read())
                .range("latency.write", latency.write())
                .range("latency.sync", latency.sync())
                .probability("corruption.readProbability", corruption.readProbability())
                .probability("corruption.writeProbability", corruption.writeProbability())
                .probability("misdirection.readProbability", misdirection.readProbability())
                .probability("misdirection.writeProbability", misdirection.writeProbability())
                .probability("phantomWrites.probability", phantomWrites.probability())
                .probability("syncFailures.probability", syncFailures.probability())
                .probability("stalls.probability", stalls.probability())
                .range("stalls.duration", stalls.duration())
                .probability("throttles.probability", throttles.probability())
                .range("throttles.duration", throttles.duration());
        if (throughput.iops() < 0) {
            problems.add("storage throughput.iops must be 0 (unlimited) or positive, was " + throughput.iops());
        }
        if (throughput.bandwidth() < 0) {
            problems.add(
                    "storage throughput.bandwidth must be 0 (unlimited) or positive, was " + throughput.bandwidth());
        }
        if (throttles.factor() < 1) {
            problems.add("storage throttles.factor must be at least 1, was " + throttles.factor());
        }
        // not Map.copyOf: its iteration order is salted per JVM launch
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(overrides, "overrides")));
        if (sharedDisk && !overrides.isEmpty()) {
            problems.add("storage sharedDisk gives the processes of a machine one disk, which per-IP overrides (forIp,"
                    + " given for " + overrides.size() + " IP(s)) cannot configure apart: remove the forIp(...)"
                    + " overrides or sharedDisk(true)");
        }
        problems.throwIfAny();
    }

    /**
     * A configuration in which every process keeps a disk of its own ({@code sharedDisk} false).
     *
     * @param latency       the always-on latencies
     * @param throughput    the always-on limits of IOPS and bandwidth
     * @param corruption    bits flipped in what is read or stored
     * @param misdirection  reads and writes at another offset
     * @param phantomWrites writes that are gone after the next crash
     * @param syncFailures  {@code force} calls that fail
     * @param stalls        episodes in which the whole disk freezes
     * @param throttles     episodes in which the whole disk slows down
     * @param chaos         how the fault families are drawn per seed
     * @param overrides     per-IP configurations
     * @throws ConfigurationException naming every invalid field
     */
    public StorageConfig(
            Latency latency,
            Throughput throughput,
            Corruption corruption,
            Misdirection misdirection,
            PhantomWrites phantomWrites,
            SyncFailures syncFailures,
            Stalls stalls,
            Throttles throttles,
            ChaosMode chaos,
            Map<InetAddress, StorageConfig> overrides) {
        this(
                latency,
                throughput,
                corruption,
                misdirection,
                phantomWrites,
                syncFailures,
                stalls,
                throttles,
                chaos,
                overrides,
                false);
    }

    /**
     * No faults; reads and writes take 20 µs, syncs 1 ms; unlimited IOPS and bandwidth.
     *
     * @return the defaults
     */
    public static StorageConfig defaults() {
        return builder().build();
    }

    /**
     * A builder starting from {@link #defaults()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The configuration of one IP's disk: its override, or this configuration.
     *
     * @param ip the node
     * @return the configuration that applies
     */
    public StorageConfig forIp(InetAddress ip) {
        return overrides.getOrDefault(ip, this);
    }

    @Override
    public String resourceId() {
        return "storage";
    }

    @Override
    public String artifact() {
        return "io.moonpool:moonpool-storage";
    }

    /** Builds a {@link StorageConfig}; each method is named after the component it sets; {@link #build()} validates. */
    public static final class Builder {
        private DurationRange readLatency = DurationRange.of(Duration.ofNanos(20_000));
        private DurationRange writeLatency = DurationRange.of(Duration.ofNanos(20_000));
        private DurationRange syncLatency = DurationRange.of(Duration.ofMillis(1));
        private long iops;
        private long bandwidth;
        private Corruption corruption = new Corruption(0, 0);
        private Misdirection misdirection = new Misdirection(0, 0);
        private PhantomWrites phantomWrites = new PhantomWrites(0);
        private SyncFailures syncFailures = new SyncFailures(0);
        private Stalls stalls = new Stalls(0, new DurationRange(Duration.ofMillis(100), Duration.ofSeconds(2)));
        private Throttles throttles =
                new Throttles(0, new DurationRange(Duration.ofSeconds(1), Duration.ofSeconds(10)), 10);
        private ChaosMode chaos = ChaosMode.OFF;
        private final Map<InetAddress, StorageConfig> overrides = new LinkedHashMap<>();
        private boolean sharedDisk;

        private Builder() {}

        /**
         * Whether the processes of one machine (as the simulation's layout places them,
         * {@code KernelServices.locality}) share one disk, as processes of one host share its file system; off by
         * default, when every process keeps a disk of its own.
         *
         * <p>With a shared disk, a file one process writes is seen by the other processes of its machine, and by
         * no process of another machine. A crash of one process of the machine closes that process's channels
         * only and loses nothing unforced: the machine stays up, and its page cache with it. Unforced writes are
         * lost or torn, as a crash of a disk of its own does, when the whole machine goes down: when its last
         * running process goes down at the same instant as every other (a machine reboot, or a zone or
         * datacenter reboot); processes that exited count as down. A graceful shutdown of the whole machine makes
         * everything durable. A crash-and-wipe of any process of the machine wipes the shared disk. A node with
         * no locality (a workload) keeps a disk of its own. The shared disk takes this configuration: it cannot
         * be combined with {@link #forIp} overrides (checked by {@link #build()}).
         *
         * @param shared true to share one disk per machine
         * @return this builder
         */
        public Builder sharedDisk(boolean shared) {
            this.sharedDisk = shared;
            return this;
        }

        /**
         * Read latency range.
         *
         * @param min smallest
         * @param max largest
         * @return this builder
         */
        public Builder readLatency(Duration min, Duration max) {
            readLatency = new DurationRange(min, max);
            return this;
        }

        /**
         * Write (and metadata) latency range.
         *
         * @param min smallest
         * @param max largest
         * @return this builder
         */
        public Builder writeLatency(Duration min, Duration max) {
            writeLatency = new DurationRange(min, max);
            return this;
        }

        /**
         * Sync latency range.
         *
         * @param min smallest
         * @param max largest
         * @return this builder
         */
        public Builder syncLatency(Duration min, Duration max) {
            syncLatency = new DurationRange(min, max);
            return this;
        }

        /**
         * IOPS limit.
         *
         * @param operationsPerSecond 0 for unlimited
         * @return this builder
         */
        public Builder iops(long operationsPerSecond) {
            iops = operationsPerSecond;
            return this;
        }

        /**
         * Bandwidth limit.
         *
         * @param bytesPerSecond 0 for unlimited
         * @return this builder
         */
        public Builder bandwidth(long bytesPerSecond) {
            bandwidth = bytesPerSecond;
            return this;
        }

        /**
         * Corruption: one bit of what a read returns, or of what a write stores, is flipped.
         *
         * @param readProbability  per read
         * @param writeProbability per write
         * @return this builder
         */
        public Builder corruption(double readProbability, double writeProbability) {
            corruption = new Corruption(readProbability, writeProbability);
            return this;
        }

        /**
         * Misdirected I/O: a read returns, or a write lands at, another offset of the same file.
         *
         * @param readProbability  per read
         * @param writeProbability per write
         * @return this builder
         */
        public Builder misdirection(double readProbability, double writeProbability) {
            misdirection = new Misdirection(readProbability, writeProbability);
            return this;
        }

        /**
         * Phantom writes: reported written and forced, gone after the next crash.
         *
         * @param probability per write
         * @return this builder
         */
        public Builder phantomWrites(double probability) {
            phantomWrites = new PhantomWrites(probability);
            return this;
        }

        /**
         * Sync failures: {@code force} throws {@code IOException}.
         *
         * @param probability per force
         * @return this builder
         */
        public Builder syncFailures(double probability) {
            syncFailures = new SyncFailures(probability);
            return this;
        }

        /**
         * Stall episodes: the whole disk freezes for a window of time, and every operation arriving during it
         * waits until its end.
         *
         * @param probability per operation arriving while no stall is in progress
         * @param min         shortest stall
         * @param max         longest stall
         * @return this builder
         */
        public Builder stalls(double probability, Duration min, Duration max) {
            stalls = new Stalls(probability, new DurationRange(min, max));
            return this;
        }

        /**
         * Throttle episodes: IOPS and bandwidth divided by {@code factor} for a window of time.
         *
         * @param probability per operation arriving while no throttle is in progress
         * @param min         shortest episode
         * @param max         longest episode
         * @param factor      at least 1
         * @return this builder
         */
        public Builder throttles(double probability, Duration min, Duration max, int factor) {
            throttles = new Throttles(probability, new DurationRange(min, max), factor);
            return this;
        }

        /**
         * How the fault families are drawn per seed: {@link ChaosMode#OFF} (the default) uses them as given.
         * The mode of the top-level configuration applies to every disk; an override's own mode is ignored.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder chaos(ChaosMode mode) {
            chaos = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Gives one IP's disk a configuration of its own.
         *
         * @param ip     the node
         * @param config its configuration (its own overrides and chaos mode are ignored)
         * @return this builder
         */
        public Builder forIp(InetAddress ip, StorageConfig config) {
            overrides.put(Objects.requireNonNull(ip, "ip"), Objects.requireNonNull(config, "config"));
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the configuration
         * @throws ConfigurationException naming every invalid field
         */
        public StorageConfig build() {
            return new StorageConfig(
                    new Latency(readLatency, writeLatency, syncLatency),
                    new Throughput(iops, bandwidth),
                    corruption,
                    misdirection,
                    phantomWrites,
                    syncFailures,
                    stalls,
                    throttles,
                    chaos,
                    overrides,
                    sharedDisk);
        }
    }
}
