package io.moonpool.runtime;

import static io.moonpool.runtime.NodeRuntimeTest.A;
import static io.moonpool.runtime.NodeRuntimeTest.B;
import static io.moonpool.runtime.NodeRuntimeTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.FailureDomain;
import io.moonpool.api.Locality;
import io.moonpool.api.Topology;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A static topology answers as the simulator's: nodes in the order added, tags in key order. */
class StaticTopologyTest {

    static final InetAddress C = ip("127.0.0.3");
    static final InetAddress D = ip("127.0.0.4");

    @Test
    void nodesKeepTheirOrderAndTagsIterateInKeyOrder() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("zone", "b");
        tags.put("role", "replica");
        StaticTopology t = StaticTopology.builder()
                .process(C, Map.of("zone", "a"))
                .workload(D)
                .process(A, tags)
                .process(B, Map.of("zone", "b"))
                .build();
        try (NodeRuntime n =
                NodeRuntime.builder().ip(A).topology(t).shutdownHook(false).build()) {
            Topology topology = n.context().topology();
            assertEquals(List.of(C, A, B), topology.processIps());
            assertEquals(List.of(D), topology.workloadIps());
            assertEquals(
                    List.of("role", "zone"), new ArrayList<>(topology.myTags().keySet()));
            assertEquals(List.of(A, B), topology.ipsTagged("zone", "b"));
            assertEquals(List.of(), topology.ipsTagged("zone", "c"));
            assertThrows(
                    UnsupportedOperationException.class,
                    () -> topology.processIps().add(D));
            assertThrows(
                    UnsupportedOperationException.class, () -> topology.myTags().put("x", "y"));
            // the state lists processes in IP order, as the simulator's
            assertEquals(List.of(A, B, C), n.context().state().processes());
        }
    }

    @Test
    void duplicatesAndNullsAreRejectedTogether() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> StaticTopology.builder()
                        .process(A, Map.of())
                        .workload(A)
                        .process(null, Map.of())
                        .process(B, null)
                        .process(C, nullValue)
                        .build());
        assertEquals(4, e.problems().size(), e::getMessage);
        assertTrue(e.problems().get(0).contains("127.0.0.1 is added twice"), e::getMessage);
        assertTrue(e.problems().get(1).contains("ip must not be null"), e::getMessage);
        assertTrue(e.problems().get(2).contains("tags of 127.0.0.2 must not be null"), e::getMessage);
        assertTrue(e.problems().get(3).contains("null key or value"), e::getMessage);
    }

    @Test
    void processesHaveTheirLocalityOrTheirOwnMachineByDefault() {
        Locality east = new Locality("east", "east-a", "host-1");
        StaticTopology t = StaticTopology.builder()
                .process(A, Map.of(), east)
                .process(B, Map.of(), new Locality("east", "east-b", "host-2"))
                .process(C, Map.of("role", "x"))
                .workload(D)
                .process(ip("127.0.0.5"), Map.of(), east)
                .build();
        try (NodeRuntime n =
                NodeRuntime.builder().ip(A).topology(t).shutdownHook(false).build()) {
            Topology topology = n.context().topology();
            assertEquals(Optional.of(east), topology.myLocality());
            assertEquals(new Locality("dc1", "dc1-z1", "127.0.0.3"), topology.locality(C));
            assertThrows(IllegalArgumentException.class, () -> topology.locality(D));
            assertEquals(List.of("host-1", "host-2", "127.0.0.3"), topology.domains(FailureDomain.MACHINE));
            assertEquals(List.of("east-a", "east-b", "dc1-z1"), topology.domains(FailureDomain.ZONE));
            assertEquals(List.of("east", "dc1"), topology.domains(FailureDomain.DATACENTER));
            assertEquals(
                    List.of("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.5"),
                    topology.domains(FailureDomain.PROCESS));
            assertEquals(List.of(A, ip("127.0.0.5")), topology.ipsIn(FailureDomain.MACHINE, "host-1"));
            assertEquals(List.of(A, B, ip("127.0.0.5")), topology.ipsIn(FailureDomain.DATACENTER, "east"));
            assertEquals(List.of(C), topology.ipsIn(FailureDomain.PROCESS, "127.0.0.3"));
            assertEquals(List.of(), topology.ipsIn(FailureDomain.ZONE, "west-a"));
        }
        try (NodeRuntime w =
                NodeRuntime.builder().ip(D).topology(t).shutdownHook(false).build()) {
            assertEquals(Optional.empty(), w.context().topology().myLocality(), "a workload has none");
        }
    }

    @Test
    void localitiesMustBeGivenAndTheirIdsUniqueInTheCluster() {
        ConfigurationException e = assertThrows(
                ConfigurationException.class,
                () -> StaticTopology.builder()
                        .process(A, Map.of(), null)
                        .process(B, Map.of(), new Locality("east", "east-a", "m1"))
                        .process(C, Map.of(), new Locality("east", "east-b", "m1"))
                        .process(D, Map.of(), new Locality("west", "east-b", "m2"))
                        .build());
        assertEquals(3, e.problems().size(), e::getMessage);
        assertTrue(e.problems().get(0).contains("locality of 127.0.0.1 must not be null"), e::getMessage);
        assertTrue(
                e.problems().get(1).contains("machine 'm1' of 127.0.0.3 is in zone 'east-b' and in zone 'east-a'"),
                e::getMessage);
        assertTrue(e.problems().get(2).contains("zone 'east-b' of 127.0.0.4 is in datacenter 'west'"), e::getMessage);
        ConfigurationException blank = assertThrows(ConfigurationException.class, () -> new Locality("dc1", " ", null));
        assertEquals(2, blank.problems().size(), blank::getMessage);
        assertThrows(IllegalArgumentException.class, () -> new Locality("a", "b", "c").id(FailureDomain.PROCESS));
    }
}
