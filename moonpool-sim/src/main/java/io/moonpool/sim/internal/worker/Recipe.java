package io.moonpool.sim.internal.worker;

import io.moonpool.sim.SimulationBuilder;
import io.moonpool.sim.internal.runner.Settings;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a fresh JVM rebuilds a simulation's builder, which cannot cross JVMs itself (its workloads and factories
 * are objects and lambdas): a method, static or on a class with a no-argument constructor, that either takes no
 * parameter and returns the configured {@link SimulationBuilder}, or takes a {@link SimulationBuilder} and
 * configures it.
 *
 * @param type   the class that declares the method
 * @param method the method's name
 */
public record Recipe(Class<?> type, String method) {

    private static volatile Function<SimulationBuilder, Settings> settingsOf;

    /** Checks the components. */
    public Recipe {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(method, "method");
    }

    /**
     * Lets this package read what a builder collected; {@link SimulationBuilder} installs it when its class
     * is initialised.
     *
     * @param access the builder's settings
     */
    public static void install(Function<SimulationBuilder, Settings> access) {
        settingsOf = access;
    }

    /**
     * What is wrong with the recipe, checked in the parent before any worker starts.
     *
     * @return the problem, naming the fix, or empty
     */
    public Optional<String> problem() {
        try {
            target();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Calls the method and gives the builder it made or configured.
     *
     * @return the builder
     * @throws IllegalArgumentException if the method is not of a supported shape
     * @throws IllegalStateException    if calling it failed, with its exception as the cause
     */
    public SimulationBuilder builder() {
        Method m = target();
        try {
            Object owner = null;
            if (!Modifier.isStatic(m.getModifiers())) {
                Constructor<?> c = type.getDeclaredConstructor();
                c.setAccessible(true);
                owner = c.newInstance();
            }
            m.setAccessible(true);
            if (m.getParameterCount() == 0) {
                Object made = m.invoke(owner);
                if (made == null) {
                    throw new IllegalStateException(this + " returned null: return the configured SimulationBuilder");
                }
                return (SimulationBuilder) made;
            }
            SimulationBuilder builder = SimulationBuilder.create();
            m.invoke(owner, builder);
            return builder;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(this + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException(
                    "could not call " + this + " (" + e + "): on the module path, open its"
                            + " package to io.moonpool.sim (opens " + type.getPackageName() + " to io.moonpool.sim;)",
                    e);
        }
    }

    /**
     * The settings of the builder the recipe makes.
     *
     * @return them
     */
    public Settings settings() {
        SimulationBuilder builder = builder();
        return settingsOf.apply(builder);
    }

    private Method target() {
        List<Method> candidates = new ArrayList<>();
        List<Method> named = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (!m.getName().equals(method) || m.isSynthetic()) {
                    continue;
                }
                named.add(m);
                boolean makes =
                        m.getParameterCount() == 0 && SimulationBuilder.class.isAssignableFrom(m.getReturnType());
                boolean configures = m.getParameterCount() == 1
                        && m.getParameterTypes()[0] == SimulationBuilder.class
                        && m.getReturnType() == void.class;
                if (makes || configures) {
                    candidates.add(m);
                }
            }
            if (!candidates.isEmpty()) {
                break;
            }
        }
        String shapes = "give a method that takes no parameter and returns the configured SimulationBuilder, or"
                + " one that takes a SimulationBuilder and returns void";
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException(
                    named.isEmpty()
                            ? "source(" + type.getName() + ".class, \"" + method + "\"): " + type.getName()
                                    + " has no method named '" + method + "': " + shapes
                            : "source(" + type.getName() + ".class, \"" + method + "\"): " + named.getFirst()
                                    + " is of neither shape a worker JVM can call: " + shapes);
        }
        if (candidates.size() > 1) {
            throw new IllegalArgumentException("source(" + type.getName() + ".class, \"" + method + "\"): "
                    + candidates.size() + " methods of that name could be meant (" + candidates + "): keep one");
        }
        Method m = candidates.getFirst();
        if (!Modifier.isStatic(m.getModifiers())) {
            if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
                throw new IllegalArgumentException("source(" + type.getName() + ".class, \"" + method + "\"): the"
                        + " method is not static and " + type.getName() + " cannot be instantiated: make it static");
            }
            if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
                throw new IllegalArgumentException("source(" + type.getName() + ".class, \"" + method + "\"): the"
                        + " method is not static and " + type.getName() + " is an inner class, which needs an"
                        + " enclosing instance: make the method or the class static");
            }
            try {
                type.getDeclaredConstructor();
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException("source(" + type.getName() + ".class, \"" + method + "\"): the"
                        + " method is not static and " + type.getName() + " has no no-argument constructor: make the"
                        + " method static or add one");
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return type.getName() + "." + method + "(...)";
    }
}
