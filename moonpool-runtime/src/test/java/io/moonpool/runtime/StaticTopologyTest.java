package io.moonpool.runtime;

import static io.moonpool.runtime.NodeRuntimeTest.A;
import static io.moonpool.runtime.NodeRuntimeTest.B;
import static io.moonpool.runtime.NodeRuntimeTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.Topology;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
}
