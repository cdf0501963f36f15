package io.moonpool.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.FailureDomain;
import io.moonpool.api.Locality;
import io.moonpool.api.Topology;
import io.moonpool.api.fault.Attrition;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Localities: ids, domains and their processes, what each node sees, shapes drawn per seed, bad placements. */
class LocalityTest {

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static List<InetAddress> ips(int... hosts) {
        List<InetAddress> ips = new ArrayList<>();
        for (int h : hosts) {
            ips.add(ip("10.0.1." + h));
        }
        return ips;
    }

    @Test
    void byDefaultEachProcessIsItsOwnMachineInOneZoneOfOneDatacenter() {
        Map<String, Optional<Locality>> mine = new TreeMap<>();
        SimulationBuilder.create()
                .processes(
                        3,
                        () -> ctx -> mine.put(
                                ctx.ip().getHostAddress(), ctx.topology().myLocality()))
                .workload(ctx -> {
                    Topology t = ctx.topology();
                    assertEquals(Optional.empty(), t.myLocality());
                    assertEquals(new Locality("dc1", "dc1-z1", "dc1-z1-m2"), t.locality(ip("10.0.1.2")));
                    assertEquals(List.of("dc1-z1-m1", "dc1-z1-m2", "dc1-z1-m3"), t.domains(FailureDomain.MACHINE));
                    assertEquals(List.of("dc1-z1"), t.domains(FailureDomain.ZONE));
                    assertEquals(List.of("dc1"), t.domains(FailureDomain.DATACENTER));
                    assertEquals(List.of("10.0.1.1", "10.0.1.2", "10.0.1.3"), t.domains(FailureDomain.PROCESS));
                    assertEquals(ips(1, 2, 3), t.ipsIn(FailureDomain.DATACENTER, "dc1"));
                    assertEquals(ips(3), t.ipsIn(FailureDomain.MACHINE, "dc1-z1-m3"));
                    assertEquals(ips(2), t.ipsIn(FailureDomain.PROCESS, "10.0.1.2"));
                    assertEquals(List.of(), t.ipsIn(FailureDomain.MACHINE, "dc1-z1-m4"));
                    assertEquals(List.of(), t.ipsIn(FailureDomain.PROCESS, "10.0.1.4"));
                    assertEquals(List.of(), t.ipsIn(FailureDomain.PROCESS, "10.0.1.02"));
                    IllegalArgumentException e =
                            assertThrows(IllegalArgumentException.class, () -> t.locality(ctx.ip()));
                    assertTrue(e.getMessage().contains("not a process"), e.getMessage());
                    assertThrows(
                            UnsupportedOperationException.class,
                            () -> t.domains(FailureDomain.MACHINE).add("x"));
                })
                .seeds(1)
                .run()
                .assertPassed();
        assertEquals(Optional.of(new Locality("dc1", "dc1-z1", "dc1-z1-m1")), mine.get("10.0.1.1"));
        assertEquals(Optional.of(new Locality("dc1", "dc1-z1", "dc1-z1-m3")), mine.get("10.0.1.3"));
    }

    @Test
    void aLayoutPlacesProcessesContiguouslyWithHierarchicalIds() {
        Map<String, Optional<Locality>> mine = new TreeMap<>();
        SimulationBuilder.create()
                .processes(
                        Layout.of(2, 2, 2, 2),
                        () -> ctx -> mine.put(
                                ctx.ip().getHostAddress(), ctx.topology().myLocality()))
                .workload(ctx -> {
                    Topology t = ctx.topology();
                    assertEquals(16, t.processIps().size());
                    assertEquals(List.of("dc1-z1", "dc1-z2", "dc2-z1", "dc2-z2"), t.domains(FailureDomain.ZONE));
                    assertEquals(List.of("dc1", "dc2"), t.domains(FailureDomain.DATACENTER));
                    assertEquals(8, t.domains(FailureDomain.MACHINE).size());
                    assertEquals("dc2-z1-m2", t.domains(FailureDomain.MACHINE).get(5));
                    // process i (from 0) on machine i / 2, in zone i / 4, in datacenter i / 8
                    assertEquals(ips(11, 12), t.ipsIn(FailureDomain.MACHINE, "dc2-z1-m2"));
                    assertEquals(ips(5, 6, 7, 8), t.ipsIn(FailureDomain.ZONE, "dc1-z2"));
                    assertEquals(ips(9, 10, 11, 12, 13, 14, 15, 16), t.ipsIn(FailureDomain.DATACENTER, "dc2"));
                    assertEquals(new Locality("dc2", "dc2-z2", "dc2-z2-m1"), t.locality(ip("10.0.1.14")));
                    // ids are unique in the cluster: no zone 3, no machine 3, no short forms
                    for (String bad : new String[] {"dc1-z3", "dc3", "dc01-z1", "z1", "dc1-z1-", ""}) {
                        assertEquals(List.of(), t.ipsIn(FailureDomain.ZONE, bad), bad);
                    }
                    assertEquals(List.of(), t.ipsIn(FailureDomain.MACHINE, "dc1-z1-m3"));
                    assertEquals(List.of(), t.ipsIn(FailureDomain.MACHINE, "dc1-z1"));
                })
                .seeds(1)
                .run()
                .assertPassed();
        assertEquals(Optional.of(new Locality("dc1", "dc1-z1", "dc1-z1-m1")), mine.get("10.0.1.2"));
        assertEquals(Optional.of(new Locality("dc2", "dc2-z2", "dc2-z2-m2")), mine.get("10.0.1.16"));
    }

    @Test
    void totalsSpreadProcessesOverMachinesZonesAndDatacenters() {
        SimulationBuilder.create()
                .processes(10, () -> ctx -> {})
                .machines(4)
                .zones(2)
                .datacenters(2)
                .workload(ctx -> {
                    Topology t = ctx.topology();
                    // process i on machine floor(i * 4 / 10): 0 0 0 1 1 2 2 2 3 3; machine j in zone j / 2
                    assertEquals(
                            List.of("dc1-z1-m1", "dc1-z1-m2", "dc2-z1-m1", "dc2-z1-m2"),
                            t.domains(FailureDomain.MACHINE));
                    assertEquals(ips(1, 2, 3), t.ipsIn(FailureDomain.MACHINE, "dc1-z1-m1"));
                    assertEquals(ips(4, 5), t.ipsIn(FailureDomain.MACHINE, "dc1-z1-m2"));
                    assertEquals(ips(6, 7, 8), t.ipsIn(FailureDomain.MACHINE, "dc2-z1-m1"));
                    assertEquals(ips(6, 7, 8, 9, 10), t.ipsIn(FailureDomain.DATACENTER, "dc2"));
                    assertEquals(List.of("dc1-z1", "dc2-z1"), t.domains(FailureDomain.ZONE));
                })
                .seeds(1)
                .run()
                .assertPassed();
    }

    @Test
    void aSeedsShapeIsDrawnOnceAndTheSameForTheSameSeedAlsoInAFreshJvm() throws Exception {
        List<String> shapes = LayoutShapeMain.shapes(20);
        assertEquals(shapes, LayoutShapeMain.shapes(20), "the same seeds drew other shapes");
        assertTrue(new java.util.TreeSet<>(shapes).size() > 5, "shapes hardly differ across seeds: " + shapes);
        for (String shape : shapes) {
            // products agree: p = m x processes per machine, every count within its range
            String[] parts = shape.split("/");
            int p = Integer.parseInt(parts[0].replace("p", ""));
            int m = Integer.parseInt(parts[1].replace("m", ""));
            assertTrue(p % m == 0 && p / m >= 1 && p / m <= 3, shape);
        }
        ForkedJvm.Result forked = ForkedJvm.run(LayoutShapeMain.class, true, List.of());
        assertEquals(0, forked.exitCode(), forked.output());
        assertEquals(
                String.join(";", shapes),
                forked.output().lines().reduce((a, b) -> b).orElse(""));
    }

    @Test
    void theShapeIsTheFirstEntryOfTheTimelineAndDrawsNothingFromTheSimulationStream() {
        for (long seed = 1; seed <= 8; seed++) {
            RunResult shaped = SimulationBuilder.create()
                    .processes(
                            LayoutShapeMain.RANGES,
                            () -> ctx -> ctx.time()
                                    .sleep(Duration.ofMillis(ctx.random().nextInt(100))))
                    .workload(ctx ->
                            ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(100))))
                    .seeds(seed)
                    .traceAll()
                    .run()
                    .runs()
                    .getFirst();
            TimelineEntry first = shaped.timeline().stream()
                    .filter(e -> e.what().equals("layout"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no layout entry"));
            int processes = (int) first.value();
            assertTrue(
                    first.subject().matches("\\d dc x \\d zones? x \\d machines? x \\d process(es)?"), first.subject());
            // the same number of plain processes: the same draws, so the same trace
            RunResult plain = SimulationBuilder.create()
                    .processes(
                            processes,
                            () -> ctx -> ctx.time()
                                    .sleep(Duration.ofMillis(ctx.random().nextInt(100))))
                    .workload(ctx ->
                            ctx.time().sleep(Duration.ofMillis(ctx.random().nextInt(100))))
                    .seeds(seed)
                    .run()
                    .runs()
                    .getFirst();
            assertEquals(plain.traceHash(), shaped.traceHash(), "seed " + seed + ": the layout shifted other draws");
        }
        RunResult unconfigured = SimulationBuilder.create()
                .processes(2, () -> ctx -> {})
                .workload(ctx -> {})
                .seeds(1)
                .traceAll()
                .run()
                .runs()
                .getFirst();
        assertTrue(unconfigured.timeline().stream().noneMatch(e -> e.what().equals("layout")));
    }

    @Test
    void badPlacementsFailNamingTheProblem() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> Layout.builder().datacenters(0).machinesPerZone(3, 2).build());
        assertTrue(e.getMessage().contains("datacenters must be at least 1"), e.getMessage());
        assertTrue(
                e.getMessage().contains("machinesPerZone range has its minimum 3 above its maximum 2"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> Layout.of(10, 10, 30, 30));
        assertTrue(e.getMessage().contains("90000 processes, above the limit of 64770"), e.getMessage());

        e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .processes(3, () -> ctx -> {})
                        .machines(4)
                        .zones(5)
                        .workload(ctx -> {})
                        .run());
        assertTrue(e.getMessage().contains("1 <= datacenters <= zones <= machines <= processes"), e.getMessage());
        e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .processes(Layout.of(1, 1, 2, 1), () -> ctx -> {})
                        .machines(2)
                        .workload(ctx -> {})
                        .run());
        assertTrue(e.getMessage().contains("cannot be combined with processes(layout, ...)"), e.getMessage());
        e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .processes(4, () -> ctx -> {})
                        .attrition(Attrition.builder().scope(FailureDomain.ZONE).build())
                        .chaosDuration(Duration.ofSeconds(1))
                        .workload(ctx -> {})
                        .run());
        assertTrue(e.getMessage().contains("scope ZONE and must be below their number, 1"), e.getMessage());
        e = assertThrows(
                ConfigurationException.class,
                () -> SimulationBuilder.create()
                        .processes(
                                Layout.builder()
                                        .datacenters(1, 3)
                                        .zonesPerDatacenter(2)
                                        .build(),
                                () -> ctx -> {})
                        .attrition(Attrition.builder()
                                .scope(FailureDomain.DATACENTER)
                                .build())
                        .chaosDuration(Duration.ofSeconds(1))
                        .workload(ctx -> {})
                        .run());
        assertTrue(e.getMessage().contains("below their number, 1 (the fewest the layout can draw)"), e.getMessage());
        assertNotEquals(null, Attrition.builder().scope(FailureDomain.MACHINE).build());
    }
}
