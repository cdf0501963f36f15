package io.moonpool.archunit;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Recognises calls (and method or constructor references) to one JDK type's methods or constructors in byte
 * code, as ArchUnit imported it.
 *
 * <p>A call's owner is the type the byte code names, which is often a subtype of the one that declares the
 * method ({@code ArrayList.parallelStream()}, {@code CompletableFuture.thenApplyAsync(...)}), so most patterns
 * also match subtypes. ArchUnit knows a JDK owner's supertypes only when it resolved them from the class path
 * (its default); when it did not, the JDK is asked directly, so the rules find the same calls under any
 * ArchUnit configuration.
 *
 * @param owner      the fully qualified name of the type
 * @param subtypes   whether calls whose owner is a subtype of {@code owner} match too
 * @param name       which method names match ({@code "<init>"} for constructors)
 * @param parameters which raw parameter lists match
 */
record CallPattern(String owner, boolean subtypes, Predicate<String> name, Predicate<List<JavaClass>> parameters)
        implements Predicate<JavaAccess<?>> {

    private static final String CONSTRUCTOR = "<init>";

    /** JDK types looked up by name, when ArchUnit did not resolve their supertypes; empty if not loadable. */
    private static final Map<String, Optional<Class<?>>> JDK_TYPES = new ConcurrentHashMap<>();

    /** Calls to methods or constructors declared on {@code owner} itself, any name, any parameters. */
    static CallPattern on(String owner) {
        return new CallPattern(owner, false, n -> true, p -> true);
    }

    /** The same, matching calls whose owner is a subtype of this pattern's owner too. */
    CallPattern orSubtypes() {
        return new CallPattern(owner, true, name, parameters);
    }

    /** Only the methods with one of these names. */
    CallPattern named(String... names) {
        Set<String> set = Set.of(names);
        return new CallPattern(owner, subtypes, set::contains, parameters);
    }

    /** Only the methods whose name passes {@code test}. */
    CallPattern namedLike(Predicate<String> test) {
        return new CallPattern(owner, subtypes, test, parameters);
    }

    /** Only the constructors. */
    CallPattern constructors() {
        return named(CONSTRUCTOR);
    }

    /** Only the methods or constructors with no parameter. */
    CallPattern withoutParameters() {
        return new CallPattern(owner, subtypes, name, List::isEmpty);
    }

    /** Only the methods or constructors with exactly {@code count} parameters. */
    CallPattern withParameterCount(int count) {
        return new CallPattern(owner, subtypes, name, p -> p.size() == count);
    }

    /** Only the methods or constructors none of whose parameters is a {@code type} (or a subtype of it). */
    CallPattern withoutParameterOf(String type) {
        return new CallPattern(owner, subtypes, name, p -> p.stream().noneMatch(t -> isA(t, type)));
    }

    /** Only the methods or constructors whose parameter list passes {@code test}. */
    CallPattern withParameters(Predicate<List<JavaClass>> test) {
        return new CallPattern(owner, subtypes, name, test);
    }

    @Override
    public boolean test(JavaAccess<?> access) {
        // field accesses have no parameters and are never banned
        if (!(access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget target)) {
            return false;
        }
        if (!name.test(target.getName()) || !parameters.test(target.getRawParameterTypes())) {
            return false;
        }
        JavaClass targetOwner = target.getOwner();
        return subtypes ? isA(targetOwner, owner) : targetOwner.getName().equals(owner);
    }

    /** Whether {@code type} is {@code typeName} or a subtype of it. */
    static boolean isA(JavaClass type, String typeName) {
        if (type.getName().equals(typeName) || type.isAssignableTo(typeName)) {
            return true;
        }
        return isJdkSubtype(type.getName(), typeName);
    }

    private static boolean isJdkSubtype(String typeName, String supertypeName) {
        if (!typeName.startsWith("java.")) {
            return false;
        }
        Optional<Class<?>> type = jdkType(typeName);
        Optional<Class<?>> supertype = jdkType(supertypeName);
        return type.isPresent() && supertype.isPresent() && supertype.get().isAssignableFrom(type.get());
    }

    private static Optional<Class<?>> jdkType(String name) {
        return JDK_TYPES.computeIfAbsent(name, n -> {
            try {
                // not initialised: only the type's place in the hierarchy is needed
                return Optional.of(Class.forName(n, false, ClassLoader.getPlatformClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.empty();
            }
        });
    }
}
