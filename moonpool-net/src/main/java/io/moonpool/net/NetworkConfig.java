package io.moonpool.net;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.config.ConfigurationProblems;
import io.moonpool.api.config.DurationRange;
import io.moonpool.api.fault.ChaosMode;
import io.moonpool.api.spi.ResourceConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How the simulated network behaves: what is always on (the latencies, the connect timeout, flow control),
 * then one record per fault family, then the chaos mode. Every fault is off by default; latencies default to
 * fixed values, which draw nothing from the random stream.
 *
 * <p><b>One naming rule.</b> In every fault family, {@code probability} is the chance that the fault strikes
 * once per event the family names (a write, a connect, a delivered piece); a {@code ...Share} is the part of
 * the strikes that take one form rather than the other; {@code duration} is a range drawn per strike, and
 * {@code max} an upper bound drawn once. Problems name the field by its path, as {@code clogging.probability}.
 *
 * <p><b>Chaos.</b> With {@link Builder#chaos(ChaosMode)} other than {@link ChaosMode#OFF}, each fault family is
 * drawn per seed: a family configured here between off and the configured value; a family left off up to a
 * moderate built-in bound, except bit flips and random closes, which stay off unless configured.
 *
 * <p><b>Buggify.</b> Apart from this configuration, the network has built-in {@code io.moonpool.api.Buggify}
 * sites, on unless {@code SimulationBuilder.buggify(false)}: during the chaos phase, in the seeds where a site
 * is active, a delivery or an accept may come 10 µs to 100 ms late ({@code net.delivery.delay},
 * {@code net.accept.delay}), a read may return fewer bytes than are buffered ({@code net.read.short}), a write
 * may arrive in parts ({@code net.write.short}), and a node's first connect of a process life may be refused
 * ({@code net.connect.first.refused}), with every fault here off. They draw nothing from the simulation stream.
 *
 * <p><b>Reconfiguration.</b> A fault injector may give one node's side of the network another configuration
 * for a while with {@code FaultContext.reconfigure(ip, networkConfig, duration)}, until the duration passes or
 * the chaos phase ends. What follows it: the latencies of the node's connects, accepts and writes and of the
 * delivery of what it sends (the pieces, FINs and resets it sends), the slow tail of those, and the
 * probabilities of the faults that strike its own operations (partial I/O, clogging and its duration, random
 * closes, bit flips of what it sends, connect failures). What does not: the connect timeout, flow control
 * ({@code bufferBytes}), the pair latency, partition resets, clock skew, and the node's loopback traffic, which
 * keeps the network's configuration. Such a configuration is used as given: its chaos mode must be
 * {@link ChaosMode#OFF} (otherwise an {@code IllegalArgumentException}).
 *
 * <p>Every duration, and both ends of every range, is at most {@link ConfigurationProblems#MAX_DURATION}
 * (about 50 years) and not negative; a range's minimum is at most its maximum.
 *
 * @param latency         the always-on latencies
 * @param connectTimeout  the simulated operating system's connect timeout: how long a hanging connect
 *                        (failure fault, or partition) waits before "Connection timed out"; a caller's own
 *                        shorter timeout ({@code Time.timeout}) ends the wait sooner
 * @param bufferBytes     flow control: the most bytes one direction of a connection holds written but not yet
 *                        read by the peer (its send and receive buffers together); a write blocks while it is
 *                        full, so two peers that both write much before reading deadlock, as on a real
 *                        network. 0, the default, means no limit
 * @param slowTail        the bimodal latency tail
 * @param pairLatency     stable extra latency per ordered pair of IPs
 * @param partialIo       writes split into pieces, reads returning a prefix
 * @param clogging        stalls of one connection's delivery
 * @param randomClose     connections closed at random
 * @param bitFlips        bits flipped in delivered bytes
 * @param connectFailures connects that fail although someone listens
 * @param partitionResets partitions that reset connections rather than hold their bytes
 * @param clockSkew       wall clocks off simulated time by a fixed offset per node
 * @param chaos           how the fault families are drawn per seed; {@link ChaosMode#OFF} uses them as given
 */
public record NetworkConfig(
        Latency latency,
        Duration connectTimeout,
        int bufferBytes,
        SlowTail slowTail,
        PairLatency pairLatency,
        PartialIo partialIo,
        Clogging clogging,
        RandomClose randomClose,
        BitFlips bitFlips,
        ConnectFailures connectFailures,
        PartitionResets partitionResets,
        ClockSkew clockSkew,
        ChaosMode chaos)
        implements ResourceConfig {

    /** The default delivery latency, in microseconds: see {@link #defaults()}. */
    public static final int DEFAULT_DELIVERY_MICROS = 350;

    /** The default connect latency, in microseconds: one round trip. */
    public static final int DEFAULT_CONNECT_MICROS = 2 * DEFAULT_DELIVERY_MICROS;

    /**
     * The latencies every operation pays, faults or not.
     *
     * @param connect  the latency of a connect
     * @param accept   the latency of an accept once a connection is pending
     * @param delivery the time from a write to the bytes being readable on the other side
     * @param write    the time a write blocks its caller
     */
    public record Latency(DurationRange connect, DurationRange accept, DurationRange delivery, DurationRange write) {}

    /**
     * The bimodal tail: some operations take 5 to 20 times their drawn latency.
     *
     * @param probability per operation
     */
    public record SlowTail(double probability) {}

    /**
     * Stable per-pair latency: each ordered pair of IPs draws extra latency at first contact and keeps it.
     *
     * @param max the most extra latency a pair draws
     */
    public record PairLatency(Duration max) {}

    /**
     * Partial I/O: a write split into pieces delivered separately, a read returning only a prefix of what is
     * buffered (at least one byte).
     *
     * @param probability per write and per read
     */
    public record PartialIo(double probability) {}

    /**
     * Clogging: a connection's delivery stalls for a while.
     *
     * @param probability per write
     * @param duration    how long a clog lasts
     */
    public record Clogging(double probability, DurationRange duration) {}

    /**
     * Random closes.
     *
     * @param probability per write
     * @param silentShare the share of closes that are silent (the connection just stops delivering) rather
     *                    than explicit (both sides get "Connection reset")
     */
    public record RandomClose(double probability, double silentShare) {}

    /**
     * Bit flips: one bit of a delivered piece is flipped.
     *
     * @param probability per delivered piece
     */
    public record BitFlips(double probability) {}

    /**
     * Connect failures although someone listens.
     *
     * @param probability per connect
     * @param hangShare   the share of failures that hang until {@code connectTimeout} rather than being
     *                    refused at once
     */
    public record ConnectFailures(double probability, double hangShare) {}

    /**
     * Partitions that reset connections: a partition resets each connection between the pair rather than
     * holding its bytes until the partition heals.
     *
     * @param probability per connection between the pair, when a partition starts
     */
    public record PartitionResets(double probability) {}

    /**
     * Clock skew: each node's wall clock ({@code Time.now()}) is off simulated time by a fixed offset, drawn
     * once per node and seed between {@code -max} and {@code max}. The offset does not grow while the
     * simulation runs (that would be drift, a rate); the network provides it to the runner as the node's
     * {@link io.moonpool.api.spi.ClockSkew}.
     *
     * @param max the largest offset either way; zero leaves every wall clock on simulated time
     */
    public record ClockSkew(Duration max) {}

    /**
     * Validates every component at once: probabilities and shares in [0, 1], durations and ranges as the class
     * comment says, {@code bufferBytes} not negative.
     *
     * @throws ConfigurationException naming every invalid field
     */
    public NetworkConfig {
        Objects.requireNonNull(chaos, "chaos");
        new ConfigurationProblems("network")
                .range("latency.connect", latency.connect())
                .range("latency.accept", latency.accept())
                .range("latency.delivery", latency.delivery())
                .range("latency.write", latency.write())
                .nonNegative("connectTimeout", connectTimeout)
                .nonNegative("bufferBytes", bufferBytes)
                .probability("slowTail.probability", slowTail.probability())
                .nonNegative("pairLatency.max", pairLatency.max())
                .probability("partialIo.probability", partialIo.probability())
                .probability("clogging.probability", clogging.probability())
                .range("clogging.duration", clogging.duration())
                .probability("randomClose.probability", randomClose.probability())
                .probability("randomClose.silentShare", randomClose.silentShare())
                .probability("bitFlips.probability", bitFlips.probability())
                .probability("connectFailures.probability", connectFailures.probability())
                .probability("connectFailures.hangShare", connectFailures.hangShare())
                .probability("partitionResets.probability", partitionResets.probability())
                .nonNegative("clockSkew.max", clockSkew.max())
                .throwIfAny();
    }

    /**
     * Every fault off. A delivery (from a write to the bytes being readable on the other side) takes
     * {@value #DEFAULT_DELIVERY_MICROS} µs, a connect one round trip ({@value #DEFAULT_CONNECT_MICROS} µs),
     * accepts and writes no time. The delivery latency is that of a datacenter network as the reference
     * simulators model it: FoundationDB's draws 50 to 400 µs one way, moonpool's draws a write latency of 100
     * to 600 µs (mean 350 µs); here it is fixed, so that the defaults draw nothing from the random stream.
     *
     * @return the defaults
     */
    public static NetworkConfig defaults() {
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

    @Override
    public String resourceId() {
        return "network";
    }

    @Override
    public String artifact() {
        return "io.moonpool:moonpool-net";
    }

    /** Builds a {@link NetworkConfig}; each method is named after the component it sets; {@link #build()} validates. */
    public static final class Builder {
        private DurationRange connectLatency = DurationRange.of(Duration.ofNanos(DEFAULT_CONNECT_MICROS * 1_000L));
        private DurationRange acceptLatency = DurationRange.of(Duration.ZERO);
        private DurationRange deliveryLatency = DurationRange.of(Duration.ofNanos(DEFAULT_DELIVERY_MICROS * 1_000L));
        private DurationRange writeLatency = DurationRange.of(Duration.ZERO);
        private Duration connectTimeout = Duration.ofSeconds(30);
        private int bufferBytes;
        private SlowTail slowTail = new SlowTail(0);
        private PairLatency pairLatency = new PairLatency(Duration.ZERO);
        private PartialIo partialIo = new PartialIo(0);
        private Clogging clogging = new Clogging(0, new DurationRange(Duration.ofMillis(100), Duration.ofSeconds(2)));
        private RandomClose randomClose = new RandomClose(0, 0.5);
        private BitFlips bitFlips = new BitFlips(0);
        private ConnectFailures connectFailures = new ConnectFailures(0, 0.5);
        private PartitionResets partitionResets = new PartitionResets(0);
        private ClockSkew clockSkew = new ClockSkew(Duration.ZERO);
        private ChaosMode chaos = ChaosMode.OFF;

        private Builder() {}

        /**
         * Connect latency range.
         *
         * @param min smallest
         * @param max largest
         * @return this builder
         */
        public Builder connectLatency(Duration min, Duration max) {
            connectLatency = new DurationRange(min, max);
            return this;
        }

        /**
         * Accept latency range.
         *
         * @param min smallest
         * @param max largest
         * @return this builder
         */
        public Builder acceptLatency(Duration min, Duration max) {
            acceptLatency = new DurationRange(min, max);
            return this;
        }

        /**
         * Delivery latency range: from a write to the bytes being readable.
         *
         * @param min smallest
         * @param max largest
         * @return this builder
         */
        public Builder deliveryLatency(Duration min, Duration max) {
            deliveryLatency = new DurationRange(min, max);
            return this;
        }

        /**
         * Write latency range: how long a write blocks.
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
         * How long a hanging connect waits before "Connection timed out".
         *
         * @param timeout at least zero
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            connectTimeout = timeout;
            return this;
        }

        /**
         * Flow control: the most bytes one direction of a connection holds written but not yet read by the
         * peer; a write blocks while it is full. Off (0) by default.
         *
         * @param bytes at least zero; 0 for no limit
         * @return this builder
         */
        public Builder bufferBytes(int bytes) {
            bufferBytes = bytes;
            return this;
        }

        /**
         * The bimodal tail: operations take 5 to 20 times longer with this probability.
         *
         * @param probability in [0, 1]
         * @return this builder
         */
        public Builder slowTail(double probability) {
            slowTail = new SlowTail(probability);
            return this;
        }

        /**
         * Stable per-pair latency: each ordered IP pair draws up to this much extra at first contact.
         *
         * @param max at least zero
         * @return this builder
         */
        public Builder pairLatency(Duration max) {
            pairLatency = new PairLatency(max);
            return this;
        }

        /**
         * Partial writes and reads.
         *
         * @param probability in [0, 1]
         * @return this builder
         */
        public Builder partialIo(double probability) {
            partialIo = new PartialIo(probability);
            return this;
        }

        /**
         * Clogging: per write, the connection's delivery stalls for a duration drawn from the range.
         *
         * @param probability in [0, 1]
         * @param min         shortest clog
         * @param max         longest clog
         * @return this builder
         */
        public Builder clogging(double probability, Duration min, Duration max) {
            clogging = new Clogging(probability, new DurationRange(min, max));
            return this;
        }

        /**
         * Random closes.
         *
         * @param probability per write, in [0, 1]
         * @param silentShare the share that are silent, in [0, 1]
         * @return this builder
         */
        public Builder randomClose(double probability, double silentShare) {
            randomClose = new RandomClose(probability, silentShare);
            return this;
        }

        /**
         * Bit flips in delivered bytes.
         *
         * @param probability per delivered piece, in [0, 1]
         * @return this builder
         */
        public Builder bitFlips(double probability) {
            bitFlips = new BitFlips(probability);
            return this;
        }

        /**
         * Connect failures.
         *
         * @param probability per connect, in [0, 1]
         * @param hangShare   the share that hang until the connect timeout, in [0, 1]
         * @return this builder
         */
        public Builder connectFailures(double probability, double hangShare) {
            connectFailures = new ConnectFailures(probability, hangShare);
            return this;
        }

        /**
         * The probability that a partition resets each connection between the pair.
         *
         * @param probability in [0, 1]
         * @return this builder
         */
        public Builder partitionResets(double probability) {
            partitionResets = new PartitionResets(probability);
            return this;
        }

        /**
         * Clock skew: each node's {@code Time.now()} is off simulated time by a fixed offset of up to this
         * much, either way, drawn once per node and seed.
         *
         * @param max at least zero
         * @return this builder
         */
        public Builder clockSkew(Duration max) {
            clockSkew = new ClockSkew(max);
            return this;
        }

        /**
         * How the fault families are drawn per seed: {@link ChaosMode#OFF} (the default) uses them as given.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder chaos(ChaosMode mode) {
            chaos = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the configuration
         * @throws ConfigurationException naming every invalid field
         */
        public NetworkConfig build() {
            return new NetworkConfig(
                    new Latency(connectLatency, acceptLatency, deliveryLatency, writeLatency),
                    connectTimeout,
                    bufferBytes,
                    slowTail,
                    pairLatency,
                    partialIo,
                    clogging,
                    randomClose,
                    bitFlips,
                    connectFailures,
                    partitionResets,
                    clockSkew,
                    chaos);
        }
    }
}
