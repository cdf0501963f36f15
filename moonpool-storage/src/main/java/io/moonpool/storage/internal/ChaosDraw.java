package io.moonpool.storage.internal;

import io.moonpool.api.fault.ChaosMode;
import io.moonpool.storage.StorageConfig;

import java.util.random.RandomGenerator;

/**
 * Draws one disk's fault knobs per seed from the configuration stream: a configured family between off and
 * its configured value, sync failures, stalls and throttles up to a moderate bound when left off, and the
 * families that damage data (corruption, misdirection, phantom writes) only when configured. In
 * {@link ChaosMode#SWARM}, each family is also off with probability one half.
 */
final class ChaosDraw {

    private ChaosDraw() {
    }

    static StorageConfig draw(StorageConfig c, ChaosMode mode, RandomGenerator r) {
        boolean swarm = mode == ChaosMode.SWARM;
        return StorageConfig.builder()
                .readLatency(c.readLatency().min(), c.readLatency().max())
                .writeLatency(c.writeLatency().min(), c.writeLatency().max())
                .syncLatency(c.syncLatency().min(), c.syncLatency().max())
                .iops(c.iops())
                .bandwidth(c.bandwidth())
                .readCorruption(onlyIfSet(c.readCorruption(), swarm, r))
                .writeCorruption(onlyIfSet(c.writeCorruption(), swarm, r))
                .misdirectedRead(onlyIfSet(c.misdirectedRead(), swarm, r))
                .misdirectedWrite(onlyIfSet(c.misdirectedWrite(), swarm, r))
                .phantomWrite(onlyIfSet(c.phantomWrite(), swarm, r))
                .syncFailure(upTo(c.syncFailure(), 0.01, swarm, r))
                .stalls(upTo(c.stallProbability(), 0.001, swarm, r), c.stallDuration().min(), c.stallDuration().max())
                .throttles(upTo(c.throttleProbability(), 0.001, swarm, r), c.throttleDuration().min(),
                        c.throttleDuration().max(), c.throttleFactor())
                .build();
    }

    private static double onlyIfSet(double configured, boolean swarm, RandomGenerator r) {
        return configured > 0 && (!swarm || r.nextBoolean()) ? r.nextDouble() * configured : 0;
    }

    private static double upTo(double configured, double fallback, boolean swarm, RandomGenerator r) {
        if (swarm && r.nextBoolean()) {
            return 0;
        }
        return r.nextDouble() * (configured > 0 ? configured : fallback);
    }
}
