package io.moonpool.sim.internal.runner;

import com.google.inject.Binder;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import io.moonpool.api.Network;
import io.moonpool.api.Shutdown;
import io.moonpool.api.SimContext;
import io.moonpool.api.Storage;
import io.moonpool.api.Tasks;
import io.moonpool.api.Time;
import io.moonpool.api.Topology;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.InjectorName;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Guice wiring: one root injector per simulation run (the user's modules and the simulation's own
 * configuration), and short-lived child injectors that add what one fault injector or one process life
 * may ask for in its {@code @Inject} constructor.
 */
public final class Wiring {

    // Guice's ASM cannot read class files newer than it knows; it then only loses line numbers in its error
    // messages, but says so through java.util.logging with a stack trace. Keep that noise out of reports.
    private static final java.util.logging.Logger LINE_NUMBERS =
            java.util.logging.Logger.getLogger("com.google.inject.internal.util.LineNumbers");

    static {
        LINE_NUMBERS.setLevel(java.util.logging.Level.SEVERE);
    }

    /** The annotations that make Guice call a constructor. */
    private static final Set<String> INJECT_ANNOTATIONS = Set.of("jakarta.inject.Inject", "com.google.inject.Inject");

    private final Injector root;
    private final FrameworkSide frameworkSide;

    /**
     * Where Guice's own work runs (building injectors, resolving bindings, loading classes): the kernel thread,
     * so that it never parks or blocks a task at a real time another thread of the JVM chooses.
     */
    public interface FrameworkSide {
        /**
         * Runs {@code work} there and returns its result.
         *
         * @param work the work
         * @param <T>  its result's type
         * @return the result
         */
        <T> T run(java.util.function.Supplier<T> work);
    }

    private Wiring(Injector root, FrameworkSide frameworkSide) {
        this.root = root;
        this.frameworkSide = frameworkSide;
    }

    /**
     * Builds the root injector.
     *
     * @param userModules the user's modules, in the order added
     * @param attrition   the attrition configuration bound for injectors that want it
     * @return the wiring
     * @throws com.google.inject.CreationException if the user's modules are inconsistent
     */
    public static Wiring create(List<Module> userModules, Attrition attrition) {
        return create(userModules, attrition, java.util.function.Supplier::get);
    }

    /**
     * Builds the root injector, on the calling thread, for a simulation whose later Guice work runs on
     * {@code frameworkSide} while user code (constructors) runs in the task that asked.
     *
     * @param userModules   the user's modules, in the order added
     * @param attrition     the attrition configuration bound for injectors that want it
     * @param frameworkSide where child injectors are built and their bindings resolved
     * @return the wiring
     * @throws com.google.inject.CreationException if the user's modules are inconsistent
     */
    public static Wiring create(List<Module> userModules, Attrition attrition, FrameworkSide frameworkSide) {
        List<Module> modules = new ArrayList<>(userModules);
        modules.add(binder -> {
            binder.requireAtInjectOnConstructors();
            binder.disableCircularProxies();
            binder.bind(Attrition.class).toInstance(attrition);
        });
        return new Wiring(Guice.createInjector(Stage.DEVELOPMENT, modules), frameworkSide);
    }

    /**
     * Builds a discovered fault injector for one iteration. A class with an {@code @Inject} constructor gets
     * it called with the root bindings and the iteration's time, randomness and topology; any other class its
     * public no-argument constructor, the one {@link java.util.ServiceLoader} would call, so that a plain
     * plugin needs no {@code jakarta.inject}.
     *
     * @param type     the class, named by its {@link InjectorName}
     * @param time     the iteration's time
     * @param random   the simulation stream
     * @param topology the cluster topology
     * @return a new instance
     * @throws com.google.inject.ConfigurationException if Guice cannot build the class
     * @throws com.google.inject.ProvisionException     if its constructor throws
     * @throws IllegalStateException                    if the instance's {@link FaultInjector#name()}
     *                                                  disagrees with its {@link InjectorName}
     */
    public FaultInjector faultInjector(
            Class<? extends FaultInjector> type, Time time, RandomGenerator random, Topology topology) {
        // Guice's work on the framework side, the constructor in the calling task
        com.google.inject.Provider<? extends FaultInjector> provider =
                frameworkSide.run(() -> root.createChildInjector(binder -> {
                            binder.bind(Time.class).toInstance(time);
                            binder.bind(RandomGenerator.class).toInstance(random);
                            binder.bind(Topology.class).toInstance(topology);
                            bindPlainConstructor(binder, type);
                        })
                        .getProvider(type));
        String declared = frameworkSide.run(() -> Discovery.nameOf(type));
        FaultInjector built = provider.get();
        String name = built.name();
        if (!Objects.equals(declared, name)) {
            throw new IllegalStateException(type.getName() + " is discovered as '" + declared + "' (its @InjectorName)"
                    + " but its name() returns '" + name + "': remove the name() override, or make it agree");
        }
        return built;
    }

    /**
     * Binds a class without an {@code @Inject} constructor to its public no-argument one, which Guice would
     * otherwise refuse ({@code requireAtInjectOnConstructors}); a class with neither is left to Guice, whose
     * error names the class and the fix.
     */
    private static <T> void bindPlainConstructor(Binder binder, Class<T> type) {
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            for (Annotation a : c.getDeclaredAnnotations()) {
                // by name: this module does not read jakarta.inject, which a plugin may use without Guice
                if (INJECT_ANNOTATIONS.contains(a.annotationType().getName())) {
                    return;
                }
            }
        }
        try {
            binder.bind(type).toConstructor(type.getConstructor());
        } catch (NoSuchMethodException e) {
            // no public no-argument constructor: Guice reports the class as not injectable
        }
    }

    /**
     * Creates a process instance for one life, with the life's providers bound.
     *
     * @param type the process class
     * @param ctx  the life's context
     * @param <T>  the type
     * @return a fresh instance
     */
    public <T> T process(Class<T> type, SimContext ctx) {
        // Guice's work on the framework side, the constructor (which may block or sleep) in the life's task
        return frameworkSide.run(() -> life(ctx).getProvider(type)).get();
    }

    private Injector life(SimContext ctx) {
        return root.createChildInjector(binder -> {
            binder.bind(SimContext.class).toInstance(ctx);
            binder.bind(Time.class).toInstance(ctx.time());
            binder.bind(Tasks.class).toInstance(ctx.tasks());
            binder.bind(RandomGenerator.class).toInstance(ctx.random());
            binder.bind(Topology.class).toInstance(ctx.topology());
            binder.bind(Shutdown.class).toInstance(ctx.shutdown());
            // resolved when asked for, so that a process without network or storage needs neither module
            binder.bind(Network.class).toProvider(ctx::network);
            binder.bind(Storage.class).toProvider(ctx::storage);
        });
    }
}
