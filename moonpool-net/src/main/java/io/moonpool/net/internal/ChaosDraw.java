package io.moonpool.net.internal;

import io.moonpool.api.config.ChaosDice;
import io.moonpool.api.config.DurationRange;
import io.moonpool.api.fault.ChaosMode;
import io.moonpool.net.NetworkConfig;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Draws one seed's network knobs from the configuration stream: a configured family between off and its
 * configured value, an unconfigured one up to a moderate bound; bit flips and random closes only when
 * configured. In {@link ChaosMode#SWARM}, each family is also off with probability one half. The families are
 * drawn in a fixed order, which the trace hashes of every chaos seed depend on. Bandwidth and the fault
 * cooldowns are kept as configured and draw nothing: a draw of theirs would shift every later family's, and
 * so the trace hash of every chaos seed recorded before they existed.
 */
final class ChaosDraw {

    private ChaosDraw() {}

    static NetworkConfig draw(NetworkConfig c, RandomGenerator r) {
        ChaosDice dice = new ChaosDice(c.chaos(), r);
        NetworkConfig.Latency latency = c.latency();
        // a delivery latency configured as a range is drawn within it; a fixed one up to a moderate bound
        DurationRange delivery = latency.delivery();
        Duration maxDelivery = delivery.max().compareTo(delivery.min()) > 0
                ? delivery.max()
                : max(delivery.min(), Duration.ofMillis(10));
        if (dice.familyOn()) {
            delivery = new DurationRange(delivery.min(), dice.between(delivery.min(), maxDelivery));
        }
        NetworkConfig.SlowTail slowTail =
                new NetworkConfig.SlowTail(dice.probability(c.slowTail().probability(), 0.05));
        NetworkConfig.PairLatency pair =
                new NetworkConfig.PairLatency(dice.upTo(c.pairLatency().max(), Duration.ofMillis(5)));
        NetworkConfig.PartialIo partialIo =
                new NetworkConfig.PartialIo(dice.probability(c.partialIo().probability(), 0.3));
        NetworkConfig.Clogging clogging = new NetworkConfig.Clogging(
                dice.probability(c.clogging().probability(), 0.02), c.clogging().duration());
        NetworkConfig.RandomClose randomClose = new NetworkConfig.RandomClose(
                dice.probabilityIfSet(c.randomClose().probability()),
                c.randomClose().silentShare(),
                c.randomClose().cooldown());
        NetworkConfig.BitFlips bitFlips = new NetworkConfig.BitFlips(
                dice.probabilityIfSet(c.bitFlips().probability()), c.bitFlips().cooldown());
        NetworkConfig.ConnectFailures connectFailures = new NetworkConfig.ConnectFailures(
                dice.probability(c.connectFailures().probability(), 0.05),
                c.connectFailures().hangShare());
        NetworkConfig.PartitionResets partitionResets = new NetworkConfig.PartitionResets(
                dice.probability(c.partitionResets().probability(), 0.5));
        NetworkConfig.ClockSkew clockSkew =
                new NetworkConfig.ClockSkew(dice.upTo(c.clockSkew().max(), Duration.ofMillis(100)));
        return new NetworkConfig(
                new NetworkConfig.Latency(latency.connect(), latency.accept(), delivery, latency.write()),
                c.connectTimeout(),
                c.bufferBytes(),
                c.bandwidth(),
                slowTail,
                pair,
                partialIo,
                clogging,
                randomClose,
                bitFlips,
                connectFailures,
                partitionResets,
                clockSkew,
                c.chaos());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
