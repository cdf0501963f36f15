package io.moonpool.sim.internal.runner;

import io.moonpool.api.FailureKind;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.RebootTiming;
import io.moonpool.api.spi.ClockSkew;
import io.moonpool.api.spi.TimelineSink;
import io.moonpool.sim.Phase;
import io.moonpool.sim.RunFailure;
import io.moonpool.sim.RunResult;
import io.moonpool.sim.internal.kernel.EventFailure;
import io.moonpool.sim.internal.kernel.Kernel;
import io.moonpool.sim.internal.kernel.KernelFailure;
import io.moonpool.sim.internal.kernel.Seeds;
import io.moonpool.sim.internal.kernel.SimTask;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

/**
 * One iteration: a fresh kernel, the phases driven by a root task, and the result.
 */
public final class Iteration {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Iteration.class);

    private static final Duration SETTLE_MARGIN = Duration.ofSeconds(30);

    static {
        loadTaskClasses();
    }

    /**
     * Loads and initialises, on the platform thread that first runs an iteration, the framework's classes that
     * tasks use: loaded at first use on a task thread, a class another thread of the JVM is loading at the same
     * moment (another simulation's) would block the task on the class loader's lock, to be handed back at a real
     * time of that thread's choosing. Lambdas and the user's own classes still load where they are first used.
     */
    private static void loadTaskClasses() {
        Class<?>[] used = {
            NodeTasks.class,
            NodeTime.class,
            NodeContext.class,
            TaskFailures.class,
            ShutdownSignal.class,
            TracedRandom.class,
            Cluster.class,
            SimTopology.class,
            Localities.class,
            InjectorContext.class,
            IterationState.class,
            AssertionsOfIteration.class,
            BuggifyOfIteration.class,
            Timeline.class,
            MetricsTable.class,
            io.moonpool.api.Assertions.class
        };
        for (Class<?> c : used) {
            initialise(c);
            for (Class<?> nested : c.getDeclaredClasses()) {
                initialise(nested);
            }
        }
    }

    private static void initialise(Class<?> c) {
        try {
            Class.forName(c.getName(), true, c.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // it loads at first use instead, as it would have
        }
    }

    private final SimulationConfig config;
    private final long seed;
    private final Kernel kernel;
    private final RandomGenerator random;
    private final RandomGenerator userRandom;
    private final NodeTime time;
    private final List<NodeContext> workloadContexts = new ArrayList<>();
    private final List<String> workloadNames;
    private final SimTopology topology;
    /** The seed's cluster shape for its timeline, or null when no placement was configured. */
    private final String shape;

    private Wiring wiring;
    private final Resources resources;
    private final Cluster cluster;
    /** Completes at the first failure recorded, waking the runner wherever it waits. */
    private final CompletableFuture<Void> failed = new CompletableFuture<>();

    private Phase phase = Phase.SETUP;
    private boolean chaosActive;
    private RunFailure failure;
    private final TaskFailures taskFailures = new TaskFailures();
    /** The verdict is taken; what tasks do while they unwind is not part of it. */
    private boolean over;

    private final AssertionsOfIteration assertions;
    private final Timeline timeline;
    private final boolean keepTimeline;
    // by kind, sorted: what the plugins injected in this iteration
    private final Map<String, Long> faults = new java.util.TreeMap<>();

    private Iteration(
            SimulationConfig config,
            long seed,
            AssertionTable assertionTable,
            BuggifyTable buggifyTable,
            MetricsTable metricsTable,
            Timeline.Ring ring,
            boolean keepTimeline,
            DeterminismProbe probe) {
        this.keepTimeline = keepTimeline;
        this.config = config;
        this.seed = seed;
        this.kernel = new Kernel(
                Seeds.stream(seed, Seeds.SCHEDULING_STREAM),
                config.maxStepsPerInstant(),
                NodeTime.toNanos(config.maxSimulatedTime(), "maxSimulatedTime"));
        TimelineSettings ts = config.timeline();
        this.timeline = ts.on() ? new Timeline(kernel, ring, ts.size(), ts.keepAll(), ts.shown(), this::nodeOf) : null;
        TimelineSink sink = timeline != null ? timeline : Timeline.OFF;
        this.assertions =
                new AssertionsOfIteration(assertionTable, kernel, seed, this::nodeOf, () -> phase, sink, f -> {
                    if (!over) {
                        markFailed(f);
                    }
                    if (config.stopOnFirstViolation() && failure == null && !over) {
                        failure = f;
                        failed.complete(null);
                    }
                });
        // before the bindings and before any task thread starts: every thread that finds a sink sees it
        io.moonpool.api.spi.SinkPresence.announce();
        kernel.bindForEveryTask(ScopedValue.where(io.moonpool.api.spi.AssertionSink.CURRENT, assertions)
                .where(
                        io.moonpool.api.spi.BuggifySink.CURRENT,
                        new BuggifyOfIteration(buggifyTable, seed, config.buggify(), sink))
                .where(TimelineSink.CURRENT, sink)
                .where(MetricsTable.CURRENT, metricsTable));
        this.random = Seeds.stream(seed, Seeds.SIMULATION_STREAM);
        // the same stream, as user code and injectors see it: what they draw goes into the trace hash
        this.userRandom = new TracedRandom(random, kernel);
        this.time = new NodeTime(kernel, () -> chaosActive);
        this.workloadNames = uniqueNames(config.workloads());
        List<InetAddress> workloadIps = new ArrayList<>();
        for (int i = 0; i < config.workloads().size(); i++) {
            workloadIps.add(SimTopology.workloadAddress(i + 1));
        }
        // the seed's shape first: it draws from a stream of its own, so no other draw shifts
        Localities localities = config.placement().resolve(seed);
        this.shape = localities.shape();
        List<InetAddress> processIps = new ArrayList<>();
        for (int i = 0; i < localities.processes(); i++) {
            processIps.add(SimTopology.processAddress(i + 1));
        }
        SimTopology topology = new SimTopology(
                processIps,
                workloadIps,
                config.processTags()
                        .subList(
                                0,
                                Math.min(
                                        localities.processes(),
                                        config.processTags().size())),
                localities);
        this.topology = topology;
        this.resources = Resources.start(
                config.resources(),
                plugin -> IterationServices.of(
                        kernel,
                        seed,
                        plugin.id(),
                        random,
                        config.resourceConfigs(),
                        () -> chaosActive,
                        sink,
                        faults,
                        topology),
                (source, e) -> record(FailureKind.EXCEPTION, source, e));
        // a fresh Guice injector per iteration, made at first use: singletons and scopes must not carry state from
        // one seed to the next
        Cluster.ProcessFactory factory = ctx -> config.processes().create(this::wiring, ctx);
        this.cluster = new Cluster(
                kernel,
                time,
                userRandom,
                factory,
                this::tasksFor,
                resources,
                topology,
                seed,
                (source, e) -> record(FailureKind.EXCEPTION, source, e));
        for (int i = 0; i < config.workloads().size(); i++) {
            String owner = workloadNames.get(i);
            NodeTime nodeTime = timeFor(time, resources, workloadIps.get(i));
            workloadContexts.add(new NodeContext(
                    workloadIps.get(i),
                    topology,
                    nodeTime,
                    tasksFor(nodeTime, owner, workloadIps.get(i)),
                    userRandom,
                    new ShutdownSignal(),
                    seed,
                    resources,
                    cluster.state()));
        }
        InvariantChecks invariants = config.invariants().isEmpty()
                ? null
                : new InvariantChecks(
                        config.invariants(), cluster.state(), kernel, seed, () -> phase, this::nodeOf, f -> {
                            if (failure == null && !over) {
                                failure = firstOf(f);
                                markFailed(failure);
                                failed.complete(null);
                            }
                        });
        if (probe != null) {
            probe.attach(kernel, this::nodeOf, () -> phase);
        }
        kernel.observe(ObserverPair.of(ObserverPair.of(timeline, invariants), probe));
    }

    /** The iteration's Guice wiring, made the first time a process class or a discovered injector needs it. */
    private Wiring wiring() {
        if (wiring == null) {
            // on the kernel thread, as the rest of Guice's work (Wiring.FrameworkSide): never in a task
            wiring = kernel.onKernelThread(() -> Wiring.create(
                    config.modules(), config.attrition().orElseGet(Attrition::defaults), kernel::onKernelThread));
        }
        return wiring;
    }

    /** The node a task belongs to, for reports: a process's IP, or a workload's IP and name. */
    private String nodeOf(Object owner) {
        if (owner == null) {
            return "no node (the runner)";
        }
        if (owner instanceof Cluster.Life life) {
            return life.toString();
        }
        int i = workloadNames.indexOf(owner);
        if (i >= 0) {
            return workloadContexts.get(i).ip().getHostAddress() + " (" + owner + ")";
        }
        return String.valueOf(owner);
    }

    private NodeTasks tasksFor(NodeTime nodeTime, Object owner, InetAddress ip) {
        return new NodeTasks(kernel, nodeTime, owner, ip.getHostAddress(), taskFailures, () -> phase);
    }

    /** The node's view of time: shared simulated time, its wall clock skewed if a resource says so. */
    static NodeTime timeFor(NodeTime time, Resources resources, InetAddress ip) {
        return resources
                .provide(ClockSkew.class, ip)
                .map(skew -> time.skewed(skew.offsetNanos()))
                .orElse(time);
    }

    /**
     * Runs one iteration on the calling (platform) thread.
     *
     * @param config the simulation
     * @param seed   the iteration seed
     * @param metrics the simulation's metrics, which the iteration's code records into
     * @return the outcome
     */
    public static RunResult run(
            SimulationConfig config,
            long seed,
            AssertionTable assertions,
            BuggifyTable buggify,
            MetricsTable metrics,
            Timeline.Ring ring) {
        return run(config, seed, assertions, buggify, metrics, ring, false);
    }

    /**
     * Runs one iteration.
     *
     * @param keepTimeline keep the timeline even if the seed passes (for the re-run of a failing seed), without
     *                     writing it to a file
     * @return its result
     */
    static RunResult run(
            SimulationConfig config,
            long seed,
            AssertionTable assertions,
            BuggifyTable buggify,
            MetricsTable metrics,
            Timeline.Ring ring,
            boolean keepTimeline) {
        return run(config, seed, assertions, buggify, metrics, ring, keepTimeline, null);
    }

    /**
     * Runs one iteration, watched by the determinism check.
     *
     * @param probe records the run's fingerprints for the determinism check, or null
     * @return its result
     */
    static RunResult run(
            SimulationConfig config,
            long seed,
            AssertionTable assertions,
            BuggifyTable buggify,
            MetricsTable metrics,
            Timeline.Ring ring,
            boolean keepTimeline,
            DeterminismProbe probe) {
        long wallStart = System.nanoTime();
        Iteration it;
        try {
            it = new Iteration(config, seed, assertions, buggify, metrics, ring, keepTimeline, probe);
        } catch (PluginFailure e) {
            return failedToStart(seed, FailureKind.EXCEPTION, e.source, e.getCause(), wallStart);
        } catch (RuntimeException | Error e) {
            return failedToStart(seed, FailureKind.INTERNAL, "iteration start", e, wallStart);
        }
        try {
            it.kernel.label("seed " + seed + ":");
            SimTask root = it.kernel.spawn("moonpool-runner", null, it::drive);
            it.kernel.run(root);
        } catch (EventFailure e) {
            it.record(FailureKind.EXCEPTION, "event " + e.actionClass(), e.getCause());
        } catch (RuntimeException | Error e) {
            it.record(FailureKind.INTERNAL, "moonpool-kernel", e);
        }
        KernelFailure kf = it.kernel.failure();
        if (kf != null && it.failure == null) {
            it.failure = it.firstOf(new RunFailure(
                    kf.kind(),
                    it.phase,
                    kf.tasks().isEmpty() ? "kernel" : String.join(", ", kf.tasks()),
                    kf.message(),
                    Duration.ofNanos(it.kernel.now()),
                    "",
                    Optional.empty()));
        }
        if (it.failure == null) {
            it.failure = it.assertions.firstViolation().orElse(null);
        }
        if (it.failure != null) {
            it.markFailed(it.failure);
        }
        // the verdict is taken before the abandoned tasks unwind: nothing they do then can change it
        it.over = true;
        RunResult r = new RunResult(
                seed,
                Optional.ofNullable(it.failure),
                Duration.ofNanos(it.kernel.now()),
                it.kernel.steps() + it.kernel.eventsFired(),
                it.kernel.traceHash(),
                Duration.ZERO,
                it.cluster.reboots(),
                it.cluster.rebootsBySource(),
                it.cluster.lifecycle(),
                it.keptTimeline(it.failure == null),
                it.faults);
        try {
            it.kernel.shutdown();
        } catch (RuntimeException | Error e) {
            LOG.warn("seed {}: unwinding the iteration's remaining tasks failed", seed, e);
        }
        if (it.timeline != null) {
            it.timeline.release();
        }
        return RunResults.withWallTime(r, Duration.ofNanos(System.nanoTime() - wallStart));
    }

    /** The result of an iteration that failed before any of its tasks ran. */
    private static RunResult failedToStart(long seed, FailureKind kind, String source, Throwable e, long wallStart) {
        StringWriter stack = new StringWriter();
        e.printStackTrace(new PrintWriter(stack));
        RunFailure f = new RunFailure(
                kind, Phase.SETUP, source, String.valueOf(e), Duration.ZERO, stack.toString(), Optional.of(e));
        return RunResults.notRun(seed, f, Duration.ofNanos(System.nanoTime() - wallStart));
    }

    /** The root task: the phases in order; the first failure ends the iteration. */
    private void drive() {
        List<Workload> workloads = config.workloads();
        if (shape != null && timeline != null) {
            timeline.record("layout", shape, topology.processIps().size());
        }
        try {
            phase = Phase.SETUP;
            for (int i = 0; i < workloads.size() && failure == null; i++) {
                Workload w = workloads.get(i);
                NodeContext ctx = workloadContexts.get(i);
                inTask(workloadNames.get(i) + ".setup", workloadNames.get(i), () -> w.setup(ctx))
                        .join();
            }
            if (failure != null) {
                return;
            }
            phase = Phase.RUN;
            chaosActive = true;
            cluster.bootAll();
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int i = 0; i < workloads.size(); i++) {
                Workload w = workloads.get(i);
                NodeContext ctx = workloadContexts.get(i);
                runs.add(inTask(workloadNames.get(i) + ".run", workloadNames.get(i), () -> w.run(ctx)));
            }
            runs.add(startChaos());
            // the first failure anywhere (workload, process, injector) ends the run phase at once
            CompletableFuture.anyOf(CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)), failed)
                    .join();
            if (failure != null) {
                return;
            }
            endChaos();
            phase = Phase.SETTLE;
            settle();
            if (failure != null) {
                return;
            }
            phase = Phase.CHECK;
            for (int i = 0; i < workloads.size() && failure == null; i++) {
                Workload w = workloads.get(i);
                NodeContext ctx = workloadContexts.get(i);
                inTask(workloadNames.get(i) + ".check", workloadNames.get(i), () -> w.check(ctx))
                        .join();
            }
            TaskFailures.Escaped escaped = taskFailures.firstUnobserved();
            if (failure == null && escaped != null) {
                recordEscaped(escaped);
            }
        } catch (RuntimeException | Error e) {
            record(FailureKind.INTERNAL, "moonpool-runner", e);
        }
    }

    /** Ends the chaos phase once: faults drawn per operation stop, and resources lift lasting ones. */
    private void endChaos() {
        if (!chaosActive) {
            return;
        }
        chaosActive = false;
        resources.chaosEnded();
    }

    /** Starts every injector; the returned future completes when the chaos phase is over. */
    private CompletableFuture<Void> startChaos() {
        CompletableFuture<Void> over = new CompletableFuture<>();
        if (!config.hasInjectors()) {
            if (config.chaosDuration().isPositive()) {
                kernel.schedule(NodeTime.toNanos(config.chaosDuration(), "chaosDuration"), seq -> endChaos());
            }
            over.complete(null);
            return over;
        }
        List<FaultInjector> injectors = new ArrayList<>();
        for (Class<? extends FaultInjector> type : config.injectorTypes()) {
            try {
                injectors.add(wiring().faultInjector(type, time, userRandom, topology));
            } catch (RuntimeException e) {
                record(FailureKind.EXCEPTION, "injector " + type.getName(), e);
                over.complete(null);
                return over;
            }
        }
        injectors.addAll(config.injectorInstances());
        ShutdownSignal chaosShutdown = new ShutdownSignal();
        List<SimTask> injectorTasks = new ArrayList<>();
        for (FaultInjector injector : injectors) {
            String name;
            try {
                name = Objects.requireNonNull(injector.name(), "FaultInjector.name() returned null");
            } catch (RuntimeException | Error e) {
                record(FailureKind.EXCEPTION, "injector " + injector.getClass().getName() + ".name()", e);
                over.complete(null);
                return over;
            }
            // attrition's reboots draw from its own ranges; every other injector's from the simulation's timing
            RebootTiming timing =
                    name.equals(Validation.ATTRITION) && config.attrition().isPresent()
                            ? config.attrition().get().timing()
                            : config.rebootTiming();
            InjectorContext ctx =
                    new InjectorContext(name, timing, cluster, topology, time, userRandom, chaosShutdown, resources);
            injectorTasks.add(kernel.spawn("injector:" + name, "injector:" + name, () -> {
                try {
                    injector.inject(ctx);
                } catch (Throwable e) {
                    record(FailureKind.EXCEPTION, "injector " + name, e);
                }
            }));
        }
        kernel.schedule(NodeTime.toNanos(config.chaosDuration(), "chaosDuration"), seq -> {
            endChaos();
            chaosShutdown.request();
            // injectors woken by the signal run before the next event; whatever still runs then is stopped
            kernel.schedule(0, s2 -> {
                for (SimTask t : injectorTasks) {
                    kernel.kill(t);
                }
                over.complete(null);
            });
        });
        return over;
    }

    /**
     * Waits, within a simulated bound, until every rebooted process is back and no resource has work in
     * flight (network deliveries, disk I/O); otherwise fails naming what is still active.
     */
    private void settle() {
        long bound = config.longestOutage().plus(SETTLE_MARGIN).toNanos();
        long deadline = kernel.now() + bound;
        // decided at the instants the world is idle (nothing runnable, no event left at this instant), so the
        // verdict follows the events themselves, not the phase of a sampling period against the system's own
        boolean[] settled = {false};
        Thread me = Thread.currentThread();
        kernel.whenIdle(
                () -> failure != null
                        || (cluster.quiet() && resources.activity().isEmpty()),
                () -> {
                    settled[0] = true;
                    LockSupport.unpark(me);
                });
        long boundEvent = kernel.schedule(bound, seq -> LockSupport.unpark(me));
        while (!settled[0] && kernel.now() < deadline) {
            kernel.park(this);
        }
        kernel.whenIdle(null, null);
        kernel.cancel(boundEvent); // left behind, it would make a later deadlock look like one at the bound
        if (settled[0] || failure != null) {
            return;
        }
        StringBuilder sb = new StringBuilder("the simulation did not settle within ")
                .append(Duration.ofNanos(bound))
                .append(" of simulated time after the run phase:");
        for (Cluster.Slot s : cluster.slots()) {
            sb.append(System.lineSeparator())
                    .append("  ")
                    .append(s.ip.getHostAddress())
                    .append(' ')
                    .append(s.state);
        }
        resources
                .activity()
                .ifPresent(activity -> sb.append(System.lineSeparator())
                        .append("  still active: ")
                        .append(activity));
        sb.append(System.lineSeparator()).append("  tasks still alive:");
        for (SimTask task : kernel.liveTasks()) {
            if (task.owner() != null) {
                sb.append(' ').append(task.name());
            }
        }
        record(FailureKind.EXCEPTION, "settle", new IllegalStateException(sb.toString()));
    }

    @FunctionalInterface
    private interface Body {
        void call() throws Exception;
    }

    /** Runs user code on a task of its own; an exception becomes the iteration's failure. */
    private CompletableFuture<Void> inTask(String taskName, String source, Body body) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        kernel.spawn(taskName, source, () -> {
            try {
                body.call();
            } catch (Throwable e) {
                record(FailureKind.EXCEPTION, source, e);
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    /** An exception escaped a task and nobody joined it: the seed fails as if it had been thrown then. */
    private void recordEscaped(TaskFailures.Escaped e) {
        StringWriter stack = new StringWriter();
        e.error.printStackTrace(new PrintWriter(stack));
        failure = firstOf(new RunFailure(
                FailureKind.EXCEPTION,
                e.phase,
                "task '" + e.task + "' (" + e.node + ")",
                e.error + System.lineSeparator() + "  (it escaped task '" + e.task + "' on " + e.node + " at simulated"
                        + " time " + Duration.ofNanos(e.simNanos) + " and nobody joined the task: join it, catch the"
                        + " exception inside it, or call expectFailure() on its handle if such failures are expected)",
                Duration.ofNanos(e.simNanos),
                stack.toString(),
                Optional.of(e.error)));
        markFailed(failure);
        failed.complete(null);
    }

    private void record(FailureKind kind, String source, Throwable e) {
        if (failure != null || over) {
            return;
        }
        StringWriter stack = new StringWriter();
        e.printStackTrace(new PrintWriter(stack));
        failure = firstOf(new RunFailure(
                kind,
                phase,
                source,
                String.valueOf(e),
                Duration.ofNanos(kernel.now()),
                stack.toString(),
                Optional.of(e)));
        markFailed(failure);
        failed.complete(null);
    }

    /**
     * The failure the seed reports: the one that came first. An assertion violation does not end the iteration
     * (without stopOnFirstViolation), so a later failure may follow it; the violation is then the seed's
     * failure, and the later one is told with it.
     */
    private RunFailure firstOf(RunFailure later) {
        RunFailure v = assertions.firstViolation().orElse(null);
        if (v == null || v.simTime().compareTo(later.simTime()) > 0) {
            return later;
        }
        return new RunFailure(
                v.kind(),
                v.phase(),
                v.source(),
                v.message() + System.lineSeparator() + "  after it, at simulated time " + later.simTime() + ": "
                        + later.summary(),
                v.simTime(),
                later.stackTrace(),
                later.exception());
    }

    /** The first failure of the seed goes into its timeline, where the report's excerpt ends. */
    private void markFailed(RunFailure f) {
        if (timeline != null) {
            timeline.failed(
                    f.kind() + " in " + f.phase().name().toLowerCase(java.util.Locale.ROOT) + " (" + f.source() + ")");
        }
    }

    /** The entries a result keeps: a failing seed's, or every seed's under traceAll; otherwise none. */
    private List<io.moonpool.sim.TimelineEntry> keptTimeline(boolean passed) {
        if (timeline == null || (passed && !config.timeline().keepAll() && !keepTimeline)) {
            return List.of();
        }
        List<io.moonpool.sim.TimelineEntry> entries = timeline.entries();
        if (config.timeline().keepAll() && !keepTimeline) {
            try {
                LOG.info("seed {}: timeline written to {}", seed, TimelineFiles.write(seed, entries));
            } catch (RuntimeException e) {
                LOG.warn("seed {}: {}", seed, e.getMessage());
            }
        }
        return entries;
    }

    private static List<String> uniqueNames(List<Workload> workloads) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (Workload w : workloads) {
            String name;
            try {
                name = w.name();
            } catch (RuntimeException | Error e) {
                throw new PluginFailure(w.getClass().getName() + ".name()", String.valueOf(e), e);
            }
            if (name == null) {
                NullPointerException npe = new NullPointerException("Workload.name() returned null");
                throw new PluginFailure(w.getClass().getName() + ".name()", String.valueOf(npe), npe);
            }
            int n = seen.merge(name, 1, Integer::sum);
            names.add(n == 1 ? name : name + "-" + n);
        }
        return List.copyOf(names);
    }
}
