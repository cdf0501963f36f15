package io.moonpool.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A plugin's buggify amounts: bounded, log-uniform, from the configuration stream once, and the same per seed. */
class BuggifyDrawsTest {

    /** Kernel services of which only the configuration stream and the chaos flag answer; counts the draws. */
    private static KernelServices kernel(long seed, boolean chaos, int[] configDraws) {
        SplittableRandom config = new SplittableRandom(seed);
        return (KernelServices) Proxy.newProxyInstance(
                KernelServices.class.getClassLoader(),
                new Class<?>[] {KernelServices.class},
                (p, m, a) -> switch (m.getName()) {
                    case "configRandom" -> {
                        configDraws[0]++;
                        yield config;
                    }
                    case "chaosActive" -> chaos;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void amountsAreBoundedSpreadOverTheOrdersOfMagnitudeAndTheSameForTheSameSeed() {
        int[] draws = {0};
        BuggifyDraws a = new BuggifyDraws(kernel(7, true, draws), 0x1234);
        BuggifyDraws b = new BuggifyDraws(kernel(7, true, new int[1]), 0x1234);
        List<Long> first = new ArrayList<>();
        int below100us = 0;
        for (int i = 0; i < 2_000; i++) {
            long v = a.logUniform(10_000, 100_000_000);
            assertTrue(v >= 10_000 && v <= 100_000_000, "out of bounds: " + v);
            below100us += v < 100_000 ? 1 : 0;
            first.add(v);
        }
        for (long v : first) {
            assertEquals(v, b.logUniform(10_000, 100_000_000));
        }
        assertEquals(1, draws[0], "the configuration stream is drawn from once");
        // one of the four orders of magnitude: about a quarter of the draws
        assertTrue(below100us > 350 && below100us < 650, "below 100 us: " + below100us);
    }

    @Test
    void nothingIsDrawnUntilAnAmountIsAskedForAndBadBoundsAreRejected() {
        int[] draws = {0};
        BuggifyDraws d = new BuggifyDraws(kernel(1, false, draws), 0);
        assertFalse(d.fire("any.site"), "off outside the chaos phase, and outside a simulation");
        assertEquals(0, draws[0]);
        assertThrows(IllegalArgumentException.class, () -> d.logUniform(0, 10));
        assertThrows(IllegalArgumentException.class, () -> d.logUniform(10, 5));
        assertEquals(0, draws[0]);
    }
}
