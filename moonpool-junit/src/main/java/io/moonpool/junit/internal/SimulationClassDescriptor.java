package io.moonpool.junit.internal;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;

/** A class holding simulation tests: a container of {@link SimulationMethodDescriptor}s. */
final class SimulationClassDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "class";

    private final Class<?> testClass;

    SimulationClassDescriptor(UniqueId parent, Class<?> testClass) {
        super(parent.append(SEGMENT, testClass.getName()), testClass.getSimpleName(), ClassSource.from(testClass));
        this.testClass = testClass;
    }

    Class<?> testClass() {
        return testClass;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public String getLegacyReportingName() {
        return testClass.getName();
    }
}
