package io.moonpool.archunit;

import com.tngtech.archunit.core.domain.JavaClass;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which imported classes are simulated code, as the user chose them.
 *
 * @param description the classes, as the rest of "no ... should" ({@code "classes in packages [com.acme.kv..]"})
 * @param contains    whether a class is one of them
 */
record SimulatedScope(String description, Predicate<JavaClass> contains) {

    /**
     * The classes marked with an annotation: on themselves, on an enclosing class, or on their package, directly
     * or through an annotation that carries it.
     */
    static SimulatedScope markedWith(String annotation) {
        return new SimulatedScope("classes marked @" + annotation, c -> markedWith(c, annotation));
    }

    private static boolean markedWith(JavaClass c, String annotation) {
        // a nested, anonymous or local class is simulated when the class around it is
        for (Optional<JavaClass> k = Optional.of(c); k.isPresent(); k = k.get().getEnclosingClass()) {
            JavaClass type = k.get();
            if (type.isAnnotatedWith(annotation)
                    || type.isMetaAnnotatedWith(annotation)
                    || type.getPackage().isAnnotatedWith(annotation)
                    || type.getPackage().isMetaAnnotatedWith(annotation)) {
                return true;
            }
        }
        return false;
    }
}
