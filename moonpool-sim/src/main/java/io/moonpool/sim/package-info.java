/**
 * The simulation runner: configure a simulation with {@link io.moonpool.sim.SimulationBuilder}, run it,
 * and read the {@link io.moonpool.sim.SimulationReport}.
 */
package io.moonpool.sim;
