package io.moonpool.storage.internal;

import io.moonpool.api.config.ChaosDice;
import io.moonpool.api.fault.ChaosMode;
import io.moonpool.storage.StorageConfig;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Draws one disk's fault knobs per seed from the configuration stream: a configured family between off and
 * its configured value, sync failures, stalls and throttles up to a moderate bound when left off, and the
 * families that damage data (corruption, misdirection, phantom writes) only when configured. In
 * {@link ChaosMode#SWARM}, each family is also off with probability one half. The families are drawn in a
 * fixed order, which the trace hashes of every chaos seed depend on.
 */
final class ChaosDraw {

    private ChaosDraw() {}

    static StorageConfig draw(StorageConfig c, ChaosMode mode, RandomGenerator r) {
        ChaosDice dice = new ChaosDice(mode, r);
        StorageConfig.Corruption corruption = new StorageConfig.Corruption(
                dice.probabilityIfSet(c.corruption().readProbability()),
                dice.probabilityIfSet(c.corruption().writeProbability()));
        StorageConfig.Misdirection misdirection = new StorageConfig.Misdirection(
                dice.probabilityIfSet(c.misdirection().readProbability()),
                dice.probabilityIfSet(c.misdirection().writeProbability()));
        StorageConfig.PhantomWrites phantomWrites = new StorageConfig.PhantomWrites(
                dice.probabilityIfSet(c.phantomWrites().probability()));
        StorageConfig.SyncFailures syncFailures =
                new StorageConfig.SyncFailures(dice.probability(c.syncFailures().probability(), 0.01));
        StorageConfig.Stalls stalls = new StorageConfig.Stalls(
                dice.probability(c.stalls().probability(), 0.001), c.stalls().duration());
        StorageConfig.Throttles throttles = new StorageConfig.Throttles(
                dice.probability(c.throttles().probability(), 0.001),
                c.throttles().duration(),
                c.throttles().factor());
        return new StorageConfig(
                c.latency(),
                c.throughput(),
                corruption,
                misdirection,
                phantomWrites,
                syncFailures,
                stalls,
                throttles,
                mode,
                Map.of(),
                c.sharedDisk());
    }
}
