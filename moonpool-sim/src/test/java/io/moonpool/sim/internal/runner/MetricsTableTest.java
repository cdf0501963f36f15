package io.moonpool.sim.internal.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Metrics;
import io.moonpool.sim.MetricSummary;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics table on its own: the hot path allocates nothing for a name already seen. */
class MetricsTableTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void recordingUnderANameAlreadySeenAllocatesNothing() {
        MetricsTable table = new MetricsTable();
        Metrics metrics = MetricsTable.OF_CURRENT_SIMULATION;
        long[] allocated = new long[1];
        ScopedValue.where(MetricsTable.CURRENT, table).run(() -> {
            // warm up: the histogram reaches its range, the scoped value its cache
            for (int i = 0; i < 10_000; i++) {
                metrics.record("latency", i % 1000);
            }
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                metrics.record("latency", i % 1000);
            }
            allocated[0] = THREADS.getCurrentThreadAllocatedBytes() - before;
        });
        // less than one byte per call: one object per call would be at least 16; what remains is the JIT's
        // own (a few kilobytes over the whole loop)
        assertTrue(allocated[0] < 100_000, "100000 records allocated " + allocated[0] + " bytes");
        assertEquals(110_000, table.results().getFirst().count());
    }

    @Test
    void resultsAreSortedByNameWhateverTheOrderRecorded() {
        MetricsTable table = new MetricsTable();
        for (String name : List.of("m", "b", "z", "a")) {
            table.record(name, 1);
        }
        assertEquals(
                List.of("a", "b", "m", "z"),
                table.results().stream().map(MetricSummary::name).toList());
    }
}
