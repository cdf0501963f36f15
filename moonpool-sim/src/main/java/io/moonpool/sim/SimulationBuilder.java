package io.moonpool.sim;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.SimProcess;
import io.moonpool.api.SimState;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.RebootTiming;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.sim.internal.kernel.Kernel;
import io.moonpool.sim.internal.runner.Invariant;
import io.moonpool.sim.internal.runner.ReportFile;
import io.moonpool.sim.internal.runner.RunProperties;
import io.moonpool.sim.internal.runner.Runner;
import io.moonpool.sim.internal.runner.Settings;
import io.moonpool.sim.internal.runner.SimulationConfig;
import io.moonpool.sim.internal.runner.TimelineSettings;
import io.moonpool.sim.internal.runner.Validation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

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
 * <p><b>Seeds.</b> Each iteration has its own seed. With {@link #iterations(int)}, {@link #untilCoverage(int)} or
 * {@link #timeLimit(Duration)} the seeds derive from a base seed: {@link #baseSeed(long)} when given, otherwise a
 * random one; the first iteration uses the base seed itself. With {@link #seeds(long...)} exactly those seeds run,
 * whatever else is configured: explicit seeds win over {@code iterations}, {@code untilCoverage},
 * {@code timeLimit} and {@code baseSeed}, so appending {@code .seeds(42L)} to any configuration replays seed 42.
 * The report prints the base seed and, for every failing seed, the line that replays it:
 * {@code -Dmoonpool.seed=42 / .seeds(42L)}.
 *
 * <p><b>System properties.</b> These properties change a run without changing its code, read by every
 * {@code run()}: {@code -Dmoonpool.seed=N} ({@link #SEED_PROPERTY}; decimal, or hex with {@code 0x}) runs exactly
 * seed N, once, overriding {@code iterations}, {@code untilCoverage}, {@code timeLimit}, {@code baseSeed} and
 * {@code seeds}; {@code -Dmoonpool.iterations=N} ({@link #ITERATIONS_PROPERTY}) runs N iterations in place of
 * {@code iterations(n)} (or is the cap of {@code untilCoverage}), and changes nothing of a run with explicit seeds;
 * {@code -Dmoonpool.baseSeed=N} ({@link #BASE_SEED_PROPERTY}) is the base seed in place of {@link #baseSeed(long)}
 * (every shard of a {@code -Dmoonpool.shard=i/n} run needs the same one). Also read:
 * {@code -Dmoonpool.checkDeterminism} ({@link #checkDeterminism()}), {@code -Dmoonpool.parallelism}
 * ({@link #parallelism(int)}), {@code -Dmoonpool.shard} ({@link #run()}) and {@code -Dmoonpool.trace}.
 * An invalid value fails {@code run()} with a {@link ConfigurationException} naming the property and the fix.
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

    /** The system property that replays exactly one seed, overriding every other choice of seeds. */
    public static final String SEED_PROPERTY = RunProperties.SEED_PROPERTY;

    /** The system property that sets the iteration count, in place of {@link #iterations(int)}. */
    public static final String ITERATIONS_PROPERTY = RunProperties.ITERATIONS_PROPERTY;

    /** The system property that sets the base seed, in place of {@link #baseSeed(long)}. */
    public static final String BASE_SEED_PROPERTY = RunProperties.BASE_SEED_PROPERTY;

    /**
     * The system property that turns the determinism check on or off for a run, whatever the code says:
     * {@code -Dmoonpool.checkDeterminism=true} runs every seed twice in this JVM and compares the runs (as
     * {@link #checkDeterminism()} does), {@code false} turns the check off, and {@code fork} runs each seed's
     * second run in a worker JVM, a fresh launch of the JVM, which also catches what the JDK salts per launch (the
     * iteration order of {@code Set.of} and {@code Map.of}); {@code fork} needs {@link #source(Class, String)}.
     */
    public static final String CHECK_DETERMINISM_PROPERTY = "moonpool.checkDeterminism";

    /** The plateau of {@link #untilCoverage(int)} when {@link #plateau(int)} is not given: 100 seeds. */
    public static final int DEFAULT_PLATEAU = Settings.DEFAULT_PLATEAU;

    /** The default simulated time limit of one iteration. */
    public static final Duration DEFAULT_MAX_SIMULATED_TIME = Duration.ofDays(1);

    private final List<Workload> workloads = new ArrayList<>();
    private int processCount;
    private Layout layout;
    private Integer machines;
    private Integer zones;
    private Integer datacenters;
    private Supplier<? extends SimProcess> processFactory;
    private Class<? extends SimProcess> processClass;
    private final List<com.google.inject.Module> modules = new ArrayList<>();
    private final List<String> faultNames = new ArrayList<>();
    private final List<ResourceConfig> resourceConfigs = new ArrayList<>();
    private final Map<String, List<String>> tags = new LinkedHashMap<>();
    private Duration chaosDuration;
    private Attrition attrition;
    private RebootTiming rebootTiming = RebootTiming.defaults();
    private boolean stopOnFirstViolation;
    private boolean requireCoverage = true;
    private boolean buggify = true;
    private int timelineSize = TimelineSettings.DEFAULT_SIZE;
    private int timelineShown = TimelineSettings.DEFAULT_SHOWN;
    private boolean traceAll;
    private final List<Invariant> invariants = new ArrayList<>();
    private final List<String> expected = new ArrayList<>();
    private final List<FaultInjector> injectors = new ArrayList<>();
    private Integer iterations;
    private long[] seeds;
    private Long baseSeed;
    private boolean verifyFailures = true;
    private boolean checkDeterminism;
    private Duration timeLimit;
    private Integer untilCoverage;
    private Integer plateau;
    private Duration maxSimulatedTime = DEFAULT_MAX_SIMULATED_TIME;
    private long maxStepsPerInstant = Kernel.DEFAULT_MAX_STEPS_PER_INSTANT;
    private java.nio.file.Path reportFile;
    private java.util.function.Consumer<Progress> progress;
    private Integer parallelism;
    private io.moonpool.sim.internal.worker.Recipe source;

    static {
        // worker JVMs read what the builder their recipe makes collected
        io.moonpool.sim.internal.worker.Recipe.install(SimulationBuilder::settings);
    }

    private SimulationBuilder() {}

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
     * <p>Processes 1 to 254 are {@code 10.0.1.1} to {@code 10.0.1.254}; the next ones continue in the next /24
     * subnets (process 255 is {@code 10.0.2.1}, process 509 is {@code 10.0.3.1}), so up to 64,770 processes fit
     * ({@code 10.0.255.254}). Boot order is process order, which is also the order of the address bytes.
     *
     * @param count   how many processes; 1 to 64,770 (checked in {@link #run()})
     * @param factory makes a process instance; called once per boot
     * @return this builder
     * @throws NullPointerException if {@code factory} is null
     */
    public SimulationBuilder processes(int count, Supplier<? extends SimProcess> factory) {
        this.processCount = count;
        this.layout = null;
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
     * @param count how many processes; 1 to 64,770, addressed as in {@link #processes(int, Supplier)} (checked in
     *              {@link #run()})
     * @param type  the process class
     * @return this builder
     * @throws NullPointerException if {@code type} is null
     */
    public SimulationBuilder processes(int count, Class<? extends SimProcess> type) {
        this.processCount = count;
        this.layout = null;
        this.processClass = Objects.requireNonNull(type, "type");
        this.processFactory = null;
        return this;
    }

    /**
     * Adds processes placed as a {@link Layout} says: its datacenters, zones per datacenter, machines per zone and
     * processes per machine, each a fixed count or a range drawn once per seed (from a stream of its own: no other
     * draw shifts, and a seed has the same shape in every JVM). The process count is the product of the four;
     * processes are addressed as in {@link #processes(int, Supplier)} and placed contiguously, so consecutive
     * processes share a machine. Each seed's shape is the first entry of its timeline ({@code layout}).
     * Replaces an earlier {@code processes(...)}; cannot be combined with {@link #machines(int)},
     * {@link #zones(int)} or {@link #datacenters(int)} (checked in {@link #run()}).
     *
     * @param layout  the shape, validated when it was built
     * @param factory makes a process instance; called once per boot
     * @return this builder
     * @throws NullPointerException if an argument is null
     */
    public SimulationBuilder processes(Layout layout, Supplier<? extends SimProcess> factory) {
        Objects.requireNonNull(layout, "layout");
        processes(layout.maxProcesses(), factory);
        this.layout = layout;
        return this;
    }

    /**
     * Adds processes whose instances Guice creates (as {@link #processes(int, Class)}), placed as a
     * {@link Layout} says (as {@link #processes(Layout, Supplier)}).
     *
     * @param layout the shape, validated when it was built
     * @param type   the process class
     * @return this builder
     * @throws NullPointerException if an argument is null
     */
    public SimulationBuilder processes(Layout layout, Class<? extends SimProcess> type) {
        Objects.requireNonNull(layout, "layout");
        processes(layout.maxProcesses(), type);
        this.layout = layout;
        return this;
    }

    /**
     * How many machines the processes of {@link #processes(int, Supplier)} run on, in all: the n processes are
     * spread contiguously, process i (from 0, in boot order) on machine floor(i * m / n). Without it, each process
     * is its own machine. Machines are spread over the {@link #zones(int) zones} the same way, and zones over the
     * {@link #datacenters(int) datacenters}; the ids are as a {@link Layout}'s ({@code dc1-z1-m1}).
     *
     * @param count the total; 1 <= datacenters <= zones <= machines <= processes, and not with a {@link Layout}
     *              (checked in {@link #run()})
     * @return this builder
     */
    public SimulationBuilder machines(int count) {
        this.machines = count;
        return this;
    }

    /**
     * How many zones the machines stand in, in all (one without it): machine j of m in zone floor(j * z / m).
     * See {@link #machines(int)}.
     *
     * @param count the total; checked in {@link #run()} as for {@link #machines(int)}
     * @return this builder
     */
    public SimulationBuilder zones(int count) {
        this.zones = count;
        return this;
    }

    /**
     * How many datacenters the zones belong to, in all (one without it): zone k of z in datacenter
     * floor(k * d / z). See {@link #machines(int)}.
     *
     * @param count the total; checked in {@link #run()} as for {@link #machines(int)}
     * @return this builder
     */
    public SimulationBuilder datacenters(int count) {
        this.datacenters = count;
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
     * recovery-delay and grace-period ranges apply to its own reboots; other injectors' reboots draw from
     * {@link #rebootTiming(RebootTiming)}.
     *
     * @param attrition the configuration, e.g. {@link Attrition#defaults()}
     * @return this builder
     */
    public SimulationBuilder attrition(Attrition attrition) {
        this.attrition = Objects.requireNonNull(attrition, "attrition");
        return this;
    }

    /**
     * How long a rebooted process stays down and how long a graceful shutdown may take, for every reboot that
     * an injector asks for with {@code FaultContext.reboot}: recovery in 1 to 10 s and a grace period of 2 to
     * 5 s by default (simulated). Attrition's own reboots draw from the ranges of its {@link Attrition}
     * configuration instead.
     *
     * @param timing the ranges, e.g. {@code RebootTiming.of(ofSeconds(1), ofSeconds(3), ZERO, ofSeconds(1))}
     * @return this builder
     * @throws NullPointerException if {@code timing} is null
     */
    public SimulationBuilder rebootTiming(RebootTiming timing) {
        this.rebootTiming = Objects.requireNonNull(timing, "timing");
        return this;
    }

    /**
     * Whether a violated assertion ({@code Assertions.always} false, {@code unreachable} reached) ends its
     * iteration at once. By default the iteration goes on to its end, so that later assertions still count;
     * the seed fails either way.
     *
     * @param stop true to end the iteration at the first violation
     * @return this builder
     */
    public SimulationBuilder stopOnFirstViolation(boolean stop) {
        this.stopOnFirstViolation = stop;
        return this;
    }

    /**
     * Whether {@code Buggify.fire(...)} sites may fire (the default) or never do.
     *
     * @param on false to turn buggify off
     * @return this builder
     */
    public SimulationBuilder buggify(boolean on) {
        this.buggify = on;
        return this;
    }

    /**
     * Adds an invariant: a check of the whole simulated world, run on the kernel thread after every task step
     * and every event of the run phase (not during setup, settle or check). It reads what workloads and
     * processes publish with {@code ctx.state().publish(key, value)}, which processes are alive and the
     * simulated time, through {@link SimState}; it violates the invariant by throwing (an {@code AssertionError}
     * from {@code assert}-like code, or any exception), which fails the seed with kind
     * {@link io.moonpool.api.FailureKind#INVARIANT}, naming the invariant, the step or event after which it
     * broke, and the simulated time. {@code Assertions} calls inside it count as usual. A check must only read:
     * it must not block, sleep or publish. With no invariant registered, nothing is paid per step or event; each
     * one costs its own running time after every step and event.
     *
     * @param name  what it checks, for the report; unique and not blank (checked in {@link #run()})
     * @param check the check
     * @return this builder
     * @throws NullPointerException if {@code name} or {@code check} is null
     */
    public SimulationBuilder invariant(String name, java.util.function.Consumer<SimState> check) {
        invariants.add(new Invariant(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check")));
        return this;
    }

    /**
     * How many entries the timeline of each iteration keeps (10,000 by default): a ring of what happened, in
     * simulated time (tasks spawned, woken, blocked and ended; events; connections, deliveries, disk writes,
     * reboots, partitions; assertions violated and first satisfied; buggify sites fired; user logging). A
     * failing seed keeps its ring, which {@link SimulationReport#timeline(long)} returns and whose last entries
     * the report prints; a passing seed's is dropped. Recording costs a few array writes per entry.
     *
     * @param entries the ring's size; 0 turns the timeline off (user logging inside the simulation is then
     *                dropped too); negative is rejected in {@link #run()}
     * @return this builder
     */
    public SimulationBuilder timeline(int entries) {
        this.timelineSize = entries;
        return this;
    }

    /**
     * How many timeline entries, up to the failure, the report prints for each failing seed (30 by default).
     *
     * @param entries the count; 0 prints none; negative is rejected in {@link #run()}
     * @return this builder
     */
    public SimulationBuilder timelineShown(int entries) {
        this.timelineShown = entries;
        return this;
    }

    /**
     * Keeps the whole timeline of every seed run, passing or failing, with no bound, and writes each to
     * {@code target/moonpool/timeline-<seed>.txt} (one entry per line, for grep), for example to replay one
     * seed with {@code .seeds(seed).traceAll()}. The system property {@code -Dmoonpool.trace=true} does the
     * same without changing code. Memory grows with the length of the iteration: use it on few seeds.
     *
     * @return this builder
     */
    public SimulationBuilder traceAll() {
        this.traceAll = true;
        return this;
    }

    /**
     * Whether a {@code sometimes}-like assertion never satisfied in any iteration fails the report (the
     * default) or is only a warning in it.
     *
     * @param require false to make coverage failures warnings
     * @return this builder
     */
    public SimulationBuilder requireCoverage(boolean require) {
        this.requireCoverage = require;
        return this;
    }

    /**
     * Declares assertions that must be reached: one whose code never runs in any iteration is a coverage
     * failure too (an assertion is otherwise known only from the first time its code runs).
     *
     * @param messages the assertions' messages
     * @return this builder
     * @throws NullPointerException if a message is null
     */
    public SimulationBuilder expect(String... messages) {
        for (String m : messages) {
            expected.add(Objects.requireNonNull(m, "message"));
        }
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
     * Runs this many iterations, with seeds derived from the base seed. The default is one. The system property
     * {@code -Dmoonpool.iterations=N} replaces the count without a code change; {@link #seeds(long...)} and
     * {@code -Dmoonpool.seed} win over it.
     *
     * @param count the number of iterations; must be at least 1 (checked in {@link #run()})
     * @return this builder
     */
    public SimulationBuilder iterations(int count) {
        this.iterations = count;
        return this;
    }

    /**
     * Whether each failing seed is run once more, in the same JVM, after the batch (on by default). The re-run
     * comes after other seeds have run, so identity hash codes and other JVM state differ: a seed that fails the
     * same way again, on the same path (the same trace hash), is REPRODUCED; one that passes, fails otherwise or
     * takes another path is NOT REPRODUCIBLE, and the report says where the two runs first differ (a timeline
     * entry of each). A re-run counts in no assertion, buggify site or metric of the report. It costs one more
     * iteration per failing seed.
     *
     * @param verify false to skip the re-runs
     * @return this builder
     */
    public SimulationBuilder verifyFailures(boolean verify) {
        this.verifyFailures = verify;
        return this;
    }

    /**
     * Runs every seed twice and compares the two runs step by step and event by event (the trace hash after each
     * step and event, which covers the scheduling decisions, the times of events, the bytes delivered and written
     * and the values drawn from {@code ctx.random()}). Each seed's second run comes after the next seed's first
     * run, so identity hash codes and other JVM state differ between the two. A seed whose runs differ fails with
     * {@link io.moonpool.api.FailureKind#NONDETERMINISM}: the report names the first step or event where they
     * part, its simulated time, the task and node in each run, and the task's stack in each run (the first run's
     * from a third run that stops there, when that run repeats the first run's path; the report says which run
     * each stack is from), so that the line that read real time, real randomness or unordered state shows.
     * {@link SimulationReport#divergences()} lists them. A failing seed whose runs agree is
     * {@link Reproduction.Status#REPRODUCED} without a further re-run. The second and third runs count in no
     * assertion, buggify site or metric of the report. It about doubles the run's cost.
     *
     * <p>The system property {@link #CHECK_DETERMINISM_PROPERTY} ({@code true} or {@code false}) overrides this
     * call in either direction. The check runs in this JVM: what the JDK salts per launch (the iteration order of
     * {@code Set.of} and {@code Map.of}) is the same in both runs; {@code -Dmoonpool.checkDeterminism=fork} runs
     * the second run in a fresh JVM to catch it. Under the check every first run is in this JVM, whatever
     * {@link #parallelism(int)} says.
     *
     * @return this builder
     */
    public SimulationBuilder checkDeterminism() {
        this.checkDeterminism = true;
        return this;
    }

    /**
     * Fixes the base seed that the seeds of {@link #iterations(int)} or {@link #untilCoverage(int)} derive from,
     * so that a run picks the same seeds every time (for example a coverage-driven run in CI). Without it the
     * base seed is random, and printed in the report, which names this call to rerun the whole run.
     * {@link #seeds(long...)} and {@code -Dmoonpool.seed}, which run exactly the seeds they give, win over it, and
     * so does {@code -Dmoonpool.baseSeed=N}.
     *
     * @param seed the base seed
     * @return this builder
     */
    public SimulationBuilder baseSeed(long seed) {
        this.baseSeed = seed;
        return this;
    }

    /**
     * Runs exactly these seeds, one iteration each, in order: the way to replay a failing seed. Explicit seeds
     * win: {@link #iterations(int)}, {@link #untilCoverage(int)}, {@link #plateau(int)}, {@link #timeLimit(Duration)}
     * and {@link #baseSeed(long)} are then ignored, so {@code .seeds(42L)} appended to any configuration runs seed
     * 42 alone. {@code -Dmoonpool.seed=N} wins over this in turn.
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
     * {@link #iterations(int)} or {@link #untilCoverage(int)} as well, stops at whichever limit comes first.
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
     * Runs seeds until coverage stops growing: until every {@code sometimes}-like assertion seen so far
     * ({@code sometimes}, {@code reachable}, the numeric {@code sometimes} forms, {@code sometimesAll},
     * {@code sometimesEach}) was satisfied, every one declared with {@link #expect(String...)} was seen, and no
     * new assertion site or {@code sometimesEach} bucket appeared in the last {@link #plateau(int)} seeds
     * ({@value #DEFAULT_PLATEAU} by default); at most {@code maxIterations} seeds. The seeds derive from the
     * base seed as with {@link #iterations(int)}, and the decision depends on the assertions alone, so the same
     * base seed stops after the same iteration. With {@link #timeLimit(Duration)} as well, stops at whichever
     * comes first. {@link SimulationReport#stopReason()} says which condition stopped the run; stopping at the
     * cap or the time limit with an assertion still unsatisfied is a coverage failure, as always.
     *
     * <p>Cannot be combined with {@link #iterations(int)}, which it replaces (checked in {@link #run()});
     * {@link #seeds(long...)} wins over it. {@code -Dmoonpool.iterations=N} replaces {@code maxIterations}.
     *
     * @param maxIterations the most seeds to run; at least 1, and above the plateau (checked in {@link #run()})
     * @return this builder
     */
    public SimulationBuilder untilCoverage(int maxIterations) {
        this.untilCoverage = maxIterations;
        return this;
    }

    /**
     * How many consecutive seeds without a new assertion site or {@code sometimesEach} bucket end a
     * {@link #untilCoverage(int)} run once every assertion is satisfied; {@value #DEFAULT_PLATEAU} by default.
     * A seed that satisfies an assertion for the first time without adding a site or bucket does not reset it.
     *
     * @param seeds the plateau; at least 1, below {@code maxIterations}, and only with {@code untilCoverage}
     *              (checked in {@link #run()})
     * @return this builder
     */
    public SimulationBuilder plateau(int seeds) {
        this.plateau = seeds;
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
     * Writes the report as JSON ({@link SimulationReport#toJson()}) to this file when the run ends, for CI
     * tools; missing parent directories are created and an existing file is replaced. The file is written
     * after the last iteration, outside the simulated world, and changes nothing of the run.
     *
     * @param file the file, e.g. {@code Path.of("target/moonpool-report.json")}; it must not be a directory,
     *             and its nearest existing ancestor must be a writable directory (checked in {@link #run()})
     * @return this builder
     * @throws NullPointerException if {@code file} is null
     */
    public SimulationBuilder reportFile(java.nio.file.Path file) {
        this.reportFile = Objects.requireNonNull(file, "file");
        return this;
    }

    /**
     * Calls a listener after every iteration of the batch with what the run has done so far: iterations, failures,
     * assertions seen and unsatisfied, real time. It runs on the thread that runs the simulation, between two
     * iterations, outside the simulated world, so it may read real time or print; it should be quick. The JUnit
     * engine ({@code moonpool-junit}) uses it to print a progress line on long runs.
     *
     * @param listener the listener; replaces an earlier one
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public SimulationBuilder progress(java.util.function.Consumer<Progress> listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Names the method that makes this simulation, so that worker JVMs can make it too: a builder holds objects
     * and lambdas, which cannot cross to another JVM, so each worker of {@link #parallelism(int)} calls the
     * method to rebuild it. The method is static, or on a class with a no-argument constructor (any access);
     * it either takes no parameter and returns the configured builder, or takes a {@code SimulationBuilder}
     * and configures it (the shape of a JUnit {@code @SimulationTest} method). It must configure everything
     * the iterations run: a worker's builder that differs from the one run (other workloads, processes,
     * faults, ...) fails the run. How many iterations, which seeds and where the report goes are the parent's
     * alone; the parent hands out the seeds.
     *
     * <pre>{@code
     * static SimulationBuilder simulation() {
     *     return SimulationBuilder.create().workload(new KvWorkload()).processes(3, KvServer::new);
     * }
     *
     * simulation().source(KvTest.class, "simulation").iterations(10_000).run().assertPassed();
     * }</pre>
     *
     * <p>With a source, a run of at least 20 iterations uses every core by default (see
     * {@link #parallelism(int)}).
     *
     * @param type   the class that declares the method
     * @param method the method's name; a method of neither shape fails in {@link #run()}, naming the shapes
     * @return this builder
     * @throws NullPointerException if {@code type} or {@code method} is null
     */
    public SimulationBuilder source(Class<?> type, String method) {
        this.source = new io.moonpool.sim.internal.worker.Recipe(
                Objects.requireNonNull(type, "type"), Objects.requireNonNull(method, "method"));
        return this;
    }

    /**
     * Runs the iterations in this many worker JVMs, forked like this one (the same java, class path, module
     * path and JVM flags, as Surefire's {@code forkCount} does; a debugger agent is left out). Two simulations
     * on two threads of one JVM do not run faster than one, so parallel runs use JVMs. Each worker rebuilds
     * the simulation from {@link #source(Class, String)} and takes the next seed whenever it is free; the
     * results come back in seed order, so the report (per-seed results, trace hashes, assertion, buggify and
     * metric tables) is the one a sequential run gives, wall times aside. A worker that dies fails the seed it
     * was running, with its exit code and last lines of standard error, and a fresh one takes its place.
     * Failing seeds are re-run ({@link #verifyFailures(boolean)}) in this JVM after the batch; a coverage-driven
     * run stops after the same seed as a sequential one (results of seeds beyond it are dropped).
     *
     * <p>The default is the number of cores when a source is given and at least 20 iterations run (fewer do not
     * repay a worker's start), and 1 (every iteration in this JVM, on the calling thread) otherwise. The system
     * property {@code -Dmoonpool.parallelism=N} takes precedence, for simulations with a source (those without
     * run in this JVM). Under {@link #checkDeterminism()} every iteration runs in this JVM. System properties of this JVM that the JDK does not
     * set itself are set in each worker before it calls the source method.
     *
     * @param workers the number of worker JVMs; at least 1, and above 1 only with a source (both checked in
     *                {@link #run()}); more workers than iterations are not started
     * @return this builder
     */
    public SimulationBuilder parallelism(int workers) {
        this.parallelism = workers;
        return this;
    }

    /**
     * Runs the simulation: every iteration, each on a fresh simulated world.
     *
     * <p>A failing iteration does not stop the others. The calling thread runs the simulation; if it is a
     * virtual thread, a platform thread is started for it. With {@link #parallelism(int)} above 1 the iterations
     * run in worker JVMs instead, and the calling thread collects their results. Under
     * {@code -Dmoonpool.shard=i/n} only the iterations {@code k} with {@code k % n == i} run, and the report's
     * JSON is written to the {@link #reportFile(java.nio.file.Path) report file}, or to
     * {@code target/moonpool/report-shard-i-of-n.json} (printed), for {@link MergeReports}.
     *
     * @return the report of every iteration
     * @throws ConfigurationException if the configuration is invalid (a bad {@link #CHECK_DETERMINISM_PROPERTY} or
     *                                seed property, a duration out of range, a chaos
     *                                duration longer than the simulated time limit, a workload instance added
     *                                twice, ...), or the JVM lacks the {@code --add-opens} flag the kernel
     *                                needs; the message names each problem and its fix
     * @throws io.moonpool.api.MoonpoolException if the {@link #reportFile(java.nio.file.Path) report file}
     *                                cannot be written, naming the file and the cause; or if a worker JVM cannot
     *                                start, or the thread is interrupted while workers run (they are stopped)
     */
    public SimulationReport run() {
        Settings settings = settings();
        SimulationConfig config = Validation.validate(settings);
        Runner.Runs runs = Runner.run(settings, config);
        SimulationReport report = new SimulationReport(
                runs.baseSeed(),
                runs.explicitSeeds(),
                runs.runs(),
                runs.wallNanos(),
                runs.assertions(),
                settings.requireCoverage(),
                runs.buggifySites(),
                runs.swarmOperations(),
                settings.timeline().shown(),
                runs.stopReason(),
                runs.metrics(),
                runs.reproductions(),
                runs.divergences(),
                runs.ledger());
        java.nio.file.Path file = reportFile;
        if (file == null && runs.ledger().shard() != null) {
            file = ReportFile.ofShard(runs.ledger().shard());
        }
        if (file != null) {
            ReportFile.write(file, report.toJson());
            if (runs.ledger().shard() != null) {
                // the shard's report is what the merge needs: say where it is
                System.out.println("moonpool: shard " + runs.ledger().shard() + " wrote its report to "
                        + file.toAbsolutePath() + " (merge the shards' with io.moonpool.sim.MergeReports)");
            }
        }
        return report;
    }

    /** What this builder collected, with the run properties ({@link RunProperties}) applied. */
    private Settings settings() {
        RunProperties properties = RunProperties.read();
        // explicit seeds win over everything that chooses seeds; -Dmoonpool.seed wins over them in turn
        long[] seedsRun = properties.seed() != null ? new long[] {properties.seed()} : seeds;
        boolean explicit = seedsRun != null;
        // -Dmoonpool.iterations sets the count, or the cap of a coverage-driven run; explicit seeds drop both
        Integer iterationsProperty = properties.iterations();
        Integer iterationsRun =
                explicit ? null : iterationsProperty != null && untilCoverage == null ? iterationsProperty : iterations;
        Integer untilCoverageRun = explicit
                ? null
                : iterationsProperty != null && untilCoverage != null ? iterationsProperty : untilCoverage;
        Long baseSeedRun = explicit ? null : properties.baseSeed() != null ? properties.baseSeed() : baseSeed;
        return new Settings(
                workloads,
                processCount,
                new io.moonpool.sim.internal.runner.Placement(layout, processCount, machines, zones, datacenters),
                processFactory,
                processClass,
                modules,
                faultNames,
                resourceConfigs,
                tags,
                chaosDuration,
                attrition,
                rebootTiming,
                injectors,
                iterationsRun,
                seedsRun,
                explicit ? null : timeLimit,
                maxSimulatedTime,
                maxStepsPerInstant,
                stopOnFirstViolation,
                requireCoverage,
                expected,
                buggify,
                new TimelineSettings(timelineSize, timelineShown, traceAll || traceProperty()),
                invariants,
                untilCoverageRun,
                explicit ? null : plateau,
                baseSeedRun,
                reportFile,
                verifyFailures,
                progress,
                checkDeterminism,
                parallelism,
                source);
    }

    /** {@code -Dmoonpool.trace=true}, unless this simulation turned its timeline off: the code's choice wins. */
    private boolean traceProperty() {
        if (!Boolean.getBoolean(TimelineSettings.TRACE_PROPERTY)) {
            return false;
        }
        if (timelineSize == 0) {
            org.slf4j.LoggerFactory.getLogger(SimulationBuilder.class)
                    .warn("-D{}=true is ignored by a simulation with timeline(0)", TimelineSettings.TRACE_PROPERTY);
            return false;
        }
        return true;
    }
}
