package io.moonpool.net;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.config.ConfigurationProblems;
import io.moonpool.api.config.DurationRange;
import io.moonpool.api.fault.ChaosMode;
import io.moonpool.api.spi.ResourceConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How the simulated network behaves: what is always on (the latencies, the connect timeout, flow control,
 * bandwidth), then one record per fault family, then the chaos mode. Every fault is off by default; latencies default to
 * fixed values, which draw nothing from the random stream.
 *
 * <p><b>One naming rule.</b> In every fault family, {@code probability} is the chance that the fault strikes
 * once per event the family names (a write, a connect, a delivered piece); a {@code ...Share} is the part of
 * the strikes that take one form rather than the other; {@code duration} is a range drawn per strike, and
 * {@code max} an upper bound drawn once. Problems name the field by its path, as {@code clogging.probability}.
 *
 * <p><b>Chaos.</b> With {@link Builder#chaos(ChaosMode)} other than {@link ChaosMode#OFF}, each fault family is
 * drawn per seed: a family configured here between off and the configured value; a family left off up to a
 * moderate built-in bound, except bit flips and random closes, which stay off unless configured. Bandwidth and
 * the fault cooldowns are kept as configured, and draw nothing.
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
 * closes, bit flips of what it sends, connect failures), and its bandwidth: its card's rate, each way, and the
 * rate of the links it sends on, read at every segment. What does not: the connect timeout, flow control
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
 * @param bandwidth       how fast bytes leave and enter a node and cross a link; unlimited by default
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
        Bandwidth bandwidth,
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
     * Bandwidth, in bytes per second; 0 means unlimited, and a network where every rate is 0 times and draws
     * exactly as one without this record. A connection inside one node (a loopback address, or the node's own
     * address on both ends) has no network card and is never limited.
     *
     * <p><b>The model: store-and-forward per segment.</b> The bytes of a write wait in the sending end until the
     * network takes them, one segment of {@value #SEGMENT_BYTES} bytes (or the rest of the write) at a time.
     * A segment passes three stages in turn, each a serial server that transmits one segment after another:
     * the sending node's card (egress, at {@code nicBytesPerSecond}), the directed link from the sender to the
     * receiver ({@code linkBytesPerSecond}), then the receiving node's card (ingress, at
     * {@code nicBytesPerSecond}). A limited stage takes {@code bytes / rate} (in whole nanoseconds, rounded up)
     * from the later of the segment reaching it and the stage being free; an unlimited one takes no time. The
     * segment becomes readable at the end of its last stage plus the write's delivery latency, drawn once per
     * write as without bandwidth, and a FIN or reset follows the last segment written before it. So a 50 MB
     * write between two cards of 10 MB/s is read in full 5 s after it is written, plus one segment's time at
     * the receiving card (6.6 ms) and the latency; two such writes leaving one card both end at about 10 s.
     *
     * <p><b>Why not a fluid model.</b> A connection hands its next segment to the network only once its previous
     * one has passed its first limited stage, so that connections leaving one card take turns, segment by
     * segment: they share it fairly, in an order fixed by the events, with integer arithmetic only. A fluid
     * model (rates recomputed at every start and end of a transfer) would share as fairly, but would need
     * division of rates into fractions and a recomputation of every flow's finish at each change; segments
     * keep each step a constant cost and each delivery a piece the other faults (clogs, partitions, bit flips)
     * already act upon. The later stages take segments first come, first served: a sender is not slowed by a
     * busy receiver (there is no congestion control), its bytes wait in the network, as in a switch's buffer,
     * and a segment that has left its first limited stage keeps the stages after it busy even if its
     * connection is aborted before it arrives (what an abort drops is what the network had not yet taken).
     *
     * <p><b>With the other faults.</b> A clogged or partitioned connection hands the network nothing until the
     * hold ends (at its end, or when the chaos phase ends), as a real sender backs off, so its card serves
     * the other connections meanwhile; a segment already taken is held on arrival like any piece. A segment is
     * a delivered piece: bit flips draw per segment, and the timeline shows one delivery per segment.
     *
     * <p>A write does not wait for the network: it returns once the bytes are queued. Flow control
     * ({@code bufferBytes}) counts queued bytes too, so with it a writer is held to the rate.
     *
     * @param nicBytesPerSecond  each node's network card, egress and ingress each at this rate; 0 for unlimited
     * @param linkBytesPerSecond each directed link between two distinct nodes; 0 for unlimited
     */
    public record Bandwidth(long nicBytesPerSecond, long linkBytesPerSecond) {

        /** Unlimited: no stage takes any time. */
        public static final Bandwidth UNLIMITED = new Bandwidth(0, 0);

        /**
         * Whether any rate is limited.
         *
         * @return true when a card or a link has a rate
         */
        public boolean limited() {
            return nicBytesPerSecond != 0 || linkBytesPerSecond != 0;
        }
    }

    /** The size of the segments that bandwidth sends a write in, in bytes: see {@link Bandwidth}. */
    public static final int SEGMENT_BYTES = 64 * 1024;

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
     * <p><b>Cooldown.</b> A random close ends its connection (a reset), or leaves it delivering nothing (a silent
     * close), so two closes of one connection are rare; what a cooldown spares is the connections that replace
     * it. It therefore counts per pair of nodes: after a random close of any connection between two nodes
     * (either direction; a node and itself being a pair too), no connection between them is closed at random
     * until the cooldown has passed. While a pair cools down, a write on it draws nothing for this fault, so
     * the close cannot strike; with a zero cooldown (the default) every write draws, as without this field.
     *
     * @param probability per write
     * @param silentShare the share of closes that are silent (the connection just stops delivering) rather
     *                    than explicit (both sides get "Connection reset")
     * @param cooldown    the least simulated time between two random closes between the same two nodes
     */
    public record RandomClose(double probability, double silentShare, Duration cooldown) {

        /**
         * Random closes without a cooldown.
         *
         * @param probability per write
         * @param silentShare the share of closes that are silent
         */
        public RandomClose(double probability, double silentShare) {
            this(probability, silentShare, Duration.ZERO);
        }
    }

    /**
     * Bit flips: one bit of a delivered piece is flipped.
     *
     * <p><b>Cooldown.</b> Per connection, both directions together: after a bit flip in a piece delivered on a
     * connection, no piece delivered on it (either way) is flipped until the cooldown has passed. While it
     * cools down, a delivery draws nothing for this fault, so no flip can strike; with a zero cooldown (the
     * default) every delivered piece draws, as without this field.
     *
     * @param probability per delivered piece
     * @param cooldown    the least simulated time between two bit flips on one connection
     */
    public record BitFlips(double probability, Duration cooldown) {

        /**
         * Bit flips without a cooldown.
         *
         * @param probability per delivered piece
         */
        public BitFlips(double probability) {
            this(probability, Duration.ZERO);
        }
    }

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
     * comment says, {@code bufferBytes} and the bandwidths not negative.
     *
     * @throws ConfigurationException naming every invalid field
     */
    public NetworkConfig {
        Objects.requireNonNull(chaos, "chaos");
        Objects.requireNonNull(bandwidth, "bandwidth");
        ConfigurationProblems problems = new ConfigurationProblems("network");
        rate(problems, "bandwidth.nicBytesPerSecond", "bandwidth(bytesPerSecond)", bandwidth.nicBytesPerSecond());
        rate(problems, "bandwidth.linkBytesPerSecond", "linkBandwidth(bytesPerSecond)", bandwidth.linkBytesPerSecond());
        problems.range("latency.connect", latency.connect())
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
                .nonNegative("randomClose.cooldown", randomClose.cooldown())
                .probability("bitFlips.probability", bitFlips.probability())
                .nonNegative("bitFlips.cooldown", bitFlips.cooldown())
                .probability("connectFailures.probability", connectFailures.probability())
                .probability("connectFailures.hangShare", connectFailures.hangShare())
                .probability("partitionResets.probability", partitionResets.probability())
                .nonNegative("clockSkew.max", clockSkew.max())
                .throwIfAny();
    }

    private static void rate(ConfigurationProblems problems, String field, String setter, long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            problems.add("network " + field + " must not be negative, was " + bytesPerSecond + ": give " + setter
                    + " a rate in bytes per second, or 0 for unlimited");
        }
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
        private long nicBytesPerSecond;
        private long linkBytesPerSecond;
        private SlowTail slowTail = new SlowTail(0);
        private PairLatency pairLatency = new PairLatency(Duration.ZERO);
        private PartialIo partialIo = new PartialIo(0);
        private Clogging clogging = new Clogging(0, new DurationRange(Duration.ofMillis(100), Duration.ofSeconds(2)));
        private double randomCloseProbability;
        private double randomCloseSilentShare = 0.5;
        private Duration randomCloseCooldown = Duration.ZERO;
        private double bitFlipProbability;
        private Duration bitFlipCooldown = Duration.ZERO;
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
         * Every node's network card: bytes leave a node at most at this rate, and enter it at most at this rate,
         * whatever connections they belong to; connections through one card share it fairly, segment by segment.
         * The model is store-and-forward per segment, described (with why) at {@link Bandwidth}. A connection
         * within one node is not limited. 0 (the default) for unlimited, which changes nothing: the same
         * events, draws and traces as before bandwidth existed.
         *
         * @param bytesPerSecond at least zero; 0 for unlimited
         * @return this builder
         */
        public Builder bandwidth(long bytesPerSecond) {
            nicBytesPerSecond = bytesPerSecond;
            return this;
        }

        /**
         * Every directed link between two distinct nodes: bytes from one node to another cross at most at this
         * rate, shared fairly by the connections between them in that direction; the other direction has a
         * link of its own. Store-and-forward per segment, as {@link Bandwidth} describes. 0 (the default) for
         * unlimited.
         *
         * @param bytesPerSecond at least zero; 0 for unlimited
         * @return this builder
         */
        public Builder linkBandwidth(long bytesPerSecond) {
            linkBytesPerSecond = bytesPerSecond;
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
            randomCloseProbability = probability;
            randomCloseSilentShare = silentShare;
            return this;
        }

        /**
         * The least simulated time between two random closes between the same two nodes: see
         * {@link RandomClose}. While a pair cools down its writes draw nothing for random closes. Zero (the
         * default) for none.
         *
         * @param cooldown at least zero
         * @return this builder
         */
        public Builder randomCloseCooldown(Duration cooldown) {
            randomCloseCooldown = cooldown;
            return this;
        }

        /**
         * Bit flips in delivered bytes.
         *
         * @param probability per delivered piece, in [0, 1]
         * @return this builder
         */
        public Builder bitFlips(double probability) {
            bitFlipProbability = probability;
            return this;
        }

        /**
         * The least simulated time between two bit flips on one connection (both directions together): see
         * {@link BitFlips}. While a connection cools down its deliveries draw nothing for bit flips. Zero (the
         * default) for none.
         *
         * @param cooldown at least zero
         * @return this builder
         */
        public Builder bitFlipCooldown(Duration cooldown) {
            bitFlipCooldown = cooldown;
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
                    new Bandwidth(nicBytesPerSecond, linkBytesPerSecond),
                    slowTail,
                    pairLatency,
                    partialIo,
                    clogging,
                    new RandomClose(randomCloseProbability, randomCloseSilentShare, randomCloseCooldown),
                    new BitFlips(bitFlipProbability, bitFlipCooldown),
                    connectFailures,
                    partitionResets,
                    clockSkew,
                    chaos);
        }
    }
}
