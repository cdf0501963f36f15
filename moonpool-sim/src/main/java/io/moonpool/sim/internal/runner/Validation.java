package io.moonpool.sim.internal.runner;

import io.moonpool.api.ConfigurationException;
import io.moonpool.api.Workload;
import io.moonpool.api.config.ConfigurationProblems;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.api.spi.ResourcePlugin;
import io.moonpool.sim.internal.kernel.Kernel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Checks what a builder collected and resolves it into a {@link SimulationConfig}: every problem is collected
 * first, each naming the setting and the fix, and reported together in one {@link ConfigurationException}.
 * Plugins are discovered even when other problems were found, so that theirs are listed too. No user code
 * runs here: injectors and processes are only built in the iterations.
 */
public final class Validation {

    /** The name of the built-in attrition injector in moonpool-faults. */
    static final String ATTRITION = "attrition";

    private final Settings s;
    private final ConfigurationProblems problems = new ConfigurationProblems("");

    private Validation(Settings settings) {
        this.s = settings;
    }

    /**
     * Validates the settings.
     *
     * @param settings what the builder collected
     * @return the configuration every iteration runs
     * @throws ConfigurationException listing every problem found
     */
    public static SimulationConfig validate(Settings settings) {
        return new Validation(settings).check();
    }

    private SimulationConfig check() {
        if (s.workloads().isEmpty()) {
            problems.add("no workload: add at least one with .workload(w)");
        }
        duplicateWorkloads();
        iterationsAndSeeds();
        timeline();
        invariants();
        coverageDriven();
        durations();
        processesAndChaos();
        Parallelism.problems(s).forEach(problems::add);
        if (s.reportFile() != null) {
            ReportFile.check(s.reportFile()).ifPresent(problems::add);
        }
        try {
            Kernel.requireAccess();
        } catch (ConfigurationException e) {
            e.problems().forEach(problems::add);
        }
        List<ResourcePlugin> resources = List.of();
        try {
            resources = Discovery.resources();
        } catch (ConfigurationException e) {
            e.problems().forEach(problems::add);
        }
        for (ResourceConfig c : s.resourceConfigs()) {
            if (resources.stream().noneMatch(p -> p.id().equals(c.resourceId()))) {
                problems.add(c.getClass().getSimpleName() + " configures the '" + c.resourceId() + "' plugin, which"
                        + " is not present: add the dependency " + c.artifact());
            }
        }
        List<Class<? extends FaultInjector>> types = injectorTypes(resources);
        Attrition attrition = effectiveAttrition();
        if (!s.modules().isEmpty()) {
            try {
                // only to check the user's modules now rather than in every iteration; nothing is built
                Wiring.create(s.modules(), attrition != null ? attrition : Attrition.defaults());
            } catch (com.google.inject.CreationException e) {
                problems.add("the Guice modules given to .module(...) cannot be used: " + e.getMessage());
            }
        }
        problems.throwIfAny();
        return new SimulationConfig(
                s.workloads(),
                s.processCount(),
                s.placement(),
                processSource(),
                s.processTags(),
                s.chaosDuration() == null ? Duration.ZERO : s.chaosDuration(),
                java.util.Optional.ofNullable(attrition),
                s.rebootTiming(),
                types,
                s.injectors(),
                resources,
                s.resourceConfigs(),
                s.modules(),
                s.maxSimulatedTime(),
                s.maxStepsPerInstant(),
                s.stopOnFirstViolation(),
                s.buggify(),
                s.timeline(),
                s.invariants());
    }

    /** The one way this simulation makes a process instance on every boot. */
    private SimulationConfig.ProcessSource processSource() {
        if (s.processClass() != null) {
            Class<? extends io.moonpool.api.SimProcess> type = s.processClass();
            return (wiring, ctx) -> wiring.get().process(type, ctx);
        }
        if (s.processSupplier() != null) {
            var supplier = s.processSupplier();
            return (wiring, ctx) -> supplier.get();
        }
        return (wiring, ctx) -> {
            throw new IllegalStateException("this simulation has no processes");
        };
    }

    private void invariants() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Invariant inv : s.invariants()) {
            // null names and checks are rejected when the invariant is added
            if (inv.name().isBlank()) {
                problems.add("an invariant needs a name that says what it checks: .invariant(\"replicas agree\","
                        + " state -> ...), was '" + inv.name() + "'");
            } else if (!names.add(inv.name())) {
                problems.add("two invariants are named '" + inv.name() + "': give each its own name, so that a"
                        + " failure says which one broke");
            }
        }
    }

    private void timeline() {
        if (s.timeline().size() < 0 || s.timeline().size() > Timeline.MAX_ENTRIES) {
            problems.add("timeline(n) needs 0 <= n <= " + Timeline.MAX_ENTRIES + " entries (0 turns the timeline"
                    + " off; traceAll() keeps every entry up to that bound), was "
                    + s.timeline().size());
        }
        if (s.timeline().shown() < 0) {
            problems.add("timelineShown(n) needs n >= 0 entries (0 prints none), was "
                    + s.timeline().shown());
        }
        if (s.timeline().keepAll() && s.timeline().size() == 0) {
            // the property alone gives way to timeline(0) (SimulationBuilder.traceProperty): only the call conflicts
            problems.add("traceAll() keeps the timeline, which timeline(0) turns off: remove one of them");
        }
    }

    private void iterationsAndSeeds() {
        if (s.iterations() != null && s.iterations() < 1) {
            problems.add("iterations must be at least 1, was " + s.iterations() + ": use .iterations(n) with n >= 1");
        }
        if (s.seeds() != null && s.seeds().length == 0) {
            problems.add("seeds() was given no seed: pass at least one, e.g. .seeds(42L)");
        }
        if (s.timeLimit() != null
                && (s.timeLimit().isNegative() || s.timeLimit().isZero())) {
            problems.add("timeLimit must be positive, was " + s.timeLimit()
                    + ": use e.g. .timeLimit(Duration.ofSeconds(30))");
        }
        if (s.maxStepsPerInstant() < 1) {
            problems.add("maxStepsPerInstant must be at least 1, was " + s.maxStepsPerInstant());
        }
        RunProperties.read().problems().forEach(problems::add);
        String determinism = DeterminismCheck.problem(s);
        if (determinism != null) {
            problems.add(determinism);
        }
    }

    /** untilCoverage(max) and plateau(n): positive, the plateau reachable below the cap, no fixed count of seeds. */
    private void coverageDriven() {
        Integer max = s.untilCoverage();
        Integer plateau = s.plateau();
        if (max == null) {
            if (plateau != null) {
                problems.add("plateau(" + plateau + ") only applies to a coverage-driven run: add"
                        + " .untilCoverage(maxIterations), or remove .plateau(n)");
            }
            return;
        }
        if (max < 1) {
            problems.add("untilCoverage(maxIterations) needs maxIterations >= 1, was " + max
                    + ": use e.g. .untilCoverage(10_000)");
        }
        if (plateau != null && plateau < 1) {
            problems.add("plateau must be at least 1, was " + plateau + ": use .plateau(n) with n >= 1 (the default is "
                    + Settings.DEFAULT_PLATEAU + ")");
        }
        if (max >= 1 && s.plateauOrDefault() >= max) {
            problems.add("plateau (" + s.plateauOrDefault() + (plateau == null ? ", the default" : "")
                    + ") must be below untilCoverage's maxIterations (" + max + "): the plateau could never be"
                    + " reached and every run would go to the cap; raise maxIterations or lower .plateau(n)");
        }
        if (s.iterations() != null) {
            problems.add("untilCoverage(maxIterations) decides how many iterations run and cannot be combined with"
                    + " iterations(n): remove .iterations(n) (maxIterations is the cap)");
        }
    }

    /** Simulated durations: positive and at most MAX_DURATION, so the runner's sums of them cannot overflow. */
    private void durations() {
        problems.positive("maxSimulatedTime", s.maxSimulatedTime());
        Duration chaos = s.chaosDuration();
        if (chaos != null) {
            problems.positive("chaosDuration", chaos);
            if (s.maxSimulatedTime().isPositive() && chaos.compareTo(s.maxSimulatedTime()) > 0) {
                problems.add("chaosDuration (" + chaos + ") is longer than maxSimulatedTime ("
                        + s.maxSimulatedTime() + "): every iteration would reach its simulated time limit before"
                        + " chaos ends; shorten .chaosDuration(d) or raise .maxSimulatedTime(d)");
            }
        }
    }

    /** One problem per workload instance added more than once, naming where it was added. */
    private void duplicateWorkloads() {
        Map<Workload, List<Integer>> positions = new IdentityHashMap<>();
        List<Workload> order = new ArrayList<>();
        for (int i = 0; i < s.workloads().size(); i++) {
            Workload w = s.workloads().get(i);
            if (!positions.containsKey(w)) {
                order.add(w);
            }
            positions.computeIfAbsent(w, k -> new ArrayList<>()).add(i + 1);
        }
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
    }

    /** Attrition as configured, or its defaults when enabled by name with {@code .faults("attrition")}. */
    private Attrition effectiveAttrition() {
        return s.attrition() != null ? s.attrition() : s.faultNames().contains(ATTRITION) ? Attrition.defaults() : null;
    }

    private List<String> enabledInjectorNames() {
        List<String> names = new ArrayList<>();
        if (s.attrition() != null) {
            names.add(ATTRITION);
        }
        for (String n : s.faultNames()) {
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
    private List<Class<? extends FaultInjector>> injectorTypes(List<ResourcePlugin> resources) {
        List<String> names = enabledInjectorNames();
        if (s.processClass() == null && names.isEmpty() && s.modules().isEmpty()) {
            return List.of(); // no wiring: discovery of injectors is not needed
        }
        SortedMap<String, Class<? extends FaultInjector>> byName;
        try {
            byName = Discovery.faultInjectors();
        } catch (ConfigurationException e) {
            e.problems().forEach(problems::add);
            return List.of();
        }
        TreeMap<String, String> listed = new TreeMap<>();
        byName.forEach((name, type) -> listed.put(name, type.getName()));
        Discovery.logOnce(resources.stream().map(ResourcePlugin::id).toList(), listed);
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
        return types;
    }

    /** Whether the placement could be checked and is valid, so that counts of its units mean something. */
    private boolean placementValid = true;

    /** How to give more units, for error messages. */
    private String placementHow() {
        return s.layout() != null
                ? "the layout given to processes(layout, ...)"
                : ".machines(m), .zones(z), .datacenters(d) for processes(n, ...), or a Layout";
    }

    /**
     * machines(m), zones(z), datacenters(d): totals for processes(n, ...), nested (1 <= d <= z <= m <= n), and
     * not with a Layout, which says the same per parent.
     */
    private void placement(boolean hasProcesses) {
        Integer m = s.placement().machines();
        Integer z = s.placement().zones();
        Integer d = s.placement().datacenters();
        boolean totals = m != null || z != null || d != null;
        if (!totals) {
            return;
        }
        if (!hasProcesses) {
            problems.add("machines(...), zones(...) or datacenters(...) were given but there are no processes to"
                    + " place: add .processes(n, factory)");
            placementValid = false;
            return;
        }
        if (s.layout() != null) {
            problems.add("machines(...), zones(...) and datacenters(...) give totals for processes(n, ...) and cannot"
                    + " be combined with processes(layout, ...), whose Layout already says how many of each: remove"
                    + " them, or give processes(n, ...)");
            placementValid = false;
            return;
        }
        int n = s.processCount();
        int machines = m != null ? m : n;
        int zones = z != null ? z : 1;
        int dcs = d != null ? d : 1;
        if (!(1 <= dcs && dcs <= zones && zones <= machines && machines <= n)) {
            problems.add("machines, zones and datacenters need 1 <= datacenters <= zones <= machines <= processes,"
                    + " was datacenters " + dcs + (d == null ? " (the default)" : "") + ", zones " + zones
                    + (z == null ? " (the default)" : "") + ", machines " + machines
                    + (m == null ? " (the default: one per process)" : "") + ", processes " + n
                    + ": each level is spread over the one below it, so none may have more than the level below");
            placementValid = false;
        }
    }

    private void processesAndChaos() {
        if (s.workloads().size() > SimTopology.MAX_WORKLOADS) {
            problems.add("at most " + SimTopology.MAX_WORKLOADS + " workloads are supported (one /24 subnet,"
                    + " 10.0.0.1 to 10.0.0.254), was " + s.workloads().size()
                    + ": run the extra clients as tasks of fewer workloads");
        }
        boolean hasProcesses = s.hasProcesses();
        placement(hasProcesses);
        if (hasProcesses
                && s.layout() == null
                && (s.processCount() < 1 || s.processCount() > SimTopology.MAX_PROCESSES)) {
            problems.add("processes(n, factory) needs 1 <= n <= " + SimTopology.MAX_PROCESSES
                    + " (the limit of the address scheme: 254 processes per /24 subnet, 10.0.1.1 to 10.0.255.254),"
                    + " was " + s.processCount());
        }
        if (!hasProcesses && !s.tags().isEmpty()) {
            problems.add("tags(...) were given but there are no processes to tag: add .processes(n, factory)");
        }
        s.tags().forEach((key, values) -> {
            if (values.isEmpty()) {
                problems.add(
                        "tags(\"" + key + "\") has no value: give at least one, e.g. .tags(\"" + key + "\", \"a\")");
            }
        });
        Attrition attrition = effectiveAttrition();
        if (attrition != null) {
            if (s.chaosDuration() == null) {
                problems.add("attrition needs a chaos duration to run in: add .chaosDuration(Duration.ofSeconds(60))");
            }
            if (!hasProcesses) {
                problems.add("attrition reboots processes, but there are none: add .processes(n, factory)");
            } else if (attrition.scope() == io.moonpool.api.FailureDomain.PROCESS && s.layout() == null) {
                if (attrition.maxDead() >= s.processCount()) {
                    problems.add("attrition maxDead (" + attrition.maxDead() + ") must be below the number of"
                            + " processes (" + s.processCount() + "): lower maxDead or add processes");
                }
            } else if (placementValid) {
                long units = s.placement().minUnits(attrition.scope());
                if (attrition.maxDead() >= units) {
                    String scope = attrition.scope().name().toLowerCase(java.util.Locale.ROOT);
                    problems.add("attrition maxDead (" + attrition.maxDead() + ") counts dead units of its scope "
                            + attrition.scope() + " and must be below their number, " + units
                            + (s.layout() != null && !s.layout().fixed() ? " (the fewest the layout can draw)" : "")
                            + ": lower maxDead, or add " + scope + "s (" + placementHow() + ")");
                }
            }
        }
        if ((!s.injectors().isEmpty() || !s.faultNames().isEmpty()) && s.chaosDuration() == null) {
            problems.add("fault injectors run during the chaos phase, which has no duration: add"
                    + " .chaosDuration(Duration.ofSeconds(60))");
        }
    }
}
