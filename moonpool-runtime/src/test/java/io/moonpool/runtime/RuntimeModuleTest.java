package io.moonpool.runtime;

import static io.moonpool.runtime.NodeRuntimeTest.A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import io.moonpool.api.SimContext;
import io.moonpool.api.Storage;
import org.junit.jupiter.api.Test;

/** A process class with an {@code @Inject} constructor runs on a node through Guice, as in simulation. */
class RuntimeModuleTest {

    @Test
    void anInjectedProcessGetsTheNodesProviders() throws Exception {
        try (NodeRuntime node = NodeRuntime.builder().ip(A).shutdownHook(false).build()) {
            Injector injector = Guice.createInjector(
                    new RuntimeModule(node), binder -> binder.bind(String.class).toInstance("hello"));
            InjectedGreeter g = injector.getInstance(InjectedGreeter.class);
            SimContext ctx = node.context();
            assertSame(ctx.time(), g.time);
            assertSame(ctx.tasks(), g.tasks);
            assertSame(ctx.random(), g.random);
            assertSame(ctx.topology(), g.topology);
            assertSame(ctx.shutdown(), g.shutdown);
            assertSame(ctx.network(), g.network);
            assertSame(node, injector.getInstance(NodeRuntime.class));
            assertSame(ctx, injector.getInstance(SimContext.class));
            node.run(g);
            assertEquals("hello from 127.0.0.1", g.seen);
            // storage is resolved when asked for: this node has none, and only asking fails
            assertThrows(ProvisionException.class, () -> injector.getInstance(Storage.class));
        }
    }
}
