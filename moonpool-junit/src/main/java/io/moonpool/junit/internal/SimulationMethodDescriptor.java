package io.moonpool.junit.internal;

import java.lang.reflect.Method;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * One {@code @SimulationTest} method: a test (it fails on a coverage failure, a configuration error or any failing
 * seed) and a container of one dynamic {@link FailingSeedDescriptor} per failing seed.
 */
final class SimulationMethodDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "method";

    private final Class<?> testClass;
    private final Method method;

    SimulationMethodDescriptor(UniqueId parent, Class<?> testClass, Method method) {
        super(parent.append(SEGMENT, segmentValue(method)), method.getName(), MethodSource.from(testClass, method));
        this.testClass = testClass;
        this.method = method;
    }

    /** The method's unique-id segment: its name and parameter types, as {@code name(a.B)}. */
    static String segmentValue(Method method) {
        StringBuilder sb = new StringBuilder(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            sb.append(i == 0 ? "" : ",").append(types[i].getName());
        }
        return sb.append(')').toString();
    }

    Class<?> testClass() {
        return testClass;
    }

    Method method() {
        return method;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER_AND_TEST;
    }

    @Override
    public boolean mayRegisterTests() {
        return true;
    }
}
