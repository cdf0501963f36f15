package io.moonpool.sim.internal.runner;

import io.moonpool.api.SimProcess;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.FaultInjector;
import io.moonpool.api.spi.ResourceConfig;
import io.moonpool.api.spi.ResourcePlugin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A validated simulation configuration.
 *
 * @param workloads          the workloads, in the order added
 * @param processCount       how many processes
 * @param processSupplier    makes a fresh process instance on every boot, or null
 * @param processClass       the process class Guice builds on every boot, or null
 * @param processTags        the tags of each process, in IP order
 * @param chaosDuration      how long fault injectors run; zero for no chaos
 * @param attrition          the attrition configuration, or null; its ranges time every reboot
 * @param injectorTypes      discovered fault injectors enabled by name, built through Guice per iteration
 * @param injectorInstances  fault injector instances added directly, shared by every iteration
 * @param resources          the resource plugins present (network, storage), sorted by id
 * @param resourceConfigs    configurations of resource plugins
 * @param modules            the user's Guice modules
 * @param needsWiring        whether iterations build a Guice injector (process classes, discovered injectors)
 * @param maxSimulatedTime   the simulated time an iteration may take
 * @param maxStepsPerInstant task steps at one instant before a livelock is declared
 */
public record SimulationConfig(List<Workload> workloads, int processCount,
                               Supplier<? extends SimProcess> processSupplier,
                               Class<? extends SimProcess> processClass, List<Map<String, String>> processTags,
                               Duration chaosDuration, Attrition attrition,
                               List<Class<? extends FaultInjector>> injectorTypes,
                               List<FaultInjector> injectorInstances, List<ResourcePlugin> resources,
                               List<ResourceConfig> resourceConfigs,
                               List<com.google.inject.Module> modules, boolean needsWiring,
                               Duration maxSimulatedTime, long maxStepsPerInstant) {

    /** Defensive copies. */
    public SimulationConfig {
        workloads = List.copyOf(workloads);
        processTags = List.copyOf(processTags);
        injectorTypes = List.copyOf(injectorTypes);
        injectorInstances = List.copyOf(injectorInstances);
        resources = List.copyOf(resources);
        resourceConfigs = List.copyOf(resourceConfigs);
        modules = List.copyOf(modules);
    }

    /** Whether any fault injector runs. */
    boolean hasInjectors() {
        return !injectorTypes.isEmpty() || !injectorInstances.isEmpty();
    }
}
