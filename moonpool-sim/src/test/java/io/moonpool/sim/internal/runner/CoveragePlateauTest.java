package io.moonpool.sim.internal.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The plateau decision over made-up table shapes. */
class CoveragePlateauTest {

    @Test
    void stopsAfterThePlateauOfUnchangedSeedsOnceAllIsSatisfied() {
        CoveragePlateau p = new CoveragePlateau(3);
        assertFalse(p.reachedAfter(2, true), "the first seed added two sites");
        assertFalse(p.reachedAfter(2, true));
        assertFalse(p.reachedAfter(2, true));
        assertTrue(p.reachedAfter(2, true));
        assertEquals(3, p.unchangedSeeds());
    }

    @Test
    void aGrowingShapeResetsTheCount() {
        CoveragePlateau p = new CoveragePlateau(2);
        assertFalse(p.reachedAfter(1, true));
        assertFalse(p.reachedAfter(1, true));
        assertFalse(p.reachedAfter(3, true), "a new bucket");
        assertEquals(0, p.unchangedSeeds());
        assertFalse(p.reachedAfter(3, true));
        assertTrue(p.reachedAfter(3, true));
    }

    @Test
    void anUnsatisfiedAssertionHoldsTheRunPastThePlateauUntilItIsSatisfied() {
        CoveragePlateau p = new CoveragePlateau(2);
        assertFalse(p.reachedAfter(1, false));
        for (int i = 0; i < 10; i++) {
            assertFalse(p.reachedAfter(1, false));
        }
        assertTrue(p.reachedAfter(1, true), "satisfied without a new site: the plateau is already met");
    }

    @Test
    void aSimulationWithoutAssertionsStopsAfterThePlateau() {
        CoveragePlateau p = new CoveragePlateau(2);
        assertFalse(p.reachedAfter(0, true));
        assertTrue(p.reachedAfter(0, true));
    }

    @Test
    void aPlateauBelowOneIsABug() {
        assertThrows(IllegalArgumentException.class, () -> new CoveragePlateau(0));
    }
}
