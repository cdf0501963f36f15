package io.moonpool.runtime;

import com.google.inject.AbstractModule;

/**
 * Binds a node's providers for Guice, as the simulator binds a process life's.
 *
 * <p>SKELETON: the implementation lands with issue 13.
 */
public final class RuntimeModule extends AbstractModule {

    private final NodeRuntime node;

    /**
     * A module for one node.
     *
     * @param node the node whose providers to bind
     */
    public RuntimeModule(NodeRuntime node) {
        this.node = java.util.Objects.requireNonNull(node, "node");
    }

    @Override
    protected void configure() {
        bind(NodeRuntime.class).toInstance(node);
    }
}
