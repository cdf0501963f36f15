package io.moonpool.junit.internal;

import io.moonpool.junit.SimulationTest;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.discovery.SelectorResolver;

/** Resolves class, method and unique-id selectors to class and method descriptors. */
final class SimulationSelectorResolver implements SelectorResolver {

    @Override
    public Resolution resolve(ClassSelector selector, Context context) {
        Class<?> c = selector.getJavaClass();
        if (!SimulationClasses.isCandidate(c)) {
            return Resolution.unresolved();
        }
        return context.addToParent(parent -> Optional.of(new SimulationClassDescriptor(parent.getUniqueId(), c)))
                .map(d -> Resolution.match(Match.exact(d, () -> methodSelectors(c))))
                .orElse(Resolution.unresolved());
    }

    @Override
    public Resolution resolve(MethodSelector selector, Context context) {
        Method method = selector.getJavaMethod();
        Class<?> c = selector.getJavaClass();
        if (!AnnotationSupport.isAnnotated(method, SimulationTest.class) || !SimulationClasses.isCandidate(c)) {
            return Resolution.unresolved();
        }
        return context.addToParent(
                        () -> DiscoverySelectors.selectClass(c),
                        parent -> Optional.of(new SimulationMethodDescriptor(parent.getUniqueId(), c, method)))
                .map(d -> Resolution.match(Match.exact(d)))
                .orElse(Resolution.unresolved());
    }

    @Override
    public Resolution resolve(UniqueIdSelector selector, Context context) {
        List<UniqueId.Segment> segments = selector.getUniqueId().getSegments();
        if (segments.size() < 2
                || !segments.getFirst().getValue().equals(SimulationTestEngine.ID)
                || !segments.get(1).getType().equals(SimulationClassDescriptor.SEGMENT)) {
            return Resolution.unresolved();
        }
        Optional<Class<?>> c =
                ReflectionSupport.tryToLoadClass(segments.get(1).getValue()).toOptional();
        if (c.isEmpty()) {
            return Resolution.unresolved();
        }
        if (segments.size() == 2) {
            return Resolution.selectors(Set.of(DiscoverySelectors.selectClass(c.get())));
        }
        // a method, or a failing seed under it (which reruns the whole method)
        if (segments.get(2).getType().equals(SimulationMethodDescriptor.SEGMENT)) {
            for (Method m : SimulationClasses.methods(c.get())) {
                if (SimulationMethodDescriptor.segmentValue(m)
                        .equals(segments.get(2).getValue())) {
                    return Resolution.selectors(Set.of(DiscoverySelectors.selectMethod(c.get(), m)));
                }
            }
        }
        return Resolution.unresolved();
    }

    private static Set<? extends DiscoverySelector> methodSelectors(Class<?> c) {
        Set<DiscoverySelector> selectors = new LinkedHashSet<>();
        for (Method m : SimulationClasses.methods(c)) {
            selectors.add(DiscoverySelectors.selectMethod(c, m));
        }
        return selectors;
    }
}
