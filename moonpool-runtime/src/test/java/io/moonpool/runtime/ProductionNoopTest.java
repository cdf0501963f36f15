package io.moonpool.runtime;

import static io.moonpool.runtime.NodeRuntimeTest.A;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.moonpool.api.Assertions;
import io.moonpool.api.Buggify;
import org.junit.jupiter.api.Test;

/** Outside a simulation, assertions check nothing and buggify never fires, also on a node's tasks. */
class ProductionNoopTest {

    @Test
    void assertionsAndBuggifyDoNothingOnANode() throws Exception {
        try (NodeRuntime node = NodeRuntime.builder().ip(A).shutdownHook(false).build()) {
            String outcome = node.context()
                    .tasks()
                    .spawn("asserts", () -> {
                        Assertions.always(false, "never checked in production");
                        Assertions.unreachable("never checked in production either");
                        Assertions.alwaysGreaterThan(0, 1, "nor this");
                        boolean fired = false;
                        for (int i = 0; i < 1_000; i++) {
                            fired |= Buggify.fire("runtime.site") || Buggify.fire("runtime.site", 1.0);
                        }
                        return "fired=" + fired + " enabled=" + Buggify.enabled();
                    })
                    .join();
            assertEquals("fired=false enabled=false", outcome);
            node.context().metrics().record("ignored", 1);
        }
    }
}
