package io.moonpool.net.internal;

import io.moonpool.api.fault.ChaosMode;
import io.moonpool.net.NetworkConfig;
import io.moonpool.api.DurationRange;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Draws one seed's network knobs from the configuration stream: a configured family between off and its
 * configured value, an unconfigured one up to a moderate bound; bit flips and random closes only when
 * configured. In {@link ChaosMode#SWARM}, each family is also off with probability one half.
 */
final class ChaosDraw {

    private ChaosDraw() {
    }

    static NetworkConfig draw(NetworkConfig c, ChaosMode mode, RandomGenerator r) {
        boolean swarm = mode == ChaosMode.SWARM;
        NetworkConfig.Builder b = NetworkConfig.builder()
                .connectLatency(c.connectLatency().min(), c.connectLatency().max())
                .acceptLatency(c.acceptLatency().min(), c.acceptLatency().max())
                .writeLatency(c.writeLatency().min(), c.writeLatency().max())
                .connectTimeout(c.connectTimeout())
                .bufferBytes(c.bufferBytes());
        // a latency configured as a range is drawn within it; a fixed one up to a moderate bound
        DurationRange delivery = c.deliveryLatency();
        Duration maxDelivery = delivery.max().compareTo(delivery.min()) > 0 ? delivery.max()
                : max(delivery.min(), Duration.ofMillis(10));
        if (on(swarm, r)) {
            b.deliveryLatency(delivery.min(), upTo(r, delivery.min(), maxDelivery));
        } else {
            b.deliveryLatency(delivery.min(), delivery.max());
        }
        b.slowFraction(on(swarm, r) ? r.nextDouble() * bound(c.slowFraction(), 0.05) : 0);
        b.maxPairLatency(on(swarm, r) ? upTo(r, Duration.ZERO, bound(c.maxPairLatency(), Duration.ofMillis(5)))
                : Duration.ZERO);
        b.partialIo(on(swarm, r) ? r.nextDouble() * bound(c.partialIo(), 0.3) : 0);
        DurationRange clog = c.clogDuration();
        b.clogging(on(swarm, r) ? r.nextDouble() * bound(c.clogProbability(), 0.02) : 0, clog.min(), clog.max());
        b.randomClose(c.randomClose() > 0 && on(swarm, r) ? r.nextDouble() * c.randomClose() : 0,
                c.silentCloseShare());
        b.bitFlip(c.bitFlip() > 0 && on(swarm, r) ? r.nextDouble() * c.bitFlip() : 0);
        b.connectFailure(on(swarm, r) ? r.nextDouble() * bound(c.connectFailure(), 0.05) : 0,
                c.connectHangShare());
        b.partitionReset(on(swarm, r) ? r.nextDouble() * bound(c.partitionReset(), 0.5) : 0);
        b.maxClockDrift(on(swarm, r) ? upTo(r, Duration.ZERO, bound(c.maxClockDrift(), Duration.ofMillis(100)))
                : Duration.ZERO);
        return b.build();
    }

    private static boolean on(boolean swarm, RandomGenerator r) {
        return !swarm || r.nextBoolean();
    }

    private static double bound(double configured, double fallback) {
        return configured > 0 ? configured : fallback;
    }

    private static Duration bound(Duration configured, Duration fallback) {
        return configured.isPositive() ? configured : fallback;
    }

    private static Duration upTo(RandomGenerator r, Duration min, Duration max) {
        long lo = min.toNanos();
        long hi = max.toNanos();
        return Duration.ofNanos(hi <= lo ? lo : r.nextLong(lo, hi + 1));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
