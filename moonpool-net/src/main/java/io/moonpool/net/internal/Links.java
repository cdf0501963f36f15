package io.moonpool.net.internal;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The serial servers that bandwidth sends segments through: each node's network card, one server each way
 * (egress and ingress), and each directed link between two nodes. Made at a pipe's first limited write and
 * looked up once per pipe, never iterated, so their hash order decides nothing.
 */
final class Links {

    /** Saturation bound of every instant here, as the network's latencies: about 730 years. */
    static final long FOREVER = Long.MAX_VALUE / 4;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * One serial server: it transmits one segment after another, each from the later of its arrival and the
     * end of the one before it, for its bytes over the rate.
     */
    static final class Stage {
        /** When the last segment taken has passed; the next starts no earlier. */
        private long freeAt;

        /**
         * Takes a segment that reaches this stage at {@code ready} and returns when it has passed.
         *
         * @param ready          when the segment reaches the stage
         * @param bytes          its size, at most {@link io.moonpool.net.NetworkConfig#SEGMENT_BYTES}
         * @param bytesPerSecond the stage's rate, positive
         */
        long pass(long ready, long bytes, long bytesPerSecond) {
            long end = saturatedAdd(Math.max(ready, freeAt), transmission(bytes, bytesPerSecond));
            freeAt = end;
            return end;
        }

        /** When the stage is free again. */
        long freeAt() {
            return freeAt;
        }
    }

    private final Map<InetAddress, Stage> egress = new HashMap<>();
    private final Map<InetAddress, Stage> ingress = new HashMap<>();
    private final Map<List<InetAddress>, Stage> links = new HashMap<>();

    /** The egress side of a node's card. */
    Stage egress(InetAddress node) {
        return egress.computeIfAbsent(node, k -> new Stage());
    }

    /** The ingress side of a node's card. */
    Stage ingress(InetAddress node) {
        return ingress.computeIfAbsent(node, k -> new Stage());
    }

    /** The directed link from one node to another. */
    Stage link(InetAddress from, InetAddress to) {
        return links.computeIfAbsent(List.of(from, to), k -> new Stage());
    }

    /**
     * How long {@code bytes} take at a rate, in whole nanoseconds rounded up, so that no byte is free. Exact:
     * {@code bytes} is at most a segment, so {@code bytes * 10^9} cannot overflow.
     */
    static long transmission(long bytes, long bytesPerSecond) {
        long scaled = bytes * NANOS_PER_SECOND;
        long nanos = scaled / bytesPerSecond;
        return nanos * bytesPerSecond == scaled ? nanos : nanos + 1;
    }

    /** {@code a + b} for instants and durations not negative, saturating at {@link #FOREVER}. */
    static long saturatedAdd(long a, long b) {
        return a >= FOREVER - b ? FOREVER : a + b;
    }
}
