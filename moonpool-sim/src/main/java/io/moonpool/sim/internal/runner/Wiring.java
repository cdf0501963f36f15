package io.moonpool.sim.internal.runner;

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

import java.util.ArrayList;
import java.util.List;
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

    private final Injector root;

    private Wiring(Injector root) {
        this.root = root;
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
        List<Module> modules = new ArrayList<>(userModules);
        modules.add(binder -> {
            binder.requireAtInjectOnConstructors();
            binder.disableCircularProxies();
            binder.bind(Attrition.class).toInstance(attrition);
        });
        return new Wiring(Guice.createInjector(Stage.DEVELOPMENT, modules));
    }

    /**
     * Creates an instance of a type whose constructor needs only the root bindings (a fault injector
     * plugin), with the iteration's time, randomness and topology available too when given.
     *
     * @param type     the class
     * @param time     the iteration's time
     * @param random   the simulation stream
     * @param topology the cluster topology
     * @param <T>      the type
     * @return a new instance
     */
    public <T> T injector(Class<T> type, Time time, RandomGenerator random, Topology topology) {
        return root.createChildInjector(binder -> {
            binder.bind(Time.class).toInstance(time);
            binder.bind(RandomGenerator.class).toInstance(random);
            binder.bind(Topology.class).toInstance(topology);
        }).getInstance(type);
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
        Injector life = root.createChildInjector(binder -> {
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
        return life.getInstance(type);
    }
}
