package io.moonpool.sim;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.config.ConfigurationProblems;
import io.moonpool.api.SimProcess;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.spi.ResourcePlugin;
import io.moonpool.sim.internal.runner.Discovery;
import io.moonpool.sim.internal.runner.Wiring;
import io.moonpool.sim.internal.kernel.Kernel;
import io.moonpool.sim.internal.kernel.Seeds;
import io.moonpool.sim.internal.runner.Iteration;
import io.moonpool.sim.internal.runner.SimulationConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Configures and runs a simulation: the workloads, how many iterations and with which seeds.
 *
 * <pre>{@code
 * SimulationReport report = SimulationBuilder.create()
 *     .workload(new KvWorkload())
 *     .iterations(100)
 *     .run();
 * report.assertPassed();
 * }</pre>
 *
 * <p><b>Seeds.</b> Each iteration has its own seed. With {@link #iterations(int)} or {@link #timeLimit(Duration)}
 * the seeds derive from a base seed: the system property {@code moonpool.seed} when set (decimal, or hex
 * with {@code 0x}), otherwise a random one; the first iteration uses the base seed itself. With
 * {@link #seeds(long...)} exactly those seeds run, which is how a failing seed is replayed. The report
 * prints the base seed and, for every failing seed, the builder call that replays it.
 *
 * <p><b>Errors.</b> Setters reject null arguments at once; everything else is validated in {@link #run()},
 * which lists every problem found in one {@link ConfigurationException}.
 *
 * <p><b>Durations.</b> Simulated durations ({@link #maxSimulatedTime(Duration)}, {@link #chaosDuration(Duration)},
 * and those of {@link Attrition} and of resource configurations) are at most
 * {@link ConfigurationProblems#MAX_DURATION}, about 50 years, so that the simulator's nanosecond arithmetic
 * cannot overflow. The real-time budget {@link #timeLimit(Duration)} takes any positive duration.
 *
 * <p>A builder is not thread-safe; {@code run()} may be called more than once.
 */
public final class SimulationBuilder {

    /** The system property that sets the base seed. */
    public static final String SEED_PROPERTY = "moonpool.seed";

    /** The name of the built-in attrition injector in moonpool-faults. */
    private static final String ATTRITION = "attrition";

    /** The default simulated time limit of one iteration. */
    public static final Duration DEFAULT_MAX_SIMULATED_TIME = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(SimulationBuilder.class);

    private final List<Workload> workloads = new ArrayList<>();
    private int processCount;
    private Supplier<? extends SimProcess> processFactory;
    private Class<? extends SimProcess> processClass;
    private final List<com.google.inject.Module> modules = new ArrayList<>();
    private final List<String> faultNames = new ArrayList<>();
    private final List<ResourceConfig> resourceConfigs = new ArrayList<>();
    private final Map<String, List<String>> tags = new LinkedHashMap<>();
    private Duration chaosDuration;
    private Attrition attrition;
    private final List<FaultInjector> injectors = new ArrayList<>();
    private Integer iterations;
    private long[] seeds;
    private Duration timeLimit;
    private Duration maxSimulatedTime = DEFAULT_MAX_SIMULATED_TIME;
    private long maxStepsPerInstant = Kernel.DEFAULT_MAX_STEPS_PER_INSTANT;

    private SimulationBuilder() {
    }

    /**
     * Starts a new simulation configuration.
     *
     * @return an empty builder
     */
    public static SimulationBuilder create() {
        return new SimulationBuilder();
    }

    /**
     * Adds a workload. Workloads set up in the order added, run concurrently, and check in the order added.
     * To run the same kind of workload twice, add two instances: {@link #run()} rejects an instance added
     * more than once, which would run twice in each iteration sharing its state. (A lambda that captures
     * nothing may evaluate to the same instance every time; write such a workload as a class.)
     *
     * @param workload the workload; the same instance is used in every iteration
     * @return this builder
     * @throws NullPointerException if {@code workload} is null
     */
    public SimulationBuilder workload(Workload workload) {
        workloads.add(Objects.requireNonNull(workload, "workload"));
        return this;
    }

    /**
     * Adds {@code count} processes at IPs {@code 10.0.1.1}, {@code 10.0.1.2}, ... The factory makes a fresh
     * instance on every boot, so state that must survive a reboot has to be on storage.
     *
     * @param count   how many processes; at least 1 (checked in {@link #run()})
     * @param factory makes a process instance; called once per boot
     * @return this builder
     * @throws NullPointerException if {@code factory} is null
     */
    public SimulationBuilder processes(int count, Supplier<? extends SimProcess> factory) {
        this.processCount = count;
        this.processFactory = Objects.requireNonNull(factory, "factory");
        this.processClass = null;
        return this;
    }

    /**
     * Adds {@code count} processes whose instances Guice creates, a fresh one on every boot. The class needs
     * an {@code @Inject} constructor (or a no-argument one marked {@code @Inject}); it may ask for the
     * life's {@link io.moonpool.api.SimContext}, {@link io.moonpool.api.Time}, {@link io.moonpool.api.Tasks},
     * {@link io.moonpool.api.Network}, {@link io.moonpool.api.Storage},
     * {@link java.util.random.RandomGenerator}, {@link io.moonpool.api.Topology},
     * {@link io.moonpool.api.Shutdown}, and anything bound by the modules given to {@link #module}. On the
     * module path, its package must be open to {@code com.google.guice}.
     *
     * @param count how many processes; at least 1 (checked in {@link #run()})
     * @param type  the process class
     * @return this builder
     * @throws NullPointerException if {@code type} is null
     */
    public SimulationBuilder processes(int count, Class<? extends SimProcess> type) {
        this.processCount = count;
        this.processClass = Objects.requireNonNull(type, "type");
        this.processFactory = null;
        return this;
    }

    /**
     * Adds the user's own Guice bindings, available to process classes and fault injector plugins.
     *
     * <p>This is the one public signature of Moonpool that names a Guice type, on purpose: the process classes
     * and injectors it serves are built by Guice already ({@code @Inject} constructors), so their authors
     * bind their own types in the language they write those classes in, with all of it (providers, scopes,
     * annotated keys) rather than a thinner copy that Moonpool would have to keep in step. It is why
     * {@code io.moonpool.sim} {@code requires transitive com.google.guice}. Everything else stays free of
     * Guice: a simulation whose processes come from {@link #processes(int, java.util.function.Supplier)} never
     * touches a Guice type, and plugins see only {@code io.moonpool.api}.
     *
     * @param module a Guice module; it must be free of side effects, since it may be installed once per run
     * @return this builder
     * @throws NullPointerException if {@code module} is null
     */
    public SimulationBuilder module(com.google.inject.Module module) {
        modules.add(Objects.requireNonNull(module, "module"));
        return this;
    }

    /**
     * Enables discovered fault injectors by name (for example {@code "rolling_restart"}). Injectors are found
     * with {@link java.util.ServiceLoader}, known by the {@link io.moonpool.api.fault.InjectorName} on their
     * class, and built through Guice in every iteration, never during validation; they run during the chaos
     * phase. An enabled injector that Guice cannot build fails each seed naming it.
     *
     * @param names the injectors' names; an unknown name fails in {@link #run()} with the list of names found
     * @return this builder
     */
    public SimulationBuilder faults(String... names) {
        for (String name : names) {
            faultNames.add(Objects.requireNonNull(name, "name"));
        }
        return this;
    }

    /**
     * Configures a resource plugin, for example the network with a {@code NetworkConfig}. A later
     * configuration of the same type replaces an earlier one. The configuration carries the plugin's own chaos
     * mode (for example {@code NetworkConfig.builder().chaos(ChaosMode.SWARM)}), so this builder needs no
     * switch per plugin.
     *
     * @param config the configuration; its plugin must be present (checked in {@link #run()})
     * @return this builder
     */
    public SimulationBuilder configure(ResourceConfig config) {
        Objects.requireNonNull(config, "config");
        resourceConfigs.removeIf(c -> c.getClass() == config.getClass());
        resourceConfigs.add(config);
        return this;
    }

    /**
     * Tags processes: the values are assigned round-robin over the processes in IP order, so with three
     * processes {@code tags("role", "leader", "follower")} gives leader, follower, leader.
     *
     * @param key    the tag key
     * @param values the values to assign in turn; at least one (checked in {@link #run()})
     * @return this builder
     */
    public SimulationBuilder tags(String key, String... values) {
        tags.put(Objects.requireNonNull(key, "key"), List.of(values));
        return this;
    }

    /**
     * How long fault injectors run, in simulated time from the start of the run phase. Needed by
     * {@link #attrition(Attrition)} and {@link #faultInjector(FaultInjector)}.
     *
     * @param duration the chaos duration; positive, at most {@link ConfigurationProblems#MAX_DURATION} and at
     *                 most {@link #maxSimulatedTime(Duration)}, since a longer one would end every iteration at
     *                 its time limit (all checked in {@link #run()})
     * @return this builder
     * @throws NullPointerException if {@code duration} is null
     */
    public SimulationBuilder chaosDuration(Duration duration) {
        this.chaosDuration = Objects.requireNonNull(duration, "duration");
        return this;
    }

    /**
     * Enables the built-in attrition injector: it reboots live processes during the chaos phase. Its
     * recovery-delay and grace-period ranges also apply to reboots made by other injectors.
     *
     * @param attrition the configuration, e.g. {@link Attrition#defaults()}
     * @return this builder
     */
    public SimulationBuilder attrition(Attrition attrition) {
        this.attrition = Objects.requireNonNull(attrition, "attrition");
        return this;
    }

    /**
     * Adds a fault injector instance; it runs during the chaos phase of every iteration. It needs no
     * registration and no {@link io.moonpool.api.fault.InjectorName}: reports use its
     * {@link FaultInjector#name()}, which an unannotated class overrides.
     *
     * @param injector the injector
     * @return this builder
     */
    public SimulationBuilder faultInjector(FaultInjector injector) {
        injectors.add(Objects.requireNonNull(injector, "injector"));
        return this;
    }

    /**
     * Runs this many iterations, with seeds derived from the base seed. The default is one.
     *
     * @param count the number of iterations; must be at least 1 (checked in {@link #run()})
     * @return this builder
     */
    public SimulationBuilder iterations(int count) {
        this.iterations = count;
        return this;
    }

    /**
     * Runs exactly these seeds, one iteration each, in order: the way to replay a failing seed.
     *
     * @param seeds the iteration seeds; at least one (checked in {@link #run()})
     * @return this builder
     * @throws NullPointerException if {@code seeds} is null
     */
    public SimulationBuilder seeds(long... seeds) {
        this.seeds = Objects.requireNonNull(seeds, "seeds").clone();
        return this;
    }

    /**
     * Keeps starting iterations until this much real (wall-clock) time has passed; at least one runs. With
     * {@link #iterations(int)} as well, stops at whichever limit comes first.
     *
     * @param wallTime the real-time budget; must be positive (checked in {@link #run()}). Any positive value
     *                 is accepted: one too long for nanoseconds (about 292 years) saturates and means no
     *                 limit in practice
     * @return this builder
     * @throws NullPointerException if {@code wallTime} is null
     */
    public SimulationBuilder timeLimit(Duration wallTime) {
        this.timeLimit = Objects.requireNonNull(wallTime, "wallTime");
        return this;
    }

    /**
     * The simulated time one iteration may take before it fails; one day by default.
     *
     * @param limit the simulated time limit; must be positive and at most
     *              {@link ConfigurationProblems#MAX_DURATION} (checked in {@link #run()})
     * @return this builder
     * @throws NullPointerException if {@code limit} is null
     */
    public SimulationBuilder maxSimulatedTime(Duration limit) {
        this.maxSimulatedTime = Objects.requireNonNull(limit, "limit");
        return this;
    }

    /**
     * How many task steps may run at one simulated instant before the iteration fails as a livelock
     * (a task that stays runnable keeps time from advancing). One million by default.
     *
     * @param steps the limit; must be at least 1 (checked in {@link #run()})
     * @return this builder
     */
    public SimulationBuilder maxStepsPerInstant(long steps) {
        this.maxStepsPerInstant = steps;
        return this;
    }

    /**
     * Runs the simulation: every iteration, each on a fresh simulated world.
     *
     * <p>A failing iteration does not stop the others. The calling thread runs the simulation; if it is a
     * virtual thread, a platform thread is started for it.
     *
     * @return the report of every iteration
     * @throws ConfigurationException if the configuration is invalid (a duration out of range, a chaos
     *                                duration longer than the simulated time limit, a workload instance added
     *                                twice, ...), or the JVM lacks the {@code --add-opens} flag the kernel
     *                                needs; the message names each problem and its fix
     */
    public SimulationReport run() {
        SimulationConfig config = validate();
        long baseSeed = baseSeed();
        if (Thread.currentThread().isVirtual()) {
            return onPlatformThread(() -> runIterations(config, baseSeed));
        }
        return runIterations(config, baseSeed);
    }

    private SimulationConfig validate() {
        List<String> problems = new ArrayList<>();
        if (workloads.isEmpty()) {
            problems.add("no workload: add at least one with .workload(w)");
        }
        problems.addAll(duplicateWorkloads());
        if (iterations != null && iterations < 1) {
            problems.add("iterations must be at least 1, was " + iterations + ": use .iterations(n) with n >= 1");
        }
        if (seeds != null && seeds.length == 0) {
            problems.add("seeds() was given no seed: pass at least one, e.g. .seeds(42L)");
        }
        if (seeds != null && (iterations != null || timeLimit != null)) {
            problems.add("seeds(...) runs exactly the seeds given and cannot be combined with iterations(n) or"
                    + " timeLimit(d): use one or the other");
        }
        if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) {
            problems.add("timeLimit must be positive, was " + timeLimit + ": use e.g. .timeLimit(Duration.ofSeconds(30))");
        }
        // simulated durations: positive and at most MAX_DURATION, so the runner's sums of them cannot overflow
        ConfigurationProblems durations = new ConfigurationProblems("")
                .positive("maxSimulatedTime", maxSimulatedTime);
        if (chaosDuration != null) {
            durations.positive("chaosDuration", chaosDuration);
            if (maxSimulatedTime.isPositive() && chaosDuration.compareTo(maxSimulatedTime) > 0) {
                durations.add("chaosDuration (" + chaosDuration + ") is longer than maxSimulatedTime ("
                        + maxSimulatedTime + "): every iteration would reach its simulated time limit before chaos"
                        + " ends; shorten .chaosDuration(d) or raise .maxSimulatedTime(d)");
            }
        }
        problems.addAll(durations.problems());
        if (maxStepsPerInstant < 1) {
            problems.add("maxStepsPerInstant must be at least 1, was " + maxStepsPerInstant);
        }
        validateProcessesAndChaos(problems);
        String seedProperty = seedProperty();
        if (seedProperty != null && parseSeed(seedProperty) == null) {
            problems.add("system property " + SEED_PROPERTY + "=" + seedProperty + " is not a seed: give a decimal"
                    + " or 0x-prefixed hex long, e.g. -D" + SEED_PROPERTY + "=12345");
        }
        try {
            Kernel.requireAccess();
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        // plugins are resolved even when other problems were found, so that every problem is listed at once
        List<ResourcePlugin> resources = List.of();
        try {
            resources = Discovery.resources();
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
        }
        for (ResourceConfig c : resourceConfigs) {
            if (!present(resources, c.resourceId())) {
                problems.add(c.getClass().getSimpleName() + " configures the '" + c.resourceId() + "' plugin, which"
                        + " is not present: add the dependency " + c.artifact());
            }
        }
        List<String> names = enabledInjectorNames();
        boolean needsWiring = processClass != null || !names.isEmpty() || !modules.isEmpty();
        List<Class<? extends FaultInjector>> types = new ArrayList<>();
        if (needsWiring) {
            try {
                types.addAll(resolveInjectors(names, resources));
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!modules.isEmpty()) {
            try {
                // only to check the user's modules now rather than in every iteration; nothing is built
                Wiring.create(modules, effectiveAttrition() != null ? effectiveAttrition() : Attrition.defaults());
            } catch (com.google.inject.CreationException e) {
                problems.add("the Guice modules given to .module(...) cannot be used: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new SimulationConfig(workloads, processCount, processFactory, processClass, processTags(),
                chaosDuration == null ? Duration.ZERO : chaosDuration, effectiveAttrition(), types, injectors,
                resources, resourceConfigs, modules, needsWiring, maxSimulatedTime, maxStepsPerInstant);
    }

    /** One problem per workload instance added more than once, naming where it was added. */
    private List<String> duplicateWorkloads() {
        Map<Workload, List<Integer>> positions = new IdentityHashMap<>();
        List<Workload> order = new ArrayList<>();
        for (int i = 0; i < workloads.size(); i++) {
            Workload w = workloads.get(i);
            if (!positions.containsKey(w)) {
                order.add(w);
            }
            positions.computeIfAbsent(w, k -> new ArrayList<>()).add(i + 1);
        }
        List<String> problems = new ArrayList<>();
        for (Workload w : order) {
            List<Integer> at = positions.get(w);
            if (at.size() > 1) {
                // the class, not name(): user code is not called during validation
                problems.add("the same workload instance (" + w.getClass().getName() + ") was added "
                        + at.size() + " times, as workloads " + at + ": it would run " + at.size() + " times in"
                        + " each iteration sharing its state; add a separate instance each time, e.g."
                        + " .workload(new MyWorkload()).workload(new MyWorkload()) (a lambda that captures"
                        + " nothing may be one shared instance however often it is evaluated: write such a"
                        + " workload as a class)");
            }
        }
        return problems;
    }

    private static boolean present(List<ResourcePlugin> resources, String id) {
        for (ResourcePlugin p : resources) {
            if (p.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** Attrition as configured, or its defaults when enabled by name with {@code .faults("attrition")}. */
    private Attrition effectiveAttrition() {
        return attrition != null ? attrition : faultNames.contains(ATTRITION) ? Attrition.defaults() : null;
    }

    private List<String> enabledInjectorNames() {
        List<String> names = new ArrayList<>();
        if (attrition != null) {
            names.add(ATTRITION);
        }
        for (String n : faultNames) {
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        return names;
    }

    /**
     * Maps each enabled name to a discovered injector class. Names are read from the classes' annotations:
     * nothing is built here, each iteration builds its own injectors.
     */
    private static List<Class<? extends FaultInjector>> resolveInjectors(List<String> names,
                                                                        List<ResourcePlugin> resources) {
        SortedMap<String, Class<? extends FaultInjector>> byName = Discovery.faultInjectors();
        TreeMap<String, String> listed = new TreeMap<>();
        byName.forEach((name, type) -> listed.put(name, type.getName()));
        Discovery.logOnce(resources.stream().map(ResourcePlugin::id).toList(), listed);
        List<String> problems = new ArrayList<>();
        List<Class<? extends FaultInjector>> types = new ArrayList<>();
        for (String name : names) {
            Class<? extends FaultInjector> type = byName.get(name);
            if (type != null) {
                types.add(type);
            } else if (name.equals(ATTRITION)) {
                problems.add("attrition is provided by the moonpool-faults module, which is not present: add the"
                        + " dependency io.moonpool:moonpool-faults");
            } else {
                problems.add("unknown fault injector '" + name + "'; discovered: " + byName.keySet()
                        + ". Add the module that provides it, or fix the name");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return types;
    }

    private void validateProcessesAndChaos(List<String> problems) {
        if (workloads.size() > 254) {
            problems.add("at most 254 workloads are supported (one /24 subnet), was " + workloads.size());
        }
        boolean hasProcesses = processFactory != null || processClass != null;
        if (hasProcesses && (processCount < 1 || processCount > 254)) {
            problems.add("processes(n, factory) needs 1 <= n <= 254, was " + processCount);
        }
        if (!hasProcesses && !tags.isEmpty()) {
            problems.add("tags(...) were given but there are no processes to tag: add .processes(n, factory)");
        }
        tags.forEach((key, values) -> {
            if (values.isEmpty()) {
                problems.add("tags(\"" + key + "\") has no value: give at least one, e.g. .tags(\"" + key + "\", \"a\")");
            }
        });
        Attrition attrition = effectiveAttrition();
        if (attrition != null) {
            if (chaosDuration == null) {
                problems.add("attrition needs a chaos duration to run in: add .chaosDuration(Duration.ofSeconds(60))");
            }
            if (!hasProcesses) {
                problems.add("attrition reboots processes, but there are none: add .processes(n, factory)");
            } else if (attrition.maxDead() >= processCount) {
                problems.add("attrition maxDead (" + attrition.maxDead() + ") must be below the number of processes ("
                        + processCount + "): lower maxDead or add processes");
            }
        }
        if ((!injectors.isEmpty() || !faultNames.isEmpty()) && chaosDuration == null) {
            problems.add("fault injectors run during the chaos phase, which has no duration: add"
                    + " .chaosDuration(Duration.ofSeconds(60))");
        }
    }

    private List<Map<String, String>> processTags() {
        List<Map<String, String>> all = new ArrayList<>();
        for (int i = 0; i < (processFactory == null && processClass == null ? 0 : processCount); i++) {
            Map<String, String> mine = new TreeMap<>();
            for (Map.Entry<String, List<String>> e : tags.entrySet()) {
                mine.put(e.getKey(), e.getValue().get(i % e.getValue().size()));
            }
            all.add(java.util.Collections.unmodifiableMap(mine));
        }
        return all;
    }

    private long baseSeed() {
        if (seeds != null) {
            return seeds[0];
        }
        String property = seedProperty();
        if (property != null) {
            return parseSeed(property);
        }
        return new SecureRandom().nextLong();
    }

    private SimulationReport runIterations(SimulationConfig config, long baseSeed) {
        List<RunResult> runs = new ArrayList<>();
        long wallStart = System.nanoTime();
        // compared as elapsed time, which cannot overflow, rather than as a deadline, which could
        long budget = timeLimit == null ? Long.MAX_VALUE : saturatedNanos(timeLimit);
        long count = seeds != null ? seeds.length
                : iterations != null ? iterations
                : timeLimit != null ? Long.MAX_VALUE : 1;
        for (long i = 0; i < count; i++) {
            if (i > 0 && System.nanoTime() - wallStart >= budget) {
                break;
            }
            long seed = seeds != null ? seeds[(int) i] : Seeds.iterationSeed(baseSeed, i);
            MDC.put("moonpool.seed", Long.toString(seed));
            try {
                RunResult result = Iteration.run(config, seed);
                if (!result.passed()) {
                    LOG.warn("seed {} failed: {}", seed, result.failure().map(RunFailure::summary).orElse(""));
                }
                runs.add(result);
            } finally {
                MDC.remove("moonpool.seed");
            }
        }
        return new SimulationReport(baseSeed, seeds != null, runs, System.nanoTime() - wallStart);
    }

    private static SimulationReport onPlatformThread(java.util.function.Supplier<SimulationReport> body) {
        AtomicReference<SimulationReport> report = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().name("moonpool-simulation").start(() -> {
            try {
                report.set(body.get());
            } catch (Throwable e) {
                error.set(e);
            }
        });
        try {
            runner.join();
        } catch (InterruptedException e) {
            runner.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the simulation was running", e);
        }
        if (error.get() instanceof RuntimeException re) {
            throw re;
        }
        if (error.get() instanceof Error err) {
            throw err;
        }
        return report.get();
    }

    /** A wall-time budget in nanoseconds; one too long for a long (about 292 years) is no limit. */
    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The base seed property, or null when unset or blank (a build tool passing an empty value). */
    private static String seedProperty() {
        String value = System.getProperty(SEED_PROPERTY);
        return value == null || value.isBlank() ? null : value;
    }

    static Long parseSeed(String text) {
        String s = text.trim();
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
