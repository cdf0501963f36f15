package io.moonpool.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.Workload;
import io.moonpool.sim.BuggifySite;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The storage's built-in buggify site: a slow force fires in some seeds (only where the site is active), it
 * takes longer than the configured sync latency but boundedly, and with buggify off never.
 */
class BuggifySitesTest {

    /** The default sync latency, with every fault off. */
    private static final long SYNC = 1_000_000L;

    private static final int SEEDS = 40;

    /** Runs 20 write-and-force rounds per seed; returns the seeds where a force took longer than SYNC. */
    private static Set<Long> seedsWithASlowForce(boolean buggify, SimulationReport[] report) {
        Set<Long> slow = new TreeSet<>();
        long[] seeds = new long[SEEDS];
        for (int i = 0; i < SEEDS; i++) {
            seeds[i] = i + 1;
        }
        report[0] = SimulationBuilder.create()
                .buggify(buggify)
                .workload((Workload) ctx -> {
                    try (FileChannel f =
                            ctx.storage().open("wal", StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                        for (int i = 0; i < 20; i++) {
                            f.write(ByteBuffer.wrap(new byte[100]));
                            long start = ctx.time().nanoTime();
                            f.force(true);
                            long took = ctx.time().nanoTime() - start;
                            assertTrue(
                                    took >= SYNC && took <= SYNC + BuggifySites.MAX_SLOW_FORCE_NANOS, "took " + took);
                            if (took > SYNC) {
                                slow.add(ctx.seed());
                            }
                        }
                    }
                })
                .seeds(seeds)
                .run();
        report[0].assertPassed();
        return slow;
    }

    @Test
    void aForceTakesLongerThanTheConfiguredSyncLatencyInSomeSeedsOnly() {
        SimulationReport[] report = new SimulationReport[1];
        Set<Long> slow = seedsWithASlowForce(true, report);
        BuggifySite site = report[0].buggifySites().stream()
                .filter(s -> s.site().equals(BuggifySites.FORCE_SLOW))
                .findFirst()
                .orElseThrow();
        assertTrue(site.fired() > 0, site::toString);
        assertFalse(slow.isEmpty(), "fired " + site.fired() + " times, but no force was slow");
        assertTrue(new TreeSet<>(site.seedsActive()).containsAll(slow), slow + " " + site);

        assertEquals(Set.of(), seedsWithASlowForce(false, report));
        assertEquals(List.of(), report[0].buggifySites());
    }
}
