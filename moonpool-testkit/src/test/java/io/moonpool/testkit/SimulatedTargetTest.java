package io.moonpool.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The simulated target runs bodies on nodes, fails naming the node, and bounds every case. */
class SimulatedTargetTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    void bodiesRunAtOnceOnNodesOfTheirOwn() {
        List<InetAddress> seen = new ArrayList<>();
        CompletableFuture<String> handOver = new CompletableFuture<>();
        new SimulatedTarget()
                .run(
                        LIMIT,
                        List.of(
                                (ctx, nodes) -> {
                                    handOver.complete("from 0");
                                    seen.add(ctx.ip());
                                    assertEquals(ctx.ip(), nodes.get(0));
                                },
                                (ctx, nodes) -> {
                                    assertEquals("from 0", handOver.get()); // waits for its peer
                                    assertEquals(ctx.ip(), nodes.get(1));
                                    assertEquals(nodes.get(0), NodeBody.other(ctx, nodes));
                                }));
        assertEquals(
                List.of("10.0.0.1"),
                seen.stream().map(InetAddress::getHostAddress).toList());
    }

    @Test
    void aFailingBodyFailsTheCaseNamingItsNode() {
        IllegalStateException thrown = new IllegalStateException("boom");
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> new SimulatedTarget().run(LIMIT, List.of((ctx, nodes) -> {}, (ctx, nodes) -> {
                    throw thrown;
                })));
        assertTrue(
                e.getMessage().startsWith("node 10.0.0.2 failed: java.lang.IllegalStateException: boom"),
                e.getMessage());
        assertEquals(thrown, e.getCause());
    }

    @Test
    void aCaseThatCannotEndFailsWithTheSimulatorsReason() {
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> new SimulatedTarget().run(LIMIT, List.of((ctx, nodes) -> new CompletableFuture<>().get())));
        assertTrue(e.getMessage().startsWith("the simulated case failed: "), e.getMessage());
        assertTrue(e.getMessage().contains(".seeds(1L)"), e.getMessage());
    }

    @Test
    void theLimitIsSimulatedTime() {
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> new SimulatedTarget()
                        .run(
                                Duration.ofSeconds(1),
                                List.of((ctx, nodes) -> ctx.time().sleep(Duration.ofHours(1)))));
        assertTrue(e.getMessage().startsWith("the simulated case failed: "), e.getMessage());
    }

    @Test
    void aMissingNetworkNamesItsArtifact() {
        // moonpool-testkit's own tests have neither moonpool-net nor moonpool-storage on their path
        AssertionError e = assertThrows(
                AssertionError.class, () -> new SimulatedTarget().run(LIMIT, List.of((ctx, nodes) -> ctx.network())));
        assertTrue(e.getMessage().contains("moonpool-net"), e.getMessage());
        AssertionError storage = assertThrows(
                AssertionError.class, () -> new SimulatedTarget().run(LIMIT, List.of((ctx, nodes) -> ctx.storage())));
        assertTrue(storage.getMessage().contains("moonpool-storage"), storage.getMessage());
        assertInstanceOf(RuntimeException.class, storage.getCause());
    }

    @Test
    void badArgumentsAreRefused() {
        SimulatedTarget target = new SimulatedTarget();
        assertThrows(IllegalArgumentException.class, () -> target.run(LIMIT, List.of()));
        assertThrows(IllegalArgumentException.class, () -> target.run(Duration.ZERO, List.of((ctx, nodes) -> {})));
    }
}
