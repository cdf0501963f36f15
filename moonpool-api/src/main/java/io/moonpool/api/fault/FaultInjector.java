package io.moonpool.api.fault;

/**
 * A source of faults that acts on the cluster during the chaos phase.
 *
 * <p><b>Simulation semantics.</b> {@link #inject(FaultContext)} runs on a task of its own when the run phase
 * starts, in every iteration. When the chaos duration ends, {@link FaultContext#chaosShutdown()} fires;
 * the injector should return promptly, and whatever is still running at that instant is stopped. An
 * exception thrown by an injector fails the seed. Injectors must draw randomness only from
 * {@link FaultContext#random()} and wait only with {@link FaultContext#time()}.
 *
 * <p><b>Writing a discovered injector.</b> A plugin author:
 * <ol>
 *   <li>names the class with {@link InjectorName @InjectorName("my_fault")}: the runner reads the name from
 *       the class, without building an instance, so a registered class without it fails discovery;</li>
 *   <li>registers the class as a {@code FaultInjector} service: {@code provides io.moonpool.api.fault.FaultInjector
 *       with com.example.MyFault;} in its {@code module-info.java} for the module path, and a line
 *       {@code com.example.MyFault} in {@code META-INF/services/io.moonpool.api.fault.FaultInjector} for the
 *       class path;</li>
 *   <li>gives it either a public no-argument constructor, or an {@code @Inject} constructor
 *       ({@code jakarta.inject.Inject}) that may ask for the iteration's {@code Time}, its
 *       {@code RandomGenerator}, the {@code Topology}, the {@link Attrition} and anything bound by the user's
 *       modules.</li>
 * </ol>
 *
 * <p><b>Construction.</b> The runner builds a fresh instance in every iteration that enables the injector
 * ({@code .faults("my_fault")}), through Guice, and no other: it never builds one to read its name, and it
 * never instantiates through {@link java.util.ServiceLoader}, of which it only reads
 * {@link java.util.ServiceLoader.Provider#type()}. One JPMS rule remains: javac accepts a {@code provides}
 * clause only for a class with a public no-argument constructor or a {@code public static provider()}
 * method, so a module-path injector whose only constructor takes parameters adds one of the two; the
 * runner calls neither. An instance added with {@code SimulationBuilder.faultInjector(...)} is used as
 * given, annotated or not.
 */
public interface FaultInjector {

    /**
     * A stable name for reports (reboots are counted per injector).
     *
     * <p>By default the value of the class's {@link InjectorName}. An instance added directly may override
     * it instead; a discovered class that overrides it must return its annotation's value, or the iteration
     * that builds it fails.
     *
     * @return the injector's name
     * @throws IllegalStateException if the class has no {@link InjectorName} and does not override this
     *                               method
     */
    default String name() {
        InjectorName name = getClass().getAnnotation(InjectorName.class);
        if (name == null) {
            throw new IllegalStateException(getClass().getName() + " has no name: annotate the class with"
                    + " @InjectorName(\"...\") or override FaultInjector.name()");
        }
        return name.value();
    }

    /**
     * Injects faults until {@link FaultContext#chaosShutdown()} fires.
     *
     * @param ctx what the injector may observe and do
     * @throws Exception fails the seed
     */
    void inject(FaultContext ctx) throws Exception;
}
