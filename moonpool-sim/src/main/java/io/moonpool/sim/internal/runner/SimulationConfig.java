package io.moonpool.sim.internal.runner;

import io.moonpool.api.SimContext;
import io.moonpool.api.SimProcess;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.fault.RebootTiming;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.api.spi.ResourcePlugin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A validated simulation configuration: what every iteration runs.
 *
 * @param workloads          the workloads, in the order added
 * @param processCount       how many processes (the most a seed can have, with a layout of ranges)
 * @param placement          where processes run: machines, zones, datacenters, resolved per seed
 * @param processes          makes a fresh process instance on every boot
 * @param processTags        the tags of each process, in IP order, for the most processes a seed can have
 * @param chaosDuration      how long fault injectors run; zero for no chaos
 * @param attrition          the attrition configuration, when attrition runs; its ranges time its own reboots
 * @param rebootTiming       the ranges every other reboot draws from
 * @param injectorTypes      discovered fault injectors enabled by name, built through Guice per iteration
 * @param injectorInstances  fault injector instances added directly, shared by every iteration
 * @param resources          the resource plugins present (network, storage), sorted by id
 * @param resourceConfigs    configurations of resource plugins
 * @param modules            the user's Guice modules
 * @param maxSimulatedTime   the simulated time an iteration may take
 * @param maxStepsPerInstant task steps at one instant before a livelock is declared
 * @param stopOnFirstViolation whether a violated assertion ends its iteration at once
 * @param buggify            whether buggify sites may fire
 * @param timeline           how iterations keep their timeline
 * @param invariants         the invariants, checked after every step and event of the run phase
 */
public record SimulationConfig(
        List<Workload> workloads,
        int processCount,
        Placement placement,
        ProcessSource processes,
        List<Map<String, String>> processTags,
        Duration chaosDuration,
        Optional<Attrition> attrition,
        RebootTiming rebootTiming,
        List<Class<? extends FaultInjector>> injectorTypes,
        List<FaultInjector> injectorInstances,
        List<ResourcePlugin> resources,
        List<ResourceConfig> resourceConfigs,
        List<com.google.inject.Module> modules,
        Duration maxSimulatedTime,
        long maxStepsPerInstant,
        boolean stopOnFirstViolation,
        boolean buggify,
        TimelineSettings timeline,
        List<Invariant> invariants) {

    /** Makes the process instance of one life, building it through the iteration's Guice wiring if need be. */
    @FunctionalInterface
    public interface ProcessSource {
        /**
         * Makes an instance.
         *
         * @param wiring the iteration's Guice wiring, made at first use
         * @param ctx    the life's context
         * @return a fresh instance
         */
        SimProcess create(Supplier<Wiring> wiring, SimContext ctx);
    }

    /** Defensive copies. */
    public SimulationConfig {
        workloads = List.copyOf(workloads);
        processTags = List.copyOf(processTags);
        injectorTypes = List.copyOf(injectorTypes);
        injectorInstances = List.copyOf(injectorInstances);
        resources = List.copyOf(resources);
        resourceConfigs = List.copyOf(resourceConfigs);
        invariants = List.copyOf(invariants);
        modules = List.copyOf(modules);
    }

    /** Whether any fault injector runs. */
    boolean hasInjectors() {
        return !injectorTypes.isEmpty() || !injectorInstances.isEmpty();
    }

    /** The longest a reboot can keep a process away, from attrition or any other injector. */
    Duration longestOutage() {
        Duration others = rebootTiming.longestOutage();
        return attrition
                .map(a -> a.timing().longestOutage())
                .filter(d -> d.compareTo(others) > 0)
                .orElse(others);
    }
}
