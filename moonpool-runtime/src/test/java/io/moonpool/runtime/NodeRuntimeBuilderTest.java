package io.moonpool.runtime;

import static io.moonpool.runtime.NodeRuntimeTest.A;
import static io.moonpool.runtime.NodeRuntimeTest.B;
import static io.moonpool.runtime.NodeRuntimeTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moonpool.api.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What build() rejects, each problem naming its field and the fix, and the defaults it fills in. */
class NodeRuntimeBuilderTest {

    private static ConfigurationException rejected(NodeRuntime.Builder b) {
        return assertThrows(ConfigurationException.class, b::build);
    }

    private static NodeRuntime.Builder base() {
        return NodeRuntime.builder().ip(A).shutdownHook(false);
    }

    @Test
    void theIpIsRequired() {
        ConfigurationException e = rejected(NodeRuntime.builder().shutdownHook(false));
        assertEquals(1, e.problems().size(), e::getMessage);
        assertTrue(e.problems().getFirst().startsWith("ip is required"), e::getMessage);
    }

    @Test
    void theIpMustBeThisMachines() {
        // TEST-NET-1 (RFC 5737): never a local interface's address
        ConfigurationException e = rejected(base().ip(ip("192.0.2.1")));
        assertTrue(e.problems().getFirst().contains("ip 192.0.2.1 is not an address of this machine"), e::getMessage);
        assertTrue(e.problems().getFirst().contains("loopback"), e::getMessage);
        rejected(base().ip(ip("0.0.0.0")));
    }

    @Test
    void theTopologyMustContainTheNode() {
        StaticTopology other = StaticTopology.builder().process(B, Map.of()).build();
        ConfigurationException e = rejected(base().topology(other));
        assertTrue(e.problems().getFirst().startsWith("topology "), e::getMessage);
        assertTrue(e.problems().getFirst().contains("does not contain this node's ip 127.0.0.1"), e::getMessage);
        // as a workload it is in
        try (NodeRuntime n = base().topology(StaticTopology.builder()
                        .process(B, Map.of())
                        .workload(A)
                        .build())
                .build()) {
            assertEquals(List.of(B), n.context().topology().processIps());
            assertEquals(List.of(A), n.context().topology().workloadIps());
        }
    }

    @Test
    void theGracePeriodIsNotNegativeNorNull() {
        assertTrue(rejected(base().gracePeriod(Duration.ofSeconds(-1)))
                .problems()
                .getFirst()
                .startsWith("gracePeriod must not be negative"));
        assertTrue(rejected(base().gracePeriod(null)).problems().getFirst().startsWith("gracePeriod must not be null"));
    }

    @Test
    void aDataDirThatCannotBeCreatedIsNamed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        ConfigurationException e = rejected(base().dataDir(file));
        assertTrue(e.problems().getFirst().startsWith("dataDir " + file), e::getMessage);
    }

    @Test
    void everyProblemIsListedAtOnce() {
        ConfigurationException e = rejected(NodeRuntime.builder()
                .ip(ip("192.0.2.1"))
                .topology(StaticTopology.builder().process(B, Map.of()).build())
                .gracePeriod(Duration.ofMillis(-1))
                .shutdownHook(false));
        assertEquals(3, e.problems().size(), e::getMessage);
    }

    @Test
    void withoutADataDirStorageNamesIt() {
        try (NodeRuntime n = base().build()) {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> n.context().storage());
            assertTrue(e.getMessage().contains("dataDir"), e::getMessage);
        }
    }

    @Test
    void defaultsAreTheNodeAloneAsAProcessAndAFixedSeedReplays() {
        try (NodeRuntime n = base().seed(7).build();
                NodeRuntime m =
                        NodeRuntime.builder().ip(B).seed(7).shutdownHook(false).build()) {
            assertEquals(List.of(A), n.context().topology().processIps());
            assertEquals(List.of(), n.context().topology().workloadIps());
            assertEquals(Map.of(), n.context().topology().myTags());
            assertEquals(7, n.context().seed());
            assertEquals(n.context().random().nextLong(), m.context().random().nextLong());
            assertEquals(A, n.ip());
            assertEquals(List.of(A), n.context().state().processes());
        }
    }

    @Test
    void theStorageIsADirectoryPerNodeUnderTheDataDir(@TempDir Path dir) throws Exception {
        try (NodeRuntime a = base().dataDir(dir).build();
                NodeRuntime b = NodeRuntime.builder()
                        .ip(B)
                        .dataDir(dir)
                        .shutdownHook(false)
                        .build()) {
            a.context()
                    .storage()
                    .open("x", java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)
                    .close();
            assertTrue(Files.isRegularFile(dir.resolve("127.0.0.1").resolve("x")));
            assertEquals(List.of(), b.context().storage().list());
        }
    }
}
