package io.moonpool.sim.internal.runner;

import io.moonpool.api.Workload;

import java.time.Duration;
import java.util.List;

/**
 * A validated simulation configuration.
 *
 * @param workloads          the workloads, in the order added
 * @param maxSimulatedTime   the simulated time an iteration may take
 * @param maxStepsPerInstant task steps at one instant before a livelock is declared
 */
public record SimulationConfig(List<Workload> workloads, Duration maxSimulatedTime, long maxStepsPerInstant) {

    /** Defensive copy. */
    public SimulationConfig {
        workloads = List.copyOf(workloads);
    }
}
