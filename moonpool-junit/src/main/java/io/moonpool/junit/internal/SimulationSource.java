package io.moonpool.junit.internal;

import io.moonpool.api.ConfigurationException;
import io.moonpool.sim.SimulationBuilder;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.platform.commons.support.ReflectionSupport;

/** Gets the builder of a {@code @SimulationTest} method: its return value, or the one it was handed. */
final class SimulationSource {

    private SimulationSource() {}

    /**
     * Calls the method on a new instance of its class (none for a static method) and returns the configured builder,
     * with the method as its {@code source}, so that a run of many seeds uses worker JVMs.
     *
     * @throws ConfigurationException if the method has neither accepted signature, or returned null
     */
    static SimulationBuilder builder(Class<?> testClass, Method method) {
        boolean returnsBuilder = method.getParameterCount() == 0 && method.getReturnType() == SimulationBuilder.class;
        boolean receivesBuilder = method.getParameterCount() == 1
                && method.getParameterTypes()[0] == SimulationBuilder.class
                && method.getReturnType() == void.class;
        String name = testClass.getName() + "." + method.getName();
        if (!returnsBuilder && !receivesBuilder) {
            throw new ConfigurationException(List.of("@SimulationTest method " + name + " must either return a"
                    + " SimulationBuilder and take no parameter, or take one SimulationBuilder and return void:"
                    + " change its signature to 'SimulationBuilder " + method.getName() + "()' or 'void "
                    + method.getName() + "(SimulationBuilder sim)'"));
        }
        Object target = Modifier.isStatic(method.getModifiers()) ? null : ReflectionSupport.newInstance(testClass);
        if (returnsBuilder) {
            Object built = ReflectionSupport.invokeMethod(method, target);
            if (built == null) {
                throw new ConfigurationException(List.of("@SimulationTest method " + name + " returned null: return"
                        + " the configured builder, e.g. 'return SimulationBuilder.create().workload(...);'"));
            }
            // the method is the recipe worker JVMs rebuild the simulation from (parallelism)
            return ((SimulationBuilder) built).source(testClass, method.getName());
        }
        SimulationBuilder builder = SimulationBuilder.create();
        ReflectionSupport.invokeMethod(method, target, builder);
        return builder.source(testClass, method.getName());
    }
}
