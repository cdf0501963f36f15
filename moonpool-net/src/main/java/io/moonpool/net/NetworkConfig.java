package io.moonpool.net;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.ConfigurationProblems;
import io.moonpool.api.DurationRange;
import io.moonpool.api.spi.ResourceConfig;

import java.time.Duration;

/**
 * How the simulated network behaves. Every fault is off by default; latencies default to fixed values,
 * which draw nothing from the random stream.
 *
 * <p>With {@code SimulationBuilder.networkChaos(mode)}, each fault family's knobs are drawn per seed: a
 * family configured here is drawn between off and the configured value; a family left off is drawn up to
 * a moderate built-in bound, except bit flips and random closes, which stay off unless configured.
 *
 * <p>Every duration, and both ends of every range, is at most {@link ConfigurationProblems#MAX_DURATION}
 * (about 50 years) and not negative; a range's minimum is at most its maximum.
 *
 * @param connectLatency  the latency of a connect, as a range
 * @param acceptLatency   the latency of an accept once a connection is pending
 * @param deliveryLatency the time from a write to the bytes being readable on the other side
 * @param writeLatency    the time a write blocks its caller
 * @param slowFraction    the fraction of operations that take 5 to 20 times their drawn latency
 * @param maxPairLatency  the most extra latency an ordered pair of IPs draws at first contact and keeps
 * @param partialIo       the probability that a write is split into pieces delivered separately, and that a
 *                        read returns only a prefix of what is buffered (at least one byte)
 * @param clogProbability the probability, per write, that the connection's delivery stalls for a while
 * @param clogDuration    how long a clog lasts, as a range
 * @param randomClose     the probability, per write, that the connection is closed at random
 * @param silentCloseShare the share of random closes that are silent (the connection just stops delivering)
 *                        rather than explicit (both sides get "Connection reset")
 * @param bitFlip         the probability, per delivered piece, that one bit is flipped
 * @param connectFailure  the probability that a connect fails although someone listens
 * @param connectHangShare the share of failed connects that hang until {@code connectTimeout} rather than
 *                        being refused at once
 * @param connectTimeout  the simulated operating system's connect timeout: how long a hanging connect
 *                        (failure fault, or partition) waits before "Connection timed out"; a caller's own
 *                        shorter timeout ({@code Time.timeout}) ends the wait sooner
 * @param partitionReset  the probability that a partition resets each connection between the pair rather
 *                        than holding its bytes until the partition heals
 * @param bufferBytes     flow control: the most bytes one direction of a connection holds written but not yet
 *                        read by the peer (its send and receive buffers together); a write blocks while it is
 *                        full, so two peers that both write much before reading deadlock, as on a real
 *                        network. 0, the default, means no limit
 * @param maxClockDrift   the most a node's wall clock ({@code Time.now()}) may be off simulated time, either
 *                        way; each node draws its offset once per seed
 */
public record NetworkConfig(DurationRange connectLatency, DurationRange acceptLatency,
                            DurationRange deliveryLatency, DurationRange writeLatency,
                            double slowFraction, Duration maxPairLatency, double partialIo,
                            double clogProbability, DurationRange clogDuration, double randomClose,
                            double silentCloseShare, double bitFlip, double connectFailure,
                            double connectHangShare, Duration connectTimeout, double partitionReset,
                            int bufferBytes, Duration maxClockDrift)
        implements ResourceConfig {

    /** The default delivery latency, in microseconds: see {@link #defaults()}. */
    public static final int DEFAULT_DELIVERY_MICROS = 350;

    /** The default connect latency, in microseconds: one round trip. */
    public static final int DEFAULT_CONNECT_MICROS = 2 * DEFAULT_DELIVERY_MICROS;

    /**
     * Validates every component: probabilities in [0, 1], durations and ranges as the class comment says,
     * {@code bufferBytes} not negative.
     *
     * @throws ConfigurationException naming every invalid field
     */
    public NetworkConfig {
        new ConfigurationProblems("network")
                .range("connectLatency", connectLatency)
                .range("acceptLatency", acceptLatency)
                .range("deliveryLatency", deliveryLatency)
                .range("writeLatency", writeLatency)
                .range("clogDuration", clogDuration)
                .probability("slowFraction", slowFraction)
                .probability("partialIo", partialIo)
                .probability("clogProbability", clogProbability)
                .probability("randomClose", randomClose)
                .probability("silentCloseShare", silentCloseShare)
                .probability("bitFlip", bitFlip)
                .probability("connectFailure", connectFailure)
                .probability("connectHangShare", connectHangShare)
                .probability("partitionReset", partitionReset)
                .nonNegative("maxPairLatency", maxPairLatency)
                .nonNegative("connectTimeout", connectTimeout)
                .nonNegative("maxClockDrift", maxClockDrift)
                .nonNegative("bufferBytes", bufferBytes)
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

    /** Builds a {@link NetworkConfig}; {@link #build()} validates. */
    public static final class Builder {
        private DurationRange connectLatency = DurationRange.of(Duration.ofNanos(DEFAULT_CONNECT_MICROS * 1_000L));
        private DurationRange acceptLatency = DurationRange.of(Duration.ZERO);
        private DurationRange deliveryLatency = DurationRange.of(Duration.ofNanos(DEFAULT_DELIVERY_MICROS * 1_000L));
        private DurationRange writeLatency = DurationRange.of(Duration.ZERO);
        private double slowFraction;
        private Duration maxPairLatency = Duration.ZERO;
        private double partialIo;
        private double clogProbability;
        private DurationRange clogDuration = new DurationRange(Duration.ofMillis(100), Duration.ofSeconds(2));
        private double randomClose;
        private double silentCloseShare = 0.5;
        private double bitFlip;
        private double connectFailure;
        private double connectHangShare = 0.5;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private double partitionReset;
        private Duration maxClockDrift = Duration.ZERO;
        private int bufferBytes;

        private Builder() {
        }

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
         * The bimodal tail: this fraction of operations take 5 to 20 times longer.
         *
         * @param fraction in [0, 1]
         * @return this builder
         */
        public Builder slowFraction(double fraction) {
            slowFraction = fraction;
            return this;
        }

        /**
         * Stable per-pair latency: each ordered IP pair draws up to this much extra at first contact.
         *
         * @param max at least zero
         * @return this builder
         */
        public Builder maxPairLatency(Duration max) {
            maxPairLatency = max;
            return this;
        }

        /**
         * Partial writes and reads.
         *
         * @param probability in [0, 1]
         * @return this builder
         */
        public Builder partialIo(double probability) {
            partialIo = probability;
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
            clogProbability = probability;
            clogDuration = new DurationRange(min, max);
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
            randomClose = probability;
            silentCloseShare = silentShare;
            return this;
        }

        /**
         * Bit flips in delivered bytes.
         *
         * @param probability per delivered piece, in [0, 1]
         * @return this builder
         */
        public Builder bitFlip(double probability) {
            bitFlip = probability;
            return this;
        }

        /**
         * Connect failures.
         *
         * @param probability per connect, in [0, 1]
         * @param hangShare   the share that hang until the connect timeout, in [0, 1]
         * @return this builder
         */
        public Builder connectFailure(double probability, double hangShare) {
            connectFailure = probability;
            connectHangShare = hangShare;
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
         * The probability that a partition resets each connection between the pair.
         *
         * @param probability in [0, 1]
         * @return this builder
         */
        public Builder partitionReset(double probability) {
            partitionReset = probability;
            return this;
        }

        /**
         * Clock drift: each node's {@code Time.now()} is off simulated time by up to this much, either way.
         *
         * @param max at least zero
         * @return this builder
         */
        public Builder maxClockDrift(Duration max) {
            maxClockDrift = max;
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
         * Validates and builds.
         *
         * @return the configuration
         * @throws ConfigurationException naming every invalid field
         */
        public NetworkConfig build() {
            return new NetworkConfig(connectLatency, acceptLatency, deliveryLatency, writeLatency, slowFraction,
                    maxPairLatency, partialIo, clogProbability, clogDuration, randomClose, silentCloseShare,
                    bitFlip, connectFailure, connectHangShare, connectTimeout, partitionReset, bufferBytes,
                    maxClockDrift);
        }
    }
}
