package io.moonpool.storage;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.ConfigurationProblems;
import io.moonpool.api.DurationRange;
import io.moonpool.api.spi.ResourceConfig;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the simulated disks behave. Every fault is off by default, latencies are fixed (so a disk with every
 * fault off draws nothing from the random stream), and IOPS and bandwidth are unlimited.
 *
 * <p>With {@code SimulationBuilder.storageChaos(mode)}, each fault family is drawn per seed between off and its
 * configured value (or a moderate built-in bound when left off; corruption, misdirection and phantom writes
 * stay off unless configured).
 *
 * <p>A simulated file may hold up to {@link #MAX_FILE_SIZE} (1 TiB) of address space. Its bytes are kept in
 * 4 KiB pages, so a sparse file costs the pages written, not its size: a hole reads as zeros and takes no
 * heap. A write that would end past the limit throws {@code IOException} ("File too large", as a real file
 * system's {@code EFBIG}) and changes nothing, so the file stays usable.
 *
 * <p>Every range of durations is not negative, its minimum at most its maximum, and its maximum at most
 * {@link ConfigurationProblems#MAX_DURATION} (about 50 years).
 *
 * @param readLatency        time of a read
 * @param writeLatency       time of a write or a metadata change
 * @param syncLatency        time of a {@code force} or {@code sync}
 * @param iops               operations per second the disk serves, 0 for unlimited
 * @param bandwidth          bytes per second the disk moves, 0 for unlimited
 * @param readCorruption     probability, per read, that one bit of what is returned is flipped
 * @param writeCorruption    probability, per write, that one bit of what is stored is flipped
 * @param misdirectedRead    probability, per read, that it reads another offset of the same file
 * @param misdirectedWrite   probability, per write, that it lands at another offset of the same file
 * @param phantomWrite       probability, per write, that it is reported written and survives {@code force},
 *                           but is gone after the next crash
 * @param syncFailure        probability, per {@code force}, that it throws {@code IOException}; what was not
 *                           yet durable stays not durable
 * @param stallProbability   probability, per operation arriving while no stall is in progress, that a stall
 *                           episode of the whole disk starts: every operation arriving during it waits until
 *                           it ends (concurrent operations share one stall, they do not add theirs up)
 * @param stallDuration      how long a stall episode lasts
 * @param throttleProbability probability, per operation arriving while no throttle is in progress, that a
 *                           throttle episode of the whole disk starts: service is slowed during its window
 * @param throttleDuration   how long a throttle episode lasts
 * @param throttleFactor     by how much IOPS and bandwidth are divided during a throttle window (and latency
 *                           multiplied when they are unlimited); an operation straddling the window's end
 *                           goes at the normal pace for the rest of its service
 * @param overrides          per-IP configurations, replacing this one for those IPs, in the order added (an
 *                           iteration order that is the same in every JVM)
 */
public record StorageConfig(DurationRange readLatency, DurationRange writeLatency, DurationRange syncLatency,
                            long iops, long bandwidth, double readCorruption, double writeCorruption,
                            double misdirectedRead, double misdirectedWrite, double phantomWrite,
                            double syncFailure, double stallProbability, DurationRange stallDuration,
                            double throttleProbability, DurationRange throttleDuration, int throttleFactor,
                            Map<InetAddress, StorageConfig> overrides) implements ResourceConfig {

    /**
     * The largest size a simulated file may reach, 1 TiB: a write ending past it throws {@code IOException}.
     */
    public static final long MAX_FILE_SIZE = 1L << 40;

    /**
     * Validates every component: probabilities in [0, 1], ranges as the class comment says, {@code iops} and
     * {@code bandwidth} not negative, {@code throttleFactor} at least 1.
     *
     * @throws ConfigurationException naming every invalid field
     */
    public StorageConfig {
        ConfigurationProblems problems = new ConfigurationProblems("storage")
                .range("readLatency", readLatency)
                .range("writeLatency", writeLatency)
                .range("syncLatency", syncLatency)
                .range("stallDuration", stallDuration)
                .range("throttleDuration", throttleDuration)
                .probability("readCorruption", readCorruption)
                .probability("writeCorruption", writeCorruption)
                .probability("misdirectedRead", misdirectedRead)
                .probability("misdirectedWrite", misdirectedWrite)
                .probability("phantomWrite", phantomWrite)
                .probability("syncFailure", syncFailure)
                .probability("stallProbability", stallProbability)
                .probability("throttleProbability", throttleProbability);
        if (iops < 0) {
            problems.add("storage iops must be 0 (unlimited) or positive, was " + iops);
        }
        if (bandwidth < 0) {
            problems.add("storage bandwidth must be 0 (unlimited) or positive, was " + bandwidth);
        }
        if (throttleFactor < 1) {
            problems.add("storage throttleFactor must be at least 1, was " + throttleFactor);
        }
        // not Map.copyOf: its iteration order is salted per JVM launch
        overrides = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(Objects.requireNonNull(overrides, "overrides")));
        problems.throwIfAny();
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

    /** Builds a {@link StorageConfig}; {@link #build()} validates. */
    public static final class Builder {
        private DurationRange readLatency = DurationRange.of(Duration.ofNanos(20_000));
        private DurationRange writeLatency = DurationRange.of(Duration.ofNanos(20_000));
        private DurationRange syncLatency = DurationRange.of(Duration.ofMillis(1));
        private long iops;
        private long bandwidth;
        private double readCorruption;
        private double writeCorruption;
        private double misdirectedRead;
        private double misdirectedWrite;
        private double phantomWrite;
        private double syncFailure;
        private double stallProbability;
        private DurationRange stallDuration = new DurationRange(Duration.ofMillis(100), Duration.ofSeconds(2));
        private double throttleProbability;
        private DurationRange throttleDuration = new DurationRange(Duration.ofSeconds(1), Duration.ofSeconds(10));
        private int throttleFactor = 10;
        private final Map<InetAddress, StorageConfig> overrides = new LinkedHashMap<>();

        private Builder() {
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
         * Read corruption: one bit of what a read returns is flipped.
         *
         * @param probability per read
         * @return this builder
         */
        public Builder readCorruption(double probability) {
            readCorruption = probability;
            return this;
        }

        /**
         * Write corruption: one bit of what a write stores is flipped.
         *
         * @param probability per write
         * @return this builder
         */
        public Builder writeCorruption(double probability) {
            writeCorruption = probability;
            return this;
        }

        /**
         * Misdirected reads: a read returns another offset of the same file.
         *
         * @param probability per read
         * @return this builder
         */
        public Builder misdirectedRead(double probability) {
            misdirectedRead = probability;
            return this;
        }

        /**
         * Misdirected writes: a write lands at another offset of the same file.
         *
         * @param probability per write
         * @return this builder
         */
        public Builder misdirectedWrite(double probability) {
            misdirectedWrite = probability;
            return this;
        }

        /**
         * Phantom writes: reported written and forced, gone after the next crash.
         *
         * @param probability per write
         * @return this builder
         */
        public Builder phantomWrite(double probability) {
            phantomWrite = probability;
            return this;
        }

        /**
         * Sync failures: {@code force} throws {@code IOException}.
         *
         * @param probability per force
         * @return this builder
         */
        public Builder syncFailure(double probability) {
            syncFailure = probability;
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
            stallProbability = probability;
            stallDuration = new DurationRange(min, max);
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
            throttleProbability = probability;
            throttleDuration = new DurationRange(min, max);
            throttleFactor = factor;
            return this;
        }

        /**
         * Gives one IP's disk a configuration of its own.
         *
         * @param ip     the node
         * @param config its configuration (its own overrides are ignored)
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
            return new StorageConfig(readLatency, writeLatency, syncLatency, iops, bandwidth, readCorruption,
                    writeCorruption, misdirectedRead, misdirectedWrite, phantomWrite, syncFailure, stallProbability,
                    stallDuration, throttleProbability, throttleDuration, throttleFactor, overrides);
        }
    }
}
