package io.moonpool.sim.internal.runner;

import io.moonpool.api.SimProcess;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.RebootTiming;
import io.moonpool.api.spi.ResourceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a {@code SimulationBuilder} collected, as given and not yet checked: {@link Validation} checks it, and
 * {@link Runner} runs it. Nullable components are settings the user did not make.
 *
 * @param workloads          the workloads, in the order added
 * @param processCount       how many processes
 * @param placement          where the processes run: a layout, totals of machines, zones and datacenters, or
 *                           the default (checked by {@link Validation} before it is used)
 * @param processSupplier    the process factory given, or null
 * @param processClass       the process class given, or null
 * @param modules            the user's Guice modules
 * @param faultNames         discovered fault injectors enabled by name
 * @param resourceConfigs    configurations of resource plugins
 * @param tags               tag values by key, assigned round-robin, in the order added
 * @param chaosDuration      the chaos duration, or null
 * @param attrition          attrition's configuration, or null
 * @param rebootTiming       the timing of every reboot that attrition does not make
 * @param injectors          fault injector instances added directly
 * @param iterations         the number of iterations, or null
 * @param seeds              the exact seeds to run, or null
 * @param timeLimit          the wall-time budget, or null
 * @param maxSimulatedTime   the simulated time an iteration may take
 * @param maxStepsPerInstant task steps at one instant before a livelock is declared
 * @param stopOnFirstViolation whether a violated assertion ends its iteration at once
 * @param requireCoverage    whether an assertion never satisfied fails the report
 * @param expected           assertions declared up front, by message
 * @param buggify            whether buggify sites may fire
 * @param timeline           how iterations keep their timeline
 * @param invariants         the invariants, in the order added
 * @param verifyFailures     whether each failing seed is re-run after the batch, to tell whether it reproduces
 * @param baseSeed           the base seed given, or null for a random one (or the system property's)
 * @param untilCoverage      the cap of a coverage-driven run, or null when the run is not coverage-driven
 * @param plateau            the seeds without a new assertion site or bucket that end a coverage-driven run, or
 *                           null for {@link #DEFAULT_PLATEAU}
 * @param reportFile         where the report's JSON is written when the run ends, or null
 * @param progress           called after every iteration of the batch with what the run has done so far, or
 *                           null
 * @param checkDeterminism   whether the builder asked for the determinism check (the system property
 *                           {@code moonpool.checkDeterminism}, when set, decides instead)
 * @param parallelism        how many worker JVMs run the iterations, or null for the default
 * @param source             the recipe a worker JVM rebuilds the builder from, or null when none was given
 */
public record Settings(
        List<Workload> workloads,
        int processCount,
        Placement placement,
        Supplier<? extends SimProcess> processSupplier,
        Class<? extends SimProcess> processClass,
        List<com.google.inject.Module> modules,
        List<String> faultNames,
        List<ResourceConfig> resourceConfigs,
        Map<String, List<String>> tags,
        Duration chaosDuration,
        Attrition attrition,
        RebootTiming rebootTiming,
        List<FaultInjector> injectors,
        Integer iterations,
        long[] seeds,
        Duration timeLimit,
        Duration maxSimulatedTime,
        long maxStepsPerInstant,
        boolean stopOnFirstViolation,
        boolean requireCoverage,
        List<String> expected,
        boolean buggify,
        TimelineSettings timeline,
        List<Invariant> invariants,
        Integer untilCoverage,
        Integer plateau,
        Long baseSeed,
        java.nio.file.Path reportFile,
        boolean verifyFailures,
        java.util.function.Consumer<io.moonpool.sim.Progress> progress,
        boolean checkDeterminism,
        Integer parallelism,
        io.moonpool.sim.internal.worker.Recipe source) {

    /** The plateau of a coverage-driven run when none is given. */
    public static final int DEFAULT_PLATEAU = 100;

    /** Copies, so that a builder changed after {@code run()} began changes nothing of this run. */
    public Settings {
        workloads = List.copyOf(workloads);
        modules = List.copyOf(modules);
        faultNames = List.copyOf(faultNames);
        resourceConfigs = List.copyOf(resourceConfigs);
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        tags.forEach((k, v) -> ordered.put(k, List.copyOf(v)));
        tags = Collections.unmodifiableMap(ordered);
        injectors = List.copyOf(injectors);
        seeds = seeds == null ? null : seeds.clone();
        expected = List.copyOf(expected);
        invariants = List.copyOf(invariants);
    }

    /** The plateau of a coverage-driven run: the one given, or {@link #DEFAULT_PLATEAU}. */
    int plateauOrDefault() {
        return plateau != null ? plateau : DEFAULT_PLATEAU;
    }

    /** The layout given with {@code processes(layout, ...)}, or null. */
    io.moonpool.sim.Layout layout() {
        return placement.layout();
    }

    /** Whether a process factory or class was given. */
    boolean hasProcesses() {
        return processSupplier != null || processClass != null;
    }

    /** The tags of each process, in IP order: the values of each key assigned round-robin. */
    List<Map<String, String>> processTags() {
        List<Map<String, String>> all = new ArrayList<>();
        for (int i = 0; i < (hasProcesses() ? processCount : 0); i++) {
            Map<String, String> mine = new java.util.TreeMap<>();
            for (Map.Entry<String, List<String>> e : tags.entrySet()) {
                mine.put(e.getKey(), e.getValue().get(i % e.getValue().size()));
            }
            all.add(Collections.unmodifiableMap(mine));
        }
        return all;
    }
}
