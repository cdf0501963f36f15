package io.moonpool.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.fault.ChaosMode;
import io.moonpool.net.NetworkConfig;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChaosDrawTest {

    @Test
    void randomDrawsEveryFamilyWithinItsBoundAndLeavesBitFlipsOffUnlessConfigured() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            NetworkConfig c = ChaosDraw.draw(
                    NetworkConfig.builder()
                            .partialIo(0.2)
                            .chaos(ChaosMode.RANDOM)
                            .build(),
                    r);
            assertTrue(c.partialIo().probability() <= 0.2);
            assertTrue(c.clogging().probability() > 0 && c.clogging().probability() <= 0.02);
            assertEquals(0, c.bitFlips().probability());
            assertEquals(0, c.randomClose().probability());
        }
    }

    @Test
    void aConfiguredFamilyIsNeverDrawnPastItsConfiguredValue() {
        SplittableRandom r = new SplittableRandom(3);
        NetworkConfig configured = NetworkConfig.builder()
                .deliveryLatency(Duration.ofMillis(1), Duration.ofMillis(2))
                .pairLatency(Duration.ofMillis(1))
                .clockSkew(Duration.ofMillis(10))
                .chaos(ChaosMode.RANDOM)
                .build();
        for (int i = 0; i < 200; i++) {
            NetworkConfig c = ChaosDraw.draw(configured, r);
            assertTrue(c.latency().delivery().max().compareTo(Duration.ofMillis(2)) <= 0, c.toString());
            assertTrue(c.pairLatency().max().compareTo(Duration.ofMillis(1)) <= 0, c.toString());
            assertTrue(c.clockSkew().max().compareTo(Duration.ofMillis(10)) <= 0, c.toString());
        }
    }

    @Test
    void swarmSwitchesEachFamilyOffInAboutHalfTheSeeds() {
        SplittableRandom r = new SplittableRandom(2);
        int partialOff = 0;
        int connectOff = 0;
        for (int i = 0; i < 1000; i++) {
            NetworkConfig c = ChaosDraw.draw(
                    NetworkConfig.builder().chaos(ChaosMode.SWARM).build(), r);
            partialOff += c.partialIo().probability() == 0 ? 1 : 0;
            connectOff += c.connectFailures().probability() == 0 ? 1 : 0;
        }
        assertTrue(partialOff > 400 && partialOff < 600, "partial I/O off in " + partialOff + " of 1000");
        assertTrue(connectOff > 400 && connectOff < 600, "connect failures off in " + connectOff + " of 1000");
    }

    @Test
    void bandwidthAndCooldownsAreKeptAsConfiguredAndDrawNothing() {
        NetworkConfig configured = NetworkConfig.builder()
                .bandwidth(1_000)
                .linkBandwidth(2_000)
                .randomClose(0.1, 0.5)
                .randomCloseCooldown(Duration.ofSeconds(3))
                .bitFlips(0.1)
                .bitFlipCooldown(Duration.ofMillis(7))
                .chaos(ChaosMode.RANDOM)
                .build();
        NetworkConfig plain = NetworkConfig.builder()
                .randomClose(0.1, 0.5)
                .bitFlips(0.1)
                .chaos(ChaosMode.RANDOM)
                .build();
        NetworkConfig c = ChaosDraw.draw(configured, new SplittableRandom(5));
        NetworkConfig without = ChaosDraw.draw(plain, new SplittableRandom(5));
        assertEquals(configured.bandwidth(), c.bandwidth());
        assertEquals(Duration.ofSeconds(3), c.randomClose().cooldown());
        assertEquals(Duration.ofMillis(7), c.bitFlips().cooldown());
        // the same draws as without them: every family drawn alike
        assertEquals(without.randomClose().probability(), c.randomClose().probability());
        assertEquals(without.bitFlips().probability(), c.bitFlips().probability());
        assertEquals(without.clogging(), c.clogging());
        assertEquals(without.clockSkew(), c.clockSkew());
    }
}
