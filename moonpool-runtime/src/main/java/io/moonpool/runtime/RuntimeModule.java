package io.moonpool.runtime;

import com.google.inject.AbstractModule;
import io.moonpool.api.Network;
import io.moonpool.api.Shutdown;
import io.moonpool.api.SimContext;
import io.moonpool.api.Storage;
import io.moonpool.api.Tasks;
import io.moonpool.api.Time;
import io.moonpool.api.Topology;
import java.util.random.RandomGenerator;

/**
 * Binds a node's providers for Guice, as the simulator binds a process life's: {@link NodeRuntime},
 * {@link SimContext}, {@link Time}, {@link Tasks}, {@link RandomGenerator}, {@link Topology}, {@link Shutdown},
 * and, resolved when asked for, {@link Network} and {@link Storage} (so a process that needs no storage runs on
 * a node without a data directory). A process class with an {@code @Inject} constructor then runs as in
 * simulation:
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new RuntimeModule(node), new MyModule());
 * node.run(injector.getInstance(KvServer.class));
 * }</pre>
 */
public final class RuntimeModule extends AbstractModule {

    private final NodeRuntime node;

    /**
     * A module for one node.
     *
     * @param node the node whose providers to bind
     * @throws NullPointerException if {@code node} is null
     */
    public RuntimeModule(NodeRuntime node) {
        this.node = java.util.Objects.requireNonNull(node, "node");
    }

    @Override
    protected void configure() {
        SimContext ctx = node.context();
        bind(NodeRuntime.class).toInstance(node);
        bind(SimContext.class).toInstance(ctx);
        bind(Time.class).toInstance(ctx.time());
        bind(Tasks.class).toInstance(ctx.tasks());
        bind(RandomGenerator.class).toInstance(ctx.random());
        bind(Topology.class).toInstance(ctx.topology());
        bind(Shutdown.class).toInstance(ctx.shutdown());
        bind(Network.class).toProvider(ctx::network);
        bind(Storage.class).toProvider(ctx::storage);
    }
}
