package io.moonpool.junit.internal;

import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;

/**
 * The JUnit Platform engine of {@code @SimulationTest} methods. An engine of its own rather than a Jupiter
 * extension because Jupiter rejects test methods that return a value, and the natural simulation test returns
 * its {@code SimulationBuilder}; it also lets every failing seed be a test of its own.
 *
 * <p>Discovery accepts class, method, package, class-path-root, module and unique-id selectors; every method has a
 * {@link org.junit.platform.engine.support.descriptor.MethodSource}, which is what Surefire's
 * {@code -Dtest=Class#method} filters on.
 */
public final class SimulationTestEngine implements TestEngine {

    /** The engine's id, in unique ids and in {@code junit.platform} engine filters. */
    public static final String ID = "moonpool";

    /** Made by the platform's {@link java.util.ServiceLoader}. */
    public SimulationTestEngine() {}

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public java.util.Optional<String> getGroupId() {
        return java.util.Optional.of("io.moonpool");
    }

    @Override
    public java.util.Optional<String> getArtifactId() {
        return java.util.Optional.of("moonpool-junit");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "Moonpool simulations");
        EngineDiscoveryRequestResolver.<EngineDescriptor>builder()
                .addClassContainerSelectorResolver(SimulationClasses::isCandidate)
                .addSelectorResolver(new SimulationSelectorResolver())
                .build()
                .resolve(request, engine);
        return engine;
    }

    @Override
    public void execute(ExecutionRequest request) {
        new SimulationExecution(request.getEngineExecutionListener(), request.getConfigurationParameters())
                .executeEngine(request.getRootTestDescriptor());
    }
}
