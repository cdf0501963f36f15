package io.moonpool.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.fault.ChaosMode;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ChaosDiceTest {

    /** A generator that counts its draws: every default method of {@link RandomGenerator} goes through here. */
    private static final class CountingRandom implements RandomGenerator {
        private final SplittableRandom delegate = new SplittableRandom(5);
        int draws;

        @Override
        public long nextLong() {
            draws++;
            return delegate.nextLong();
        }
    }

    @Test
    void randomModeSwitchesEveryFamilyOnWithoutACoin() {
        CountingRandom r = new CountingRandom();
        ChaosDice dice = new ChaosDice(ChaosMode.RANDOM, r);
        for (int i = 0; i < 100; i++) {
            assertTrue(dice.familyOn());
        }
        assertEquals(0, r.draws);
    }

    @Test
    void aFamilyThatStaysOffUnlessConfiguredDrawsNothingWhenNotConfigured() {
        CountingRandom r = new CountingRandom();
        ChaosDice dice = new ChaosDice(ChaosMode.SWARM, r);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, dice.probabilityIfSet(0));
        }
        assertEquals(0, r.draws, "not even the swarm coin");
    }

    @Test
    void drawsStayWithinTheConfiguredBoundOrTheFallback() {
        ChaosDice dice = new ChaosDice(ChaosMode.RANDOM, new SplittableRandom(1));
        for (int i = 0; i < 200; i++) {
            double configured = dice.probability(0.2, 0.9);
            assertTrue(configured >= 0 && configured <= 0.2, "configured bound: " + configured);
            double fallback = dice.probability(0, 0.01);
            assertTrue(fallback >= 0 && fallback <= 0.01, "fallback bound: " + fallback);
            Duration d = dice.upTo(Duration.ZERO, Duration.ofMillis(5));
            assertTrue(!d.isNegative() && d.compareTo(Duration.ofMillis(5)) <= 0, d.toString());
        }
    }

    @Test
    void swarmSwitchesAFamilyOffInAboutHalfTheSeeds() {
        ChaosDice dice = new ChaosDice(ChaosMode.SWARM, new SplittableRandom(2));
        int off = 0;
        for (int i = 0; i < 1000; i++) {
            off += dice.probability(0.5, 0.5) == 0 ? 1 : 0;
        }
        assertTrue(off > 400 && off < 600, "off in " + off + " of 1000");
    }

    @Test
    void aRangeOfOneValueDrawsNothing() {
        CountingRandom r = new CountingRandom();
        ChaosDice dice = new ChaosDice(ChaosMode.RANDOM, r);
        assertEquals(Duration.ofMillis(3), dice.between(Duration.ofMillis(3), Duration.ofMillis(3)));
        assertEquals(0, r.draws);
    }
}
