package io.moonpool.sim.internal.runner;

import io.moonpool.api.SimProcess;
import io.moonpool.api.Workload;
import io.moonpool.api.fault.Attrition;
import io.moonpool.api.fault.FaultInjector;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A validated simulation configuration.
 *
 * @param workloads          the workloads, in the order added
 * @param processCount       how many processes
 * @param processFactory     makes a fresh process instance on every boot; null when there are no processes
 * @param processTags        the tags of each process, in IP order
 * @param chaosDuration      how long fault injectors run; zero for no chaos
 * @param attrition          the attrition configuration; also the reboot timings of other injectors
 * @param injectors          the fault injectors (attrition included when configured)
 * @param maxSimulatedTime   the simulated time an iteration may take
 * @param maxStepsPerInstant task steps at one instant before a livelock is declared
 */
public record SimulationConfig(List<Workload> workloads, int processCount,
                               Supplier<? extends SimProcess> processFactory, List<Map<String, String>> processTags,
                               Duration chaosDuration, Attrition attrition, List<FaultInjector> injectors,
                               Duration maxSimulatedTime, long maxStepsPerInstant) {

    /** Defensive copies. */
    public SimulationConfig {
        workloads = List.copyOf(workloads);
        processTags = List.copyOf(processTags);
        injectors = List.copyOf(injectors);
    }
}
