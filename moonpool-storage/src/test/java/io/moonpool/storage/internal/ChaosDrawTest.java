package io.moonpool.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.fault.ChaosMode;
import io.moonpool.storage.StorageConfig;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChaosDrawTest {

    @Test
    void familiesThatDamageDataStayOffUnlessConfiguredAndTheOthersAreDrawnUpToTheirFallback() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            StorageConfig c = ChaosDraw.draw(StorageConfig.defaults(), ChaosMode.RANDOM, r);
            assertEquals(new StorageConfig.Corruption(0, 0), c.corruption());
            assertEquals(new StorageConfig.Misdirection(0, 0), c.misdirection());
            assertEquals(0, c.phantomWrites().probability());
            assertTrue(c.syncFailures().probability() <= 0.01, c.toString());
            assertTrue(c.stalls().probability() <= 0.001, c.toString());
            assertEquals(StorageConfig.defaults().latency(), c.latency(), "latency is always on, never drawn");
        }
    }

    @Test
    void aConfiguredFamilyIsNeverDrawnPastItsConfiguredValue() {
        SplittableRandom r = new SplittableRandom(3);
        StorageConfig configured =
                StorageConfig.builder().corruption(0.1, 0.2).phantomWrites(0.3).build();
        for (int i = 0; i < 200; i++) {
            StorageConfig c = ChaosDraw.draw(configured, ChaosMode.SWARM, r);
            assertTrue(c.corruption().readProbability() <= 0.1, c.toString());
            assertTrue(c.corruption().writeProbability() <= 0.2, c.toString());
            assertTrue(c.phantomWrites().probability() <= 0.3, c.toString());
        }
    }
}
