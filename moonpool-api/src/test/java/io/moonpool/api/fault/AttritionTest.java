package io.moonpool.api.fault;

import io.moonpool.api.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttritionTest {

    @Test
    void defaultsMatchTheDesign() {
        Attrition a = Attrition.defaults();
        assertEquals(1, a.maxDead());
        assertEquals(Duration.ofSeconds(1), a.minRecoveryDelay());
        assertEquals(Duration.ofSeconds(10), a.maxRecoveryDelay());
        assertEquals(Duration.ofSeconds(2), a.minGracePeriod());
        assertEquals(Duration.ofSeconds(5), a.maxGracePeriod());
    }

    @Test
    void kindsAreDrawnByNormalisedWeights() {
        Attrition a = Attrition.builder().probGraceful(2).probCrash(6).probWipe(2).build();
        Map<RebootKind, Integer> counts = new EnumMap<>(RebootKind.class);
        for (int i = 0; i < 1000; i++) {
            counts.merge(a.kindFor(i / 1000.0), 1, Integer::sum);
        }
        assertEquals(Map.of(RebootKind.GRACEFUL, 200, RebootKind.CRASH, 600, RebootKind.CRASH_AND_WIPE, 200), counts);
    }

    @Test
    void aZeroWeightIsNeverDrawnEvenAtTheEdges() {
        Attrition noWipe = Attrition.builder().probGraceful(1).probCrash(1).probWipe(0).build();
        assertEquals(RebootKind.CRASH, noWipe.kindFor(Math.nextDown(1.0)));
        Attrition onlyGraceful = Attrition.builder().probGraceful(1).probCrash(0).probWipe(0).build();
        for (double u : new double[] {0, 0.5, Math.nextDown(1.0)}) {
            assertEquals(RebootKind.GRACEFUL, onlyGraceful.kindFor(u));
        }
    }

    @Test
    void invalidValuesAreAllReportedWithTheirFields() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Attrition.builder()
                .maxDead(0).probCrash(Double.NaN).gracePeriod(Duration.ofSeconds(-1), Duration.ofSeconds(1)).build());
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("probCrash"), e.getMessage());
        assertTrue(e.getMessage().contains("gracePeriod minimum must not be negative"), e.getMessage());
    }
}
