package io.moonpool.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.sim.Layout;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.SimulationReport;
import io.moonpool.sim.TimelineEntry;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code partition_zone} and {@code partition_datacenter} cut whole domains of the layout from the rest. */
class DomainPartitionInjectorsTest {

    private static SimulationReport run(Layout layout, String injector) {
        return SimulationBuilder.create()
                .processes(layout, () -> ctx -> ctx.shutdown().await())
                .workload(ctx -> ctx.time().sleep(Duration.ofSeconds(60)))
                .faults(injector)
                .chaosDuration(Duration.ofSeconds(60))
                .traceAll()
                .seeds(1, 2)
                .run();
    }

    /** The subjects of the group cuts of every seed: which nodes each cut held together. */
    private static Set<String> groupsCut(SimulationReport report) {
        Set<String> groups = new TreeSet<>();
        for (RunResult r : report.runs()) {
            for (TimelineEntry e : r.timeline()) {
                if (e.what().equals("group cut made")) {
                    groups.add(e.subject());
                }
            }
        }
        return groups;
    }

    @Test
    void partitionZoneCutsWholeZones() {
        // three zones of two machines with one process each: dc1-z1 is 10.0.1.1-2, dc1-z2 .3-4, dc1-z3 .5-6
        SimulationReport report = run(Layout.of(1, 3, 2, 1), "partition_zone");
        report.assertPassed();
        Set<String> groups = groupsCut(report);
        assertTrue(groups.size() >= 2, "several zones were cut: " + groups);
        for (String g : groups) {
            assertTrue(
                    Set.of("{10.0.1.1, 10.0.1.2} -/- *", "{10.0.1.3, 10.0.1.4} -/- *", "{10.0.1.5, 10.0.1.6} -/- *")
                            .contains(g),
                    "a cut that is not one zone: " + g);
        }
    }

    @Test
    void partitionDatacenterCutsWholeDatacenters() {
        SimulationReport report = run(Layout.of(2, 1, 2, 1), "partition_datacenter");
        report.assertPassed();
        Set<String> groups = groupsCut(report);
        assertEquals(Set.of("{10.0.1.1, 10.0.1.2} -/- *", "{10.0.1.3, 10.0.1.4} -/- *"), groups);
    }

    @Test
    void withOneZoneNothingIsCut() {
        SimulationReport report = run(Layout.of(1, 1, 3, 1), "partition_zone");
        report.assertPassed();
        assertEquals(Set.of(), groupsCut(report));
        assertEquals(0L, report.faults().getOrDefault("group cut made", 0L));
    }
}
