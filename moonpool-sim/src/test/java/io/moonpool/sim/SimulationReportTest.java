package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The report's percentiles: nearest rank over the sorted iteration values, as HdrHistogram counted them.
 */
class SimulationReportTest {

    @Test
    void percentilesAreTheNearestRankOfTheSortedValues() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, SimulationReport.atPercentile(sorted, 50));
        assertEquals(9, SimulationReport.atPercentile(sorted, 90));
        assertEquals(10, SimulationReport.atPercentile(sorted, 99));
        assertEquals(1, SimulationReport.atPercentile(sorted, 0));
    }

    @Test
    void oneIterationIsEveryPercentile() {
        long[] sorted = {42};
        assertEquals(42, SimulationReport.atPercentile(sorted, 50));
        assertEquals(42, SimulationReport.atPercentile(sorted, 99));
    }
}
