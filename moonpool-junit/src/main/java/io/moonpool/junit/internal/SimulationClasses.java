package io.moonpool.junit.internal;

import io.moonpool.junit.SimulationTest;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/** Which classes and methods hold simulation tests. */
final class SimulationClasses {

    private SimulationClasses() {}

    /** A concrete, non-private class with at least one {@code @SimulationTest} method. */
    static boolean isCandidate(Class<?> c) {
        int m = c.getModifiers();
        return !Modifier.isAbstract(m)
                && !Modifier.isPrivate(m)
                && !c.isInterface()
                && !c.isAnonymousClass()
                && !c.isLocalClass()
                && (c.getEnclosingClass() == null || Modifier.isStatic(m))
                && !methods(c).isEmpty();
    }

    /** Its {@code @SimulationTest} methods, inherited ones too, in a stable order (by name, then signature). */
    static List<Method> methods(Class<?> c) {
        List<Method> found = new ArrayList<>(ReflectionSupport.findMethods(
                c, m -> AnnotationSupport.isAnnotated(m, SimulationTest.class), HierarchyTraversalMode.TOP_DOWN));
        found.sort(Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
        return found;
    }
}
