package io.moonpool.net.internal;

import io.moonpool.api.fault.ChaosMode;
import io.moonpool.net.NetworkConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChaosDrawTest {

    @Test
    void randomDrawsEveryFamilyWithinItsBoundAndLeavesBitFlipsOffUnlessConfigured() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            NetworkConfig c = ChaosDraw.draw(NetworkConfig.builder().partialIo(0.2).build(), ChaosMode.RANDOM, r);
            assertTrue(c.partialIo() <= 0.2);
            assertTrue(c.clogProbability() > 0 && c.clogProbability() <= 0.02);
            assertEquals(0, c.bitFlip());
            assertEquals(0, c.randomClose());
        }
    }

    @Test
    void aConfiguredFamilyIsNeverDrawnPastItsConfiguredValue() {
        SplittableRandom r = new SplittableRandom(3);
        NetworkConfig configured = NetworkConfig.builder()
                .deliveryLatency(Duration.ofMillis(1), Duration.ofMillis(2))
                .maxPairLatency(Duration.ofMillis(1))
                .maxClockDrift(Duration.ofMillis(10))
                .build();
        for (int i = 0; i < 200; i++) {
            NetworkConfig c = ChaosDraw.draw(configured, ChaosMode.RANDOM, r);
            assertTrue(c.deliveryLatency().max().compareTo(Duration.ofMillis(2)) <= 0, c.toString());
            assertTrue(c.maxPairLatency().compareTo(Duration.ofMillis(1)) <= 0, c.toString());
            assertTrue(c.maxClockDrift().compareTo(Duration.ofMillis(10)) <= 0, c.toString());
        }
    }

    @Test
    void swarmSwitchesEachFamilyOffInAboutHalfTheSeeds() {
        SplittableRandom r = new SplittableRandom(2);
        int partialOff = 0;
        int connectOff = 0;
        for (int i = 0; i < 1000; i++) {
            NetworkConfig c = ChaosDraw.draw(NetworkConfig.defaults(), ChaosMode.SWARM, r);
            partialOff += c.partialIo() == 0 ? 1 : 0;
            connectOff += c.connectFailure() == 0 ? 1 : 0;
        }
        assertTrue(partialOff > 400 && partialOff < 600, "partial I/O off in " + partialOff + " of 1000");
        assertTrue(connectOff > 400 && connectOff < 600, "connect failures off in " + connectOff + " of 1000");
    }
}
